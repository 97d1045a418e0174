package dev.governor.simulation;

import dev.governor.policy.baseline.StaticPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.governor.fleet.BillingModel;
import dev.governor.simulation.trace.Trace;
import dev.governor.simulation.trace.TraceRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Four jobs of exactly 30 s arrive together on one instance with two slots: two start at once,
 * two wait 30 s. Everything in the report can be worked out by hand.
 */
class HandComputedReportTest {
  static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

  static Trace fourJobs() {
    return Trace.of("four", List.of(TraceRow.burst(T0, "jobs", 4), TraceRow.interval(T0, 120, "jobs", 0)));
  }

  static Scenario scenario() {
    return Scenario.standard().withServiceTime(Duration.ofSeconds(30)).withServiceCv(0).withSlots(2)
        .withDeadline(Duration.ofSeconds(20)).withBounds(1, 10);
  }

  static PolicySetup oneInstance() {
    return PolicySetup.of(new StaticPolicy(1)).withBoundsOnly().withInitialInstances(1);
  }

  @Test
  void perSecondBilling() {
    SimulationReport r = Simulation.of(fourJobs(), scenario()).run(oneInstance());
    assertEquals(4, r.jobs());
    assertEquals(4, r.completed());
    assertEquals(0, r.unfinished());
    assertEquals(0.5, r.sloAttainment(), 1e-12, "two of four waited 30 s > 20 s");
    assertEquals(0, r.waitP50Seconds(), 1e-12);
    assertEquals(30, r.waitP99Seconds(), 0.3);
    assertEquals(30, r.maxWaitSeconds(), 1e-9);
    assertEquals(120 / 3600.0, r.instanceHours(), 1e-12, "one instance for the 120 s of the trace");
    assertEquals(0.10 * 120 / 3600.0, r.cost(), 1e-12);
    assertEquals(4 * 30 / 2 / 3600.0, r.lowerBoundInstanceHours(), 1e-12);
    assertEquals(2.0, r.costRatio(), 1e-9);
    assertEquals(0.5, r.utilization(), 1e-9, "120 busy slot-seconds of 240");
    assertEquals(0, r.launches());
    assertEquals(0, r.terminations());
    assertEquals(2, r.ticks());
    // demand: tick 0 has 120 s of work → ⌈120 / (2·60)⌉ = 1, tick 1 none → 0; supply 1, 1
    assertEquals(1, r.series().demand(0));
    assertEquals(0, r.series().demand(1));
    assertEquals(0, r.thetaU(), 1e-9);
    assertEquals(50, r.thetaO(), 1e-9, "100/120 · (1 − 0)/max(0, ε=1) · 60");
    assertEquals(0, r.tauU(), 1e-9);
    assertEquals(50, r.tauO(), 1e-9);
    assertEquals(100, r.instability(), 1e-9, "demand fell while supply stayed");
    assertEquals(-30, r.jitter(), 1e-9, "(0 supply changes − 1 demand change) / (120 s = 1/30 h)");
  }

  @Test
  void perHourBillingChargesTheWholeHour() {
    SimulationReport r = Simulation.of(fourJobs(), scenario().withBilling(BillingModel.PER_HOUR)).run(oneInstance());
    assertEquals(1.0, r.instanceHours(), 1e-12);
    assertEquals(0.10, r.cost(), 1e-12);
    assertEquals(120 / (3600.0 * 2), r.utilization(), 1e-9);
  }

  @Test
  void theTimeSeriesSeesTheBacklogAtTheTick() {
    SimulationReport r = Simulation.of(fourJobs(), scenario()).run(oneInstance());
    assertEquals(4, r.series().arrivals(0));
    assertEquals(2, r.series().backlog(0), "two jobs wait at the first tick");
    assertEquals(2, r.series().inflight(0));
    assertEquals(2, r.series().completions(0));
    assertEquals(2, r.series().completions(1), "the second pair finishes at exactly 60 s, in tick 1");
    assertEquals(120, r.series().work(0), 1e-9);
  }
}
