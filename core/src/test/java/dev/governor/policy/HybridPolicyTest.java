package dev.governor.policy;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static dev.governor.Fixtures.UPLOADS;
import static dev.governor.Fixtures.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.Controller;
import dev.governor.Fixtures;
import dev.governor.TickReport;
import dev.governor.action.Launch;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.JobClass;
import dev.governor.guard.Guards;
import dev.governor.predict.Forecast;
import dev.governor.signal.Freshness;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.Reading;
import dev.governor.signal.Snapshot;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HybridPolicyTest {
  private static final HybridConfig CFG = HybridConfig.custom().targetUtilization(0.8).build();

  // classSlots(cfg, λ̂, measured, λ_base, λ_fc, B, ΔB, inflight, s, D, L, T, Δt)

  @Test
  void littlesLawForTheStreamAndTheBacklogDueBeforeTheDeadline() {
    // λ = 2/s, s = 30 s, u = 0.8 → 75 slots; backlog 600 jobs = 18,000 slot-s, due within D = 300 s
    HybridPolicy.ClassDemand d = HybridPolicy.classSlots(CFG, 2, true, 2, Double.NaN, 600, 0, 10, 30, 300, 120, 60, 60);
    assertEquals(75, d.rateSlots(), 1e-9);
    assertEquals(18_000, d.backlogWork(), 1e-9);
    assertEquals(300, d.horizon(), 1e-9);
    assertFalse(d.burst());
    // A fleet of 60 running slots has nothing to spare for it (the stream needs 60): all of it in H − L = 180 s.
    assertEquals(100, HybridPolicy.catchUpSlots(18_000, 60, 60, 300, 120), 1e-9);
    // 90 running slots spare 30 for the 120 s boot lead: 3,600 slot-s less to do after it.
    assertEquals((18_000 - 3_600) / 180.0, HybridPolicy.catchUpSlots(18_000, 60, 90, 300, 120), 1e-9);
    // A small backlog the spare slots absorb launches nothing.
    assertEquals(0, HybridPolicy.catchUpSlots(360, 24, 28, 300, 120), 1e-9);
  }

  @Test
  void theHorizonIsTheDeadlineButNeverBelowBootPlusTick() {
    assertEquals(300, HybridPolicy.classSlots(CFG, 1, true, 1, Double.NaN, 10, 0, 0, 30, 300, 120, 60, 60).horizon(), 1e-9);
    assertEquals(180, HybridPolicy.classSlots(CFG, 1, true, 1, Double.NaN, 10, 0, 0, 30, 60, 120, 60, 60).horizon(), 1e-9);
  }

  @Test
  void theStreamsFractionOfAnInstanceIsCarriedByTheQueueUntilItsBacklogNeedsMore() {
    HybridPolicy p = new HybridPolicy(CFG);
    Fleet two = new InMemoryActuator(TYPE).withRunning(2, T0).fleet(T0);
    Instant now = T0.plus(Duration.ofHours(1));
    // 0.2/s · 30 s / 0.8 = 7.5 slots = 1.9 instances: with no backlog, 1 instance (the queue carries the rest)
    assertEquals(1, p.propose(ctx(now, two, 0, 6, 0.2, new Forecast(now, 0, 0, 0))).desired());
    // On one instance (4 slots, the stream needs 6) any backlog must be caught up: 4 + 10·30/180 → 2 instances
    Fleet one = new InMemoryActuator(TYPE).withRunning(1, T0).fleet(T0);
    assertEquals(2, new HybridPolicy(CFG).propose(ctx(now, one, 10, 4, 0.2, new Forecast(now, 0, 0, 0))).desired());
  }

  @Test
  void inFlightWorkFloorsTheRateOnlyWhenArrivalsAreNotMeasured() {
    HybridPolicy.ClassDemand blind = HybridPolicy.classSlots(CFG, 0, false, 0, Double.NaN, 0, 0, 40, 30, 300, 120, 60, 60);
    assertEquals(40, blind.steadySlots(), 1e-9);
    // with a measured rate, Little's law already counts in-flight work: λ·s/u = 1·30/0.8
    HybridPolicy.ClassDemand measured = HybridPolicy.classSlots(CFG, 1, true, 1, Double.NaN, 0, 0, 40, 30, 300, 120, 60, 60);
    assertEquals(37.5, measured.steadySlots(), 1e-9);
  }

  @Test
  void theRateTermFollowsTheSmoothedRate() {
    // baseline 2/s, this minute 3/s: λ = 2 + 0.3·(3 − 2) = 2.3/s
    HybridPolicy.ClassDemand d = HybridPolicy.classSlots(CFG, 3, true, 2, Double.NaN, 0, 0, 0, 30, 300, 120, 60, 60);
    assertEquals(2.3 * 30 / 0.8, d.rateSlots(), 1e-9);
    assertEquals(2.3, d.lambdaBase(), 1e-12);
  }

  @Test
  void aDepthJumpIsABurstAndItsJobsAreNotCountedAsASustainedRate() {
    HybridPolicy.ClassDemand d = HybridPolicy.classSlots(CFG, 2, true, 2, Double.NaN, 10_000, 10_000, 0, 30, 300, 120, 60, 60);
    assertTrue(d.burst());
    assertEquals(10_000, d.burstJobs(), 1e-9);
    // Next tick, the lagged arrival count shows the burst as 166/s: still a burst, rate stays at baseline.
    HybridPolicy.ClassDemand next = HybridPolicy.classSlots(CFG, 10_000 / 60.0 + 2, true, 2, Double.NaN, 8_000, -2_000, 0, 30, 300, 120, 60, 60);
    assertTrue(next.burst());
    assertEquals(2 * 30 / 0.8, next.rateSlots(), 1e-9);
    // Growth of 100 jobs when 120 are expected per tick is no burst.
    assertFalse(HybridPolicy.classSlots(CFG, 2, true, 2, Double.NaN, 100, 100, 0, 30, 300, 120, 60, 60).burst());
  }

  @Test
  void aTenThousandJobClickIsAnsweredInTheFirstTickThatSeesIt() {
    ManualClock clock = new ManualClock(T0);
    ManualSignalSource signals = new ManualSignalSource();
    InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(20, T0.minus(Duration.ofHours(1)));
    // The policy's own answer: no step limit (the standard one would spread this burst over two ticks).
    Controller c = Fixtures.controller(clock, signals, fleet, new HybridPolicy(CFG),
        Guards.builder(1, 1000).stepLimit(null).build()).build();
    for (int k = 0; k < 6; k++) { // the first 5 minutes' window is seeded with the 20 running
      queue(signals, clock, "uploads", 0, 60, 2);
      TickReport r = c.tick();
      clock.advance(Duration.ofMinutes(1));
      if (k == 5) {
        assertEquals(18, r.desired(), "75 slots → 18 whole instances, the queue carries the rest: " + r.proposal());
      }
    }
    queue(signals, clock, "uploads", 10_000, 60, 2); // arrivals lag a tick: the depth shows it first
    TickReport burst = c.tick();
    Launch l = assertInstanceOf(Launch.class, burst.action(), burst.summary());
    // 18 running (72 slots), stream 2/s·30 s = 60 busy: 12 spare slots·120 s = 1,440 slot-s of the
    // 300,000 started while the new ones boot; (72 + (300,000 − 1,440)/180) / 4 = 432.7 → 433 instances
    assertEquals(433, burst.desired());
    assertEquals(433 - burst.current(), l.count() + l.reactivate().size(), burst.summary());
    assertEquals("burst", burst.proposal().reasons().get(0).source());
    assertTrue(burst.proposal().reasons().get(1).message().contains("BURST of ~10000 jobs"), burst.summary());
  }

  @Test
  void theForecastRaisesCapacityAheadOfAPeakButNeverLowersIt() {
    HybridPolicy p = new HybridPolicy(CFG);
    Fleet fleet = new InMemoryActuator(TYPE).withRunning(30, T0).fleet(T0);
    Instant now = T0.plus(Duration.ofHours(1));
    // Live load needs 100 slots = 25 instances. Forecast says 1/s (→ 9 instances): ignored.
    PolicyContext low = ctx(now, fleet, 0, 80, 100 * 0.8 / 30, new Forecast(now.plusSeconds(180), 1, 0.5, 2));
    assertEquals(25, p.propose(low).desired());
    // Forecast says 8/s at now + boot + tick: 8·30/0.8 = 300 slots = 75 instances, before the load arrives.
    PolicyContext high = ctx(now, fleet, 0, 80, 100 * 0.8 / 30, new Forecast(now.plusSeconds(180), 8, 6, 10));
    Proposal pr = p.propose(high);
    assertEquals(75, pr.desired());
    assertTrue(pr.reasons().get(1).message().contains("forecast 8/s"), pr.reasons().toString());
  }

  @Test
  void withoutFreshQueueDepthItHolds() {
    HybridPolicy p = HybridPolicy.ofDefaults();
    Fleet fleet = new InMemoryActuator(TYPE).withRunning(30, T0).fleet(T0);
    Instant now = T0.plus(Duration.ofHours(1));
    Snapshot stale = Snapshot.of(now, List.of(new Reading(UPLOADS.visibleSignal(), 0, now.minus(Duration.ofMinutes(10)))),
        Freshness.ofDefaults());
    PolicyContext ctx = new PolicyContext(now, Duration.ofMinutes(1), stale, null, fleet, List.of(UPLOADS), Map.of(),
        Map.of(), TYPE);
    Proposal pr = p.propose(ctx);
    assertEquals(30, pr.desired());
    assertTrue(pr.reasons().get(0).message().contains("holding 30"));
  }

  @Test
  void classesAddUpAndUseTheirOwnServiceTimes() {
    JobClass thumbs = JobClass.of("thumbs", Duration.ofMinutes(1), Duration.ofSeconds(2));
    Instant now = T0;
    List<Reading> rs = new ArrayList<>();
    for (String c : List.of("uploads", "thumbs")) {
      rs.add(new Reading("queue." + c + ".visible", 0, now));
      rs.add(new Reading("queue." + c + ".inflight", 0, now));
      rs.add(new Reading("queue." + c + ".arrivals_per_s", 4, now));
    }
    PolicyContext ctx = new PolicyContext(now, Duration.ofMinutes(1), Snapshot.of(now, rs, Freshness.ofDefaults()), null,
        Fleet.empty(), List.of(UPLOADS, thumbs), Map.of("uploads", 20.0), Map.of(), TYPE);
    // uploads: 4·20/0.8 = 100 slots (measured 20 s beats the 30 s prior); thumbs 4·2/0.8 = 10 → 110/4 → 27 whole
    assertEquals(27, new HybridPolicy(CFG).propose(ctx).desired());
  }

  @Test
  void configValidatesNamingFieldAndValue() {
    assertEquals("targetUtilization must be in (0, 1], but was 1.5",
        assertThrows(IllegalArgumentException.class, () -> HybridConfig.custom().targetUtilization(1.5)).getMessage());
    assertEquals("burstMinJobs must be >= 1, but was 0",
        assertThrows(IllegalArgumentException.class, () -> HybridConfig.custom().burstMinJobs(0)).getMessage());
    HybridConfig c = HybridConfig.custom().targetUtilization(0.6).forecastUpper(true).build();
    assertEquals(0.6, c.targetUtilization());
    assertEquals(c, HybridConfig.from(c).build());
  }

  private static PolicyContext ctx(Instant now, Fleet fleet, double visible, double inflight, double lambda,
      Forecast f) {
    List<Reading> rs = List.of(new Reading(UPLOADS.visibleSignal(), visible, now),
        new Reading(UPLOADS.inflightSignal(), inflight, now), new Reading(UPLOADS.arrivalsSignal(), lambda, now));
    return new PolicyContext(now, Duration.ofMinutes(1), Snapshot.of(now, rs, Freshness.ofDefaults()), null, fleet,
        List.of(UPLOADS), Map.of(), Map.of(UPLOADS.arrivalsSignal(), f), TYPE);
  }
}
