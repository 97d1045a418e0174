package dev.governor.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.Planner;
import dev.governor.policy.HybridPolicy;
import dev.governor.simulation.trace.Synthetic;
import dev.governor.simulation.trace.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/**
 * No job is lost or invented, whatever goes wrong: every arrived job is completed or still
 * queued / in service at the end, across terminations of busy instances, crashes, failed boots,
 * capacity errors, throttling and signal outages.
 */
class ConservationProperties {
  static final Instant T0 = Instant.parse("2026-01-05T06:00:00Z");

  static Trace load() {
    return Synthetic.withBursts(
        Synthetic.weekly().start(T0).duration(Duration.ofHours(4)).step(Duration.ofMinutes(1)).meanPerStep(25).build(),
        List.of(Synthetic.Burst.of(T0.plus(Duration.ofMinutes(90)), 400)));
  }

  @Property(tries = 25)
  void everyArrivedJobIsCompletedOrStillThere(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @DoubleRange(min = 0, max = 0.5) double launchFailure,
      @ForAll @DoubleRange(min = 0, max = 0.5) double capacityError,
      @ForAll @DoubleRange(min = 0, max = 3) double crashesPerHour,
      @ForAll @DoubleRange(min = 0, max = 0.5) double throttle,
      @ForAll @DoubleRange(min = 0, max = 48) double outagesPerDay,
      @ForAll Dispatch dispatch,
      @ForAll Planner.BusyPolicy busyPolicy) {
    Faults faults = new Faults(launchFailure, capacityError, crashesPerHour, outagesPerDay, Duration.ofMinutes(5), throttle);
    Scenario sc = Scenario.standard().withSeed(seed).withFaults(faults).withDispatch(dispatch).withBounds(0, 200);
    SimulationReport r = Simulation.of(load(), sc)
        .run(PolicySetup.of(HybridPolicy.ofDefaults()).withPlanner(new Planner(busyPolicy)));

    assertEquals(r.jobs(), r.completed() + r.unfinished(), "arrived = completed + waiting or running at the end");
    long arrivals = 0;
    long completions = 0;
    for (int k = 0; k < r.series().size(); k++) {
      arrivals += r.series().arrivals(k);
      completions += r.series().completions(k);
    }
    assertEquals(r.jobs(), arrivals);
    assertEquals(r.completed(), completions);
    assertTrue(r.sloAttainment() >= 0 && r.sloAttainment() <= 1, "attainment " + r.sloAttainment());
    assertTrue(r.utilization() <= 1 + 1e-9, "utilisation " + r.utilization());
    assertTrue(r.instanceHours() >= r.lowerBoundInstanceHours() * r.completed() / Math.max(1, r.jobs()) - 1e-9,
        "no fleet is billed less than the work it did");
    if (crashesPerHour == 0 && busyPolicy != Planner.BusyPolicy.TERMINATE) {
      assertEquals(0, r.returnedJobs(), "only crashes and busy terminations give jobs back");
    }
  }
}
