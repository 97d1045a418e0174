package dev.governor.policy;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static dev.governor.Fixtures.UPLOADS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.fleet.JobClass;
import dev.governor.signal.Freshness;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalHistory;
import dev.governor.signal.SignalNames;
import dev.governor.signal.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the policy learned survives a restart: {@link HybridPolicy#saveState()} and
 * {@link HybridPolicy#restoreState(String)} carry every per-class estimate (that a restored policy
 * decides exactly like one that never stopped is {@link ScalingPolicyContractTest}'s rule for every
 * policy), a warm start does not learn twice, and a bad document changes nothing.
 */
class HybridPolicyStateTest {
  private static final Duration MINUTE = RandomDay.MINUTE;
  private static final List<JobClass> CLASSES = RandomDay.CLASSES;

  @Test
  void theConfidenceTheLateJobsEarnedSurvivesARestartAndAFreshPolicyStartsAtTheDefault() {
    List<PolicyContext> ticks = lateHour();
    HybridPolicy p = HybridPolicy.ofDefaults();
    double z = Double.NaN;
    for (PolicyContext c : ticks) {
      z = HybridPolicyTest.zOf(p.propose(c));
    }
    assertTrue(z > 5, "an hour of late jobs raises z: " + z);
    PolicyContext next = next(ticks.get(ticks.size() - 1));
    HybridPolicy restored = HybridPolicy.ofDefaults();
    restored.restoreState(p.saveState());
    double zRestored = HybridPolicyTest.zOf(restored.propose(next));
    double zFresh = HybridPolicyTest.zOf(HybridPolicy.ofDefaults().propose(next));
    assertTrue(zRestored > 5, "restored: " + zRestored);
    assertEquals(HybridConfig.DEFAULT_CONFIDENCE, zFresh, 0.5, "fresh: " + zFresh);
  }

  @Test
  void aZAboveALowerConfiguredCapIsBroughtDownToIt() {
    HybridPolicy p = HybridPolicy.ofDefaults();
    List<PolicyContext> ticks = lateHour();
    for (PolicyContext c : ticks) {
      p.propose(c);
    }
    HybridPolicy capped = new HybridPolicy(HybridConfig.custom().maxConfidence(3).build());
    capped.restoreState(p.saveState());
    assertTrue(capped.saveState().contains("\"z\":3,"), capped.saveState());
  }

  @Test
  void aStateLearnedAtOneTickIsRescaledWhenTheControllerNowTicksAtAnother() {
    HybridPolicy p = HybridPolicy.ofDefaults();
    List<PolicyContext> ticks = lateHour(); // 2 jobs/s at 60 s ticks: 120 jobs a tick
    for (PolicyContext c : ticks) {
      p.propose(c);
    }
    assertEquals(120, number(p.saveState(), "meanPerTick"), 1e-6);
    HybridPolicy restored = HybridPolicy.ofDefaults();
    restored.restoreState(p.saveState());
    PolicyContext last = ticks.get(ticks.size() - 1);
    Instant t = last.now().plusSeconds(30);
    List<Reading> rs = List.of(new Reading(UPLOADS.visibleSignal(), 0, t), new Reading(UPLOADS.inflightSignal(), 60, t),
        new Reading(UPLOADS.arrivalsSignal(), 2, t));
    restored.propose(new PolicyContext(t, Duration.ofSeconds(30), Snapshot.of(t, rs, Freshness.ofDefaults()),
        last.snapshot(), last.fleet(), List.of(UPLOADS), Map.of(), Map.of(), TYPE));
    String after = restored.saveState();
    assertEquals(30, number(after, "tickSeconds"), 0);
    assertEquals(60, number(after, "meanPerTick"), 1e-6, "2 jobs/s is 60 jobs a 30 s tick: " + after);
  }

  private static double number(String json, String key) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\":([0-9.E-]+)").matcher(json);
    assertTrue(m.find(), key + " in " + json);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void aWarmStartAfterARestoreAddsOnlyTheSamplesAfterTheSave() {
    List<PolicyContext> ticks = RandomDay.ticks(7, 120);
    HybridPolicy p = HybridPolicy.ofDefaults();
    for (PolicyContext c : ticks) {
      p.propose(c);
    }
    // the history a restarted controller reads covers the same hours the saved state learned from
    SignalHistory.Builder h = SignalHistory.builder();
    for (PolicyContext c : ticks) {
      for (JobClass cls : CLASSES) {
        Reading rd = c.snapshot().reading(cls.arrivalsSignal());
        if (rd != null) {
          h.add(cls.arrivalsSignal(), rd.observedAt(), rd.value());
        }
      }
    }
    PolicyContext next = next(ticks.get(ticks.size() - 1));
    HybridPolicy plain = HybridPolicy.ofDefaults();
    plain.restoreState(p.saveState());
    HybridPolicy warmed = HybridPolicy.ofDefaults();
    warmed.restoreState(p.saveState());
    warmed.warmStart(h.build(), CLASSES);
    assertEquals(plain.propose(next), warmed.propose(next), "nothing learned twice");
  }

  @Test
  void aBadDocumentIsRefusedNamingFieldRuleAndValueAndChangesNothing() {
    HybridPolicy p = HybridPolicy.ofDefaults();
    for (PolicyContext c : RandomDay.ticks(3, 60)) {
      p.propose(c);
    }
    String good = p.saveState();
    String[][] cases = {
        {good.replaceFirst("\"policy\":\"governor\"", "\"policy\":\"hpa\""), "'policy' must be \"governor\", but was \"hpa\""},
        {good.replaceFirst("\"version\":1", "\"version\":9"), "'version' must be 1, but was 9"},
        {good.replaceFirst("\"tickSeconds\":60", "\"tickSeconds\":0"), "'tickSeconds' must be > 0"},
        {good.replaceFirst("\"z\":[0-9.E-]+", "\"z\":-2"), "'classes.thumbnails.z' must be >= 0"},
        {good.replaceFirst("\"seen\":[0-9]+", "\"seen\":1.5"), "'classes.thumbnails.seen' must be an integer, but was 1.5"},
        {good.replaceFirst("\"lastArrivalsAt\":\"[^\"]+\"", "\"lastArrivalsAt\":\"yesterday\""),
            "'classes.thumbnails.lastArrivalsAt' must be an ISO-8601 instant, but was 'yesterday'"},
        {good.replaceFirst("\"samples\":\\[[0-9.E-]+", "\"samples\":[-1"), "'classes.thumbnails.samples[0]' must be a finite number >= 0.0, but was -1"},
        {good.replaceFirst(",\"capLevel\":[0-9.E-]+", ""), "'classes.thumbnails.capLevel' is missing"},
        {good.substring(0, good.length() / 2), "not valid JSON"},
    };
    for (String[] c : cases) {
      assertNotEquals(good, c[0], "the case must change the document: " + c[1]);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.restoreState(c[0]), c[1]);
      assertTrue(e.getMessage().contains(c[1]), e.getMessage() + " / expected " + c[1]);
      assertEquals(good, p.saveState(), "a refused document leaves the state as it was: " + c[1]);
    }
  }

  @Test
  void aCompositeSavesAndRestoresItsMembersAndPutsThemBackWhenOneRefuses() {
    ScalingPolicy fixed = new ScalingPolicy() {
      @Override
      public String name() {
        return "fixed";
      }

      @Override
      public Proposal propose(PolicyContext context) {
        return new Proposal(3, List.of(Reason.of("fixed", "3")));
      }
    };
    HybridPolicy a = HybridPolicy.ofDefaults();
    HybridPolicy b = new HybridPolicy(HybridConfig.custom().confidence(3).build());
    ScalingPolicy max = ScalingPolicy.maxOf("all", a, fixed, b);
    for (PolicyContext c : RandomDay.ticks(5, 60)) {
      max.propose(c);
    }
    String saved = max.saveState();
    HybridPolicy a2 = HybridPolicy.ofDefaults();
    HybridPolicy b2 = HybridPolicy.ofDefaults();
    ScalingPolicy max2 = ScalingPolicy.maxOf("all", a2, fixed, b2);
    max2.restoreState(saved);
    assertEquals(a.saveState(), a2.saveState());
    assertEquals(b.saveState(), b2.saveState());
    assertEquals(saved, max2.saveState());

    // the third member refuses its part: the first, restored already, is put back as it was
    HybridPolicy a3 = HybridPolicy.ofDefaults();
    HybridPolicy b3 = HybridPolicy.ofDefaults();
    ScalingPolicy max3 = ScalingPolicy.maxOf("all", a3, fixed, b3);
    String before = max3.saveState();
    int third = saved.lastIndexOf("\\\"version\\\":1");
    assertTrue(third > 0, saved);
    String bad = saved.substring(0, third) + "\\\"version\\\":7" + saved.substring(third + 13);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> max3.restoreState(bad));
    assertTrue(e.getMessage().contains("member governor") && e.getMessage().contains("'version' must be 1, but was 7"),
        e.getMessage());
    assertEquals(before, max3.saveState());

    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> ScalingPolicy.maxOf("all", HybridPolicy.ofDefaults()).restoreState(saved));
    assertTrue(other.getMessage().contains("'members' must be an array of 1 members"), other.getMessage());
    assertEquals(null, ScalingPolicy.maxOf("none", fixed).saveState(), "nothing to save");
  }

  // ---------------------------------------------------------------- fixtures

  /** An hour in which every tick reports late jobs on a steady stream. */
  private static List<PolicyContext> lateHour() {
    List<PolicyContext> out = new ArrayList<>();
    Instant start = T0.plus(Duration.ofHours(1));
    Snapshot prev = null;
    for (int k = 0; k < 60; k++) {
      Instant t = start.plus(MINUTE.multipliedBy(k));
      List<Reading> rs = new ArrayList<>();
      rs.add(new Reading(UPLOADS.visibleSignal(), 0, t));
      rs.add(new Reading(UPLOADS.inflightSignal(), 60, t));
      rs.add(new Reading(UPLOADS.arrivalsSignal(), 2, t));
      rs.add(new Reading(SignalNames.late("uploads"), 2, t));
      Snapshot snap = Snapshot.of(t, rs, Freshness.ofDefaults());
      out.add(new PolicyContext(t, MINUTE, snap, prev, RandomDay.fleet(40, t, 60), List.of(UPLOADS), Map.of(), Map.of(), TYPE));
      prev = snap;
    }
    return out;
  }

  /** The tick after {@code last}: its readings a minute later, nobody late. */
  private static PolicyContext next(PolicyContext last) {
    Instant t = last.now().plus(MINUTE);
    List<Reading> rs = new ArrayList<>();
    for (JobClass c : last.jobClasses()) {
      rs.add(new Reading(c.visibleSignal(), 10, t));
      rs.add(new Reading(c.inflightSignal(), 20, t));
      rs.add(new Reading(c.arrivalsSignal(), 2, t));
    }
    return new PolicyContext(t, MINUTE, Snapshot.of(t, rs, Freshness.ofDefaults()), last.snapshot(), last.fleet(),
        last.jobClasses(), Map.of(), Map.of(), TYPE);
  }
}
