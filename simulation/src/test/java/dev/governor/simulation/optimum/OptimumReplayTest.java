package dev.governor.simulation.optimum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.simulation.Scenario;
import dev.governor.simulation.Simulation;
import dev.governor.simulation.SimulationReport;
import dev.governor.simulation.trace.Trace;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimumReplayTest {
  static final Simulation SIM = Simulation.of(Trace.bundled("nab_aws_elb_requests_2014_5min.csv"),
      Scenario.standard().withScale(2).withWindow(Instant.parse("2014-04-17T00:00:00Z"),
          Instant.parse("2014-04-19T00:00:00Z")));

  @Test
  void everyRunCarriesTheSameOptimumAndItsRatio() {
    List<SimulationReport> rs = SIM.compare(List.of("hpa", "optimal", "lookahead"));
    double opt = SIM.optimum().instanceHours();
    assertTrue(SIM.optimum().exact());
    for (SimulationReport r : rs) {
      assertEquals(opt, r.optimumInstanceHours(), 0);
      assertEquals(r.instanceHours() / opt, r.costVsOptimum(), 1e-12);
      assertEquals(r.costVsOptimum(), (Double) r.toMap().get("costVsOptimum"), 0);
      assertTrue(r.lowerBoundInstanceHours() <= opt, "every slot busy on all the work costs no more than the optimum");
      if (r.sloAttainment() >= 0.995) {
        assertTrue(r.instanceHours() >= 0.97 * opt, () -> r.policy() + " beats the optimum: " + r.costVsOptimum());
      }
    }
    SimulationReport replayed = rs.get(1);
    assertEquals("optimal", replayed.policy());
    assertTrue(replayed.sloAttainment() >= 0.995, "the replayed plan meets its deadlines: " + replayed.sloAttainment());
    assertTrue(replayed.costVsOptimum() < 1.15, "and costs near its plan: " + replayed.costVsOptimum());
  }
}
