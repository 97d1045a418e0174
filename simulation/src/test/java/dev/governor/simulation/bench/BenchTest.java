package dev.governor.simulation.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.simulation.PolicyRegistry;
import dev.governor.simulation.bench.Bench.BenchTrace;
import dev.governor.simulation.bench.Bench.Case;
import dev.governor.simulation.bench.Bench.Entry;
import dev.governor.simulation.bench.Bench.Run;
import dev.governor.simulation.bench.Bench.Tier;
import dev.governor.simulation.report.BenchReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bench on two days of NASA with one baseline: how it tunes, what it reports, that its JSON comes back whole. */
class BenchTest {
  static final BenchTrace NASA = new BenchTrace("nasa_http_jul1995_1min.csv", 2, Instant.parse("1995-07-10T00:00:00Z"),
      Instant.parse("1995-07-12T00:00:00Z"));
  static Case relaxed;

  @BeforeAll
  static void runOnce() {
    relaxed = Bench.of(PolicyRegistry.standard(), Bench.Runner.sequential(), Map.of(), true)
        .run(List.of(NASA), List.of(Tier.RELAXED), List.of("keda-sqs")).get(0);
  }

  @Test
  void referencesAreReplayedInOneFixedOrderSoTheJsonIsTheSameEveryRun() {
    assertEquals(List.of("optimal", "oracle", "lookahead"), List.copyOf(Bench.REFERENCES));
  }

  @Test
  void theBaselinesSettingIsTheCheapestOneMeetingTheTargetOnTheTrainingHalfAndIsReportedOnTheTestHalf() {
    Entry keda = relaxed.entry("keda-sqs");
    assertNotNull(keda);
    assertEquals(keda.trainSweep().size(), keda.sweep().size(), "the whole grid, on both halves");
    assertTrue(keda.trainSweep().size() >= 15, "a grid fine enough for the baseline to be at its best");
    Run chosen = keda.train();
    for (Run r : keda.trainSweep()) {
      if (!r.overloaded() && r.sloAttainment() >= Tier.RELAXED.sloTarget()) {
        assertTrue(chosen.instanceHours() <= r.instanceHours() + 1e-9,
            () -> "chosen " + chosen.params() + " is not the cheapest meeting the target: " + r.params() + " is");
      }
    }
    Run sameOnTest = keda.sweep().stream().filter(r -> r.params().equals(chosen.params())).findFirst().orElseThrow();
    assertEquals(sameOnTest, keda.test(), "reported on the test half at the setting chosen on the training half");
    assertTrue(relaxed.testStart().isAfter(relaxed.trainStart()) && relaxed.testStart().isBefore(relaxed.testEnd()));
  }

  @Test
  void governorRunsAtItsDefaultsAndTheVerdictComparesItWithTheCheapestBaselineMeetingTheTarget() {
    Entry g = relaxed.entry(Bench.GOVERNOR);
    assertTrue(g.test().params().isEmpty(), "defaults");
    assertNull(g.train(), "Governor is not tuned");
    Entry best = relaxed.cheapestBaselineMeeting();
    if (best != null) {
      assertEquals(g.test().instanceHours() / best.test().instanceHours(), relaxed.governorVsBest(), 1e-12);
      String v = BenchReport.verdict(relaxed);
      assertTrue(v.startsWith(relaxed.governorVsBest() <= 1 + 1e-9 ? "wins" : "LOSES") || v.startsWith("MISSES"), v);
    }
  }

  @Test
  void itsJsonComesBackAsTheSameCasesAndTheSameTables() {
    String json = Bench.toJson(List.of(relaxed));
    List<Case> back = Bench.fromJson(json);
    assertEquals(json, Bench.toJson(back));
    assertEquals(BenchReport.markdown(List.of(relaxed)), BenchReport.markdown(back));
  }

  @Test
  void reusedBaselineRunsGiveTheSameCaseWithoutReplayingThem() {
    int[] replays = {0};
    Bench.Runner counting = runs -> {
      replays[0] += runs.size();
      return Bench.Runner.sequential().run(runs);
    };
    Case again = Bench.of(PolicyRegistry.standard(), counting, Bench.reusable(Bench.toJson(List.of(relaxed))), true)
        .withReferences(false).run(List.of(NASA), List.of(Tier.RELAXED), List.of("keda-sqs")).get(0);
    assertEquals(1, replays[0], "only Governor is replayed");
    assertEquals(relaxed.entry("keda-sqs"), again.entry("keda-sqs"));
    assertEquals(relaxed.entry(Bench.GOVERNOR), again.entry(Bench.GOVERNOR), "the same seed gives the same run");
  }

  @Test
  void underItsOwnSeedAReseedGivesBackTheCasesRunsAndUnderAnotherADifferentDrawOfTheSameLoad() {
    Map<Long, List<Case>> bySeed = Bench.of(PolicyRegistry.standard(), Bench.Runner.sequential(), Map.of(), false)
        .reseed(List.of(relaxed), List.of(1L, 7L));
    Case same = bySeed.get(1L).get(0);
    Case other = bySeed.get(7L).get(0);
    for (String policy : List.of(Bench.GOVERNOR, "keda-sqs")) {
      assertEquals(relaxed.entry(policy).test(), same.entry(policy).test(), policy + " at the bench's own seed");
      assertEquals(relaxed.entry(policy).test().params(), other.entry(policy).test().params(), "not tuned again");
      assertTrue(other.entry(policy).test().instanceHours() != relaxed.entry(policy).test().instanceHours(),
          policy + ": another seed draws other jobs");
    }
    assertNull(same.entry("optimal"), "the references are not replayed");
    assertEquals(relaxed.testStart(), other.testStart());

    String json = Bench.seedsToJson(bySeed);
    assertEquals(json, Bench.seedsToJson(Bench.seedsFromJson(json)));
    String table = BenchReport.seedsMarkdown(List.of(relaxed), bySeed);
    String row = table.lines().filter(l -> l.startsWith("| " + NASA.label())).findFirst().orElseThrow();
    long meets = java.util.stream.Stream.of(relaxed, same, other)
        .filter(c -> c.entry(Bench.GOVERNOR).meets(Tier.RELAXED.sloTarget())).count();
    assertTrue(row.contains("| bench's, 1, 7 |"), row);
    assertTrue(row.contains("| " + meets + "/3 |"), row);
    assertEquals(3, java.util.regex.Pattern.compile("(wins|LOSES|MISSES target|only one to meet target) (\\d)/3")
        .matcher(row).results().mapToInt(m -> Integer.parseInt(m.group(2))).sum(), row);
  }

  @Test
  void governorsExperimentalSettingsAreAppliedAndShown() {
    Case c = Bench.of(PolicyRegistry.standard(), Bench.Runner.sequential(), Bench.reusable(Bench.toJson(List.of(relaxed))), false)
        .withReferences(false).withGovernorParams(Map.of("deadlineShare", 0.5))
        .run(List.of(NASA), List.of(Tier.RELAXED), List.of("keda-sqs")).get(0);
    Run g = c.entry(Bench.GOVERNOR).test();
    assertEquals(Map.of("deadlineShare", 0.5), g.params());
    assertTrue(g.instanceHours() > relaxed.entry(Bench.GOVERNOR).test().instanceHours(),
        "half the deadline share buys more capacity");
  }
}
