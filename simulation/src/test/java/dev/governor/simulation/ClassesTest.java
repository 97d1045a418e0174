package dev.governor.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.policy.baseline.StaticPolicy;
import dev.governor.simulation.trace.Trace;
import dev.governor.simulation.trace.TraceRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several classes share the fleet: priority first, then the earliest deadline. */
class ClassesTest {
  static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

  static SimulationReport run(Scenario sc) {
    // one slot; at t0 two 'batch' jobs and two 'urgent' jobs arrive, in that order, 10 s each
    Trace t = Trace.of("two-classes", List.of(TraceRow.burst(T0, "batch", 2), TraceRow.burst(T0, "urgent", 2),
        TraceRow.interval(T0, 120, "batch", 0)));
    return Simulation.of(t, sc).run(PolicySetup.of(new StaticPolicy(1)).withBoundsOnly().withInitialInstances(1));
  }

  static Scenario oneSlot() {
    return Scenario.standard().withSlots(1).withServiceTime(Duration.ofSeconds(10)).withServiceCv(0).withBounds(1, 1);
  }

  @Test
  void higherPriorityGoesFirst() {
    // the first batch job takes the free slot on arrival; then both urgent jobs, then the last batch job
    Scenario sc = oneSlot()
        .withClass(new JobClassSpec("batch", Duration.ofSeconds(10), 0, Duration.ofSeconds(15), 0))
        .withClass(new JobClassSpec("urgent", Duration.ofSeconds(10), 0, Duration.ofSeconds(25), 5));
    SimulationReport r = run(sc);
    // waits: batch 0 and 30, urgent 10 and 20 → within deadlines: batch 0 (≤15), urgent 10, 20 (≤25); batch 30 misses
    assertEquals(0.75, r.sloAttainment(), 1e-12);
    assertEquals(30, r.maxWaitSeconds(), 1e-9);
  }

  @Test
  void equalPrioritiesGoByEarliestDeadline() {
    Scenario sc = oneSlot()
        .withClass(new JobClassSpec("batch", Duration.ofSeconds(10), 0, Duration.ofSeconds(100), 0))
        .withClass(new JobClassSpec("urgent", Duration.ofSeconds(10), 0, Duration.ofSeconds(25), 0));
    SimulationReport r = run(sc);
    // urgent jobs are due at 25 s, the waiting batch job at 100 s: urgent first → all four meet their deadline
    assertEquals(1.0, r.sloAttainment(), 1e-12);
    assertEquals(30, r.maxWaitSeconds(), 1e-9, "the last batch job waits for the three before it");
  }

  /**
   * Strict priorities (uploads 2 over thumbnails 1 over watermark 0) on the whole SmugMug week,
   * its three 10,000-job watermark bursts included: the governor sizes the
   * fleet for the lowest class too, counting the higher classes' later arrivals that take the slots
   * before its jobs, and does not release the capacity a burst's backlog drains with. It once
   * planned each class's wait as its queue over all the slots (thumbnails met their objective for
   * about half of their jobs), and later wrote a draining burst off as lost once it was past the
   * release band, released its capacity under it and made 3 % of the watermark jobs late.
   */
  @Test
  void theGovernorDoesNotStarveALowerPriority() {
    governorHoldsEveryClassUnderStrictPriorities(ScenarioFile.load("smugmug-week"), "the week");
  }

  /** Uploads 2 over thumbnails 1 over watermark 0; the governor must hold every class at 99 %. */
  private static void governorHoldsEveryClassUnderStrictPriorities(ScenarioFile f, String window) {
    Scenario s = f.applyTo(Scenario.standard());
    int p = 2;
    for (String c : List.of("uploads", "thumbnails", "watermark")) {
      JobClassSpec spec = s.classSpec(c);
      s = s.withClass(new JobClassSpec(c, spec.serviceTime(), spec.serviceCv(), spec.deadline(), p--));
    }
    SimulationReport r = Simulation.of(f.trace(), s).run("governor");
    assertEquals(30_000, r.classReport("watermark").jobs(), window + " holds the three bursts");
    for (String c : List.of("uploads", "thumbnails", "watermark")) {
      assertTrue(r.classReport(c).sloAttainment() >= 0.99, c + " " + r.classReport(c));
    }
  }

  /**
   * The hardest day of the same scenario for the lowest class: Saturday 1995-07-15 holds all three
   * watermark bursts, two of them three minutes apart, behind uploads and thumbnails with strict
   * priority. The second burst's jobs all arrive together and drain last, behind the higher
   * classes' arrivals. The governor once wrote such a cohort off whole as soon as its tail could no
   * longer start in time (its head still could), released under it and made 1.7 % of the watermark
   * jobs late.
   */
  @Test
  void strictPrioritiesHoldTheLowestClassOnTheDayOfThreeBursts() throws java.io.IOException {
    String json;
    try (var in = ClassesTest.class.getClassLoader().getResourceAsStream("scenarios/smugmug-week.json")) {
      json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    json = json.replace("\"from\": \"1995-07-09T00:00:00Z\"", "\"from\": \"1995-07-15T00:00:00Z\"");
    ScenarioFile f = ScenarioFile.parse(json, "smugmug-saturday", null);
    assertEquals(Instant.parse("1995-07-15T00:00:00Z"), f.from(), "the window was moved");
    governorHoldsEveryClassUnderStrictPriorities(f, "the day");
  }
}
