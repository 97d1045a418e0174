package dev.governor.policy;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static dev.governor.Fixtures.UPLOADS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.fleet.BillingModel;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
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
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * What the policy learned survives a restart: {@link HybridPolicy#saveState()} and
 * {@link HybridPolicy#restoreState(String)} carry every per-class estimate, so a restored policy
 * decides exactly like one that never stopped, and a bad document changes nothing.
 */
class HybridPolicyStateTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final JobClass THUMBS = JobClass.of("thumbnails", Duration.ofSeconds(90), Duration.ofSeconds(5));
  private static final List<JobClass> CLASSES = List.of(UPLOADS, THUMBS);

  /** A day of random load on two classes: quiet, busy, bursts, late jobs, missing and late readings, uneven ticks. */
  private static List<PolicyContext> day(long seed, int ticks) {
    Random r = new Random(seed);
    List<PolicyContext> out = new ArrayList<>();
    Instant t = T0.plus(Duration.ofHours(1));
    Snapshot prev = null;
    double base = 0.5 + 4 * r.nextDouble();
    for (int k = 0; k < ticks; k++) {
      t = t.plus(r.nextInt(10) == 0 ? MINUTE.multipliedBy(2) : MINUTE);
      List<Reading> rs = new ArrayList<>();
      for (JobClass c : CLASSES) {
        double lambda = base * (1 + Math.sin(k / 30.0)) * (r.nextInt(40) == 0 ? 20 : 1);
        double visible = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 400 * lambda;
        rs.add(new Reading(c.visibleSignal(), Math.floor(visible), t));
        rs.add(new Reading(c.inflightSignal(), Math.floor(r.nextDouble() * 80), t));
        if (r.nextInt(8) != 0) { // the arrivals count is missing now and then, or a minute old
          rs.add(new Reading(c.arrivalsSignal(), lambda, r.nextInt(5) == 0 ? t.minus(MINUTE) : t));
        }
        if (r.nextInt(4) == 0) {
          rs.add(new Reading(SignalNames.late(c.name()), r.nextInt(30), t));
        }
      }
      Snapshot snap = Snapshot.of(t, rs, Freshness.ofDefaults());
      out.add(new PolicyContext(t, MINUTE, snap, prev, fleet(5 + r.nextInt(40), t, r.nextInt(80)), CLASSES,
          Map.of(UPLOADS.name(), 30.0, THUMBS.name(), 5.0), Map.of(), TYPE));
      prev = snap;
    }
    return out;
  }

  @Property(tries = 60)
  void aRestoredPolicyDecidesExactlyLikeOneThatNeverStopped(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 179) int stopAfter) {
    List<PolicyContext> ticks = day(seed, 180);
    HybridPolicy never = HybridPolicy.ofDefaults();
    HybridPolicy before = HybridPolicy.ofDefaults();
    for (int k = 0; k < stopAfter; k++) {
      assertEquals(never.propose(ticks.get(k)), before.propose(ticks.get(k)));
    }
    String saved = before.saveState();
    HybridPolicy after = HybridPolicy.ofDefaults();
    after.restoreState(saved);
    assertEquals(saved, after.saveState(), "the document round-trips");
    for (int k = stopAfter; k < ticks.size(); k++) {
      Proposal expected = never.propose(ticks.get(k));
      assertEquals(expected, after.propose(ticks.get(k)), "tick " + k + " after a restart at tick " + stopAfter);
    }
    assertEquals(never.saveState(), after.saveState());
  }

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
  void aWarmStartAfterARestoreAddsOnlyTheSamplesAfterTheSave() {
    List<PolicyContext> ticks = day(7, 120);
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
    for (PolicyContext c : day(3, 60)) {
      p.propose(c);
    }
    String good = p.saveState();
    String[][] cases = {
        {good.replaceFirst("\"policy\":\"governor\"", "\"policy\":\"hpa\""), "'policy' must be \"governor\", but was \"hpa\""},
        {good.replaceFirst("\"version\":1", "\"version\":9"), "'version' must be 1, but was 9"},
        {good.replaceFirst("\"z\":[0-9.E-]+", "\"z\":-2"), "'classes.thumbnails.z' must be >= 0"},
        {good.replaceFirst("\"seen\":[0-9]+", "\"seen\":1.5"), "'classes.thumbnails.seen' must be a whole number >= 0, but was 1.5"},
        {good.replaceFirst("\"lastArrivalsAt\":\"[^\"]+\"", "\"lastArrivalsAt\":\"yesterday\""),
            "'classes.thumbnails.lastArrivalsAt' must be an ISO-8601 instant, but was 'yesterday'"},
        {good.replaceFirst("\"samples\":\\[[0-9.E-]+", "\"samples\":[-1"), "'classes.thumbnails.samples[0]' must be a finite number >= 0"},
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
    for (PolicyContext c : day(5, 60)) {
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
      out.add(new PolicyContext(t, MINUTE, snap, prev, fleet(40, t, 60), List.of(UPLOADS), Map.of(), Map.of(), TYPE));
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

  private static Fleet fleet(int n, Instant now, int busySlots) {
    List<Instance> l = new ArrayList<>();
    int left = busySlots;
    for (int k = 0; k < n; k++) {
      int b = Math.min(4, left);
      left -= b;
      l.add(new Instance(String.format("i-%04d", k), TYPE.name(), InstanceState.RUNNING, now.minus(Duration.ofHours(2)),
          4, 0, 0.1, BillingModel.PER_SECOND).withBusySlots(b));
    }
    return Fleet.of(l);
  }
}
