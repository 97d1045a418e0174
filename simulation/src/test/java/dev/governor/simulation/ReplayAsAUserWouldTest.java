package dev.governor.simulation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.policy.HybridPolicy;
import dev.governor.simulation.trace.Trace;
import org.junit.jupiter.api.Test;

/** Written exactly as a user's own test would be: "our policy must hold the SLO on last month's load". */
class ReplayAsAUserWouldTest {
  @Test
  void governorHoldsTheSloOnRecordedLoad() {
    var report = Simulation.of(Trace.bundled("nab_aws_elb_requests_2014_5min.csv"), Scenario.standard().withSlots(4))
        .run(HybridPolicy.ofDefaults());

    assertTrue(report.sloAttainment() > 0.99, () -> "SLO attainment was " + report.sloAttainment());
    assertTrue(report.costRatio() < 3, () -> "cost ratio was " + report.costRatio());
  }
}
