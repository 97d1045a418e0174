package dev.governor.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.simulation.trace.Synthetic;
import dev.governor.simulation.trace.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * No job is lost or invented under any combination of the catalogue's faults: every arrived job
 * is completed, waiting or in service at the end, and the per-tick counts add up. Small traces in
 * the build; {@code -Dgovernor.soak=true} adds a longer soak over day-long traces and every
 * registered policy.
 */
class FaultConservationProperties {
  static final Instant T0 = Instant.parse("2026-01-05T06:00:00Z");

  static Trace load(Duration length, double mean) {
    return Synthetic.withBursts(
        Synthetic.weekly().start(T0).duration(length).step(Duration.ofMinutes(1)).meanPerStep(mean).build(),
        List.of(Synthetic.Burst.of(T0.plus(length.dividedBy(3)), (int) (mean * 15))));
  }

  /** The catalogue faults whose bit is set in {@code mask}, combined. */
  static Faults combination(long mask) {
    Faults f = Faults.none();
    int bit = 0;
    for (Map.Entry<String, Faults> e : FaultCatalogue.standard("jobs").entrySet()) {
      if (!e.getKey().equals(FaultCatalogue.ALL) && (mask >>> bit & 1) == 1) {
        f = f.and(e.getValue());
      }
      bit++;
    }
    return f;
  }

  static void assertConserved(FaultedRun run, String where) {
    SimulationReport r = run.report();
    assertEquals(0, run.jobsLost(), where + ": arrived = completed + waiting + in service at the end");
    long arrivals = 0;
    long completions = 0;
    for (int k = 0; k < r.series().size(); k++) {
      arrivals += r.series().arrivals(k);
      completions += r.series().completions(k);
    }
    assertEquals(r.jobs(), arrivals, where);
    assertEquals(r.completed(), completions, where);
    assertTrue(r.sloAttainment() >= 0 && r.sloAttainment() <= 1, where + ": attainment " + r.sloAttainment());
    assertTrue(r.utilization() <= 1 + 1e-9, where + ": utilisation " + r.utilization());
    assertTrue(run.counts().killedJobs() <= r.returnedJobs(), where + ": a killed job goes back to the queue");
  }

  @Property(tries = 12)
  void noJobIsLostUnderAnyCombinationOfFaults(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll long maskSeed, @ForAll @IntRange(min = 0, max = 2) int policy) {
    String name = List.of("governor", "target-tracking", "hpa").get(policy);
    // uniform over the combinations (jqwik biases numbers towards small ones, which would leave most faults off)
    Faults f = combination(new SplittableRandom(maskSeed).nextLong() & ((1L << 23) - 1));
    Simulation sim = Simulation.of(load(Duration.ofHours(3), 20),
        Scenario.standard().withSeed(seed).withBounds(0, 200).withFaults(f));
    PolicyRegistry.Entry e = sim.registry().get(name);
    assertConserved(sim.runCounted(e.name(), e.factory(), Map.of()), name + " under " + f);
  }

  @Test
  @EnabledIfSystemProperty(named = "governor.soak", matches = "true")
  void soak() {
    SplittableRandom rnd = new SplittableRandom(20261202);
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      long seed = 1 + rnd.nextInt(1_000_000);
      long mask = rnd.nextLong() & ((1L << 23) - 1);
      Faults f = combination(mask);
      Simulation sim = Simulation.of(load(Duration.ofHours(24), 40),
          Scenario.standard().withSeed(seed).withBounds(0, 300).withFaults(f));
      for (PolicyRegistry.Entry e : sim.registry().resolve(List.of("all"))) {
        try {
          assertConserved(sim.runCounted(e.name(), e.factory(), Map.of()), e.name() + " seed " + seed + " mask " + mask);
        } catch (AssertionError err) {
          failed.add(err.getMessage());
        }
      }
    }
    assertTrue(failed.isEmpty(), String.join("\n", failed));
  }
}
