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
import dev.governor.fleet.BillingModel;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.guard.Guards;
import dev.governor.predict.Forecast;
import dev.governor.signal.Freshness;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalHistory;
import dev.governor.signal.SignalNames;
import dev.governor.signal.Snapshot;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HybridPolicyTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void aTenThousandJobClickIsAnsweredInTheFirstTickThatSeesItAndReleasedWhenItsBacklogIsGone() {
    ManualClock clock = new ManualClock(T0);
    ManualSignalSource signals = new ManualSignalSource();
    InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(16, T0.minus(Duration.ofHours(1)));
    Controller c = Fixtures.controller(clock, signals, fleet, HybridPolicy.ofDefaults(),
        Guards.builder(1, 1000).stabilization(Duration.ZERO).stepLimit(null).build()).build();
    for (int k = 0; k < 5; k++) { // 2/s of 30 s jobs keep 60 slots busy: 15 instances
      queue(signals, clock, "uploads", 0, 60, 2);
      c.tick();
      clock.advance(MINUTE);
    }
    queue(signals, clock, "uploads", 10_000, 64, 2); // arrival counts lag a tick: the depth shows it first
    TickReport burst = c.tick();
    Launch l = assertInstanceOf(Launch.class, burst.action(), burst.summary());
    // the newest of the 10,000 (300,000 slot-s) must start within 270 s, so all of it within the 120 s
    // after capacity arrives at +150 s: about 2,450 slots, 600-odd instances
    assertTrue(burst.desired() >= 580 && burst.desired() <= 720, burst.summary());
    assertEquals(burst.desired() - burst.current(), l.count(), burst.summary());
    assertEquals("burst", burst.proposal().reasons().get(0).source(), burst.summary());
    assertTrue(burst.proposal().reasons().get(1).message().contains("BURST of ~"), burst.summary());
    // the backlog drains once the instances run; with it gone the capacity goes at once
    clock.advance(Duration.ofMinutes(4));
    queue(signals, clock, "uploads", 0, 64, 2);
    TickReport after = c.tick();
    assertTrue(after.desired() <= 25, after.summary());
  }

  @Test
  void anIdleSurplusIsReleasedDownToAboutTheLoadAndTheQueueCarriesTheFraction() {
    HybridPolicy p = HybridPolicy.ofDefaults();
    Instant now = T0.plus(Duration.ofHours(1));
    Fleet thirty = fleet(30, now.minus(Duration.ofHours(1)), BillingModel.PER_SECOND);
    p.propose(ctx(now.minus(MINUTE), thirty, 0, 60, 2, null, null)); // learn the rate first
    Proposal pr = p.propose(ctx(now, thirty, 0, 60, 2, null, null));
    // 60 busy slots = 15 instances. With a 300 s objective the queue may absorb a shortfall for
    // longer than a re-launch takes, so it may go below the load for now (10: the queue grows 20
    // slot-s a second, 165 s of wait after 330 s), never to where waits would pass the objective
    assertTrue(pr.desired() >= 9 && pr.desired() <= 17, pr.reasons().toString());
    assertTrue(pr.reasons().get(0).message().startsWith("release"), pr.reasons().toString());
  }

  @Test
  void anObjectiveShorterThanABootKeepsRunningHeadroomALongOneLetsTheQueueWait() {
    Instant now = T0.plus(Duration.ofHours(1));
    Fleet thirty = fleet(30, now.minus(Duration.ofHours(1)), BillingModel.PER_SECOND);
    int[] desired = new int[3];
    Duration[] objectives = {Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofHours(1)};
    for (int i = 0; i < 3; i++) {
      JobClass c = JobClass.of("uploads", objectives[i], Duration.ofSeconds(30));
      HybridPolicy p = HybridPolicy.ofDefaults();
      p.propose(ctx(now.minus(MINUTE), thirty, 0, 60, 2, null, c));
      desired[i] = p.propose(ctx(now, thirty, 0, 60, 2, null, c)).desired();
    }
    assertTrue(desired[0] >= 15, "a 60 s objective keeps at least the load running: " + desired[0]);
    assertTrue(desired[0] > desired[1] && desired[1] >= desired[2],
        "longer objectives need no more: " + java.util.Arrays.toString(desired));
  }

  @Test
  void anObjectiveShorterThanABootIsNeverReleasedIntoOverload() {
    // 3.4 jobs/s of 30 s jobs keep 102 slots busy: 25.5 instances. At 25 the queue grows 2 slot-s a second,
    // slow enough to pass every check over the next 330 s, but it never stops growing: its backlog reaches
    // the launch line, jobs start late and a catch-up launch pays a boot. So a 60 s class keeps at least 26;
    // a 300 s one may let its queue carry the shortfall for a while
    Instant now = T0.plus(Duration.ofHours(1));
    Fleet thirty = fleet(30, now.minus(Duration.ofHours(1)), BillingModel.PER_SECOND);
    JobClass tight = JobClass.of("uploads", Duration.ofSeconds(60), Duration.ofSeconds(30));
    HybridPolicy p = HybridPolicy.ofDefaults();
    p.propose(ctx(now.minus(MINUTE), thirty, 0, 102, 3.4, null, tight));
    Proposal pr = p.propose(ctx(now, thirty, 0, 102, 3.4, null, tight));
    assertTrue(pr.reasons().get(0).message().startsWith("release"), pr.reasons().toString());
    assertEquals(26, pr.desired(), pr.reasons().toString());
    JobClass relaxed = JobClass.of("uploads", Duration.ofSeconds(300), Duration.ofSeconds(30));
    HybridPolicy q = HybridPolicy.ofDefaults();
    q.propose(ctx(now.minus(MINUTE), thirty, 0, 102, 3.4, null, relaxed));
    Proposal longer = q.propose(ctx(now, thirty, 0, 102, 3.4, null, relaxed));
    assertTrue(longer.desired() < 26, longer.reasons().toString());
  }

  @Test
  void neverScalesInOnStaleDepthOrBeforeItKnowsARate() {
    Instant now = T0.plus(Duration.ofHours(1));
    Fleet thirty = fleet(30, now.minus(Duration.ofHours(1)), BillingModel.PER_SECOND);
    // first tick: no rate yet
    assertEquals(30, HybridPolicy.ofDefaults().propose(ctx(now, thirty, 0, 0, Double.NaN, null, null)).desired());
    // depth 10 minutes old
    HybridPolicy p = HybridPolicy.ofDefaults();
    p.propose(ctx(now.minus(MINUTE), thirty, 0, 60, 2, null, null));
    Snapshot stale = Snapshot.of(now, List.of(new Reading(UPLOADS.visibleSignal(), 0, now.minus(Duration.ofMinutes(10))),
        new Reading(UPLOADS.arrivalsSignal(), 0.1, now)), Freshness.ofDefaults());
    Proposal pr = p.propose(new PolicyContext(now, MINUTE, stale, null, thirty, List.of(UPLOADS), Map.of(), Map.of(), TYPE));
    assertEquals(30, pr.desired(), pr.reasons().toString());
  }

  @Test
  void aQuantityThatIsNotFiniteHoldsCapacityInsteadOfScalingToZero() {
    Instant now = T0.plus(Duration.ofHours(1));
    Fleet ten = fleet(10, now.minus(Duration.ofHours(1)), BillingModel.PER_SECOND);
    HybridPolicy p = HybridPolicy.ofDefaults();
    List<Reading> rs = List.of(new Reading(UPLOADS.visibleSignal(), 1e300, now),
        new Reading(UPLOADS.inflightSignal(), 0, now), new Reading(UPLOADS.arrivalsSignal(), 1, now));
    // a service time of 1e300 s makes the queue's work infinite
    PolicyContext ctx = new PolicyContext(now, MINUTE, Snapshot.of(now, rs, Freshness.ofDefaults()), null, ten,
        List.of(UPLOADS), Map.of("uploads", 1e300), Map.of(), TYPE);
    Proposal pr = p.propose(ctx);
    assertEquals(10, pr.desired(), pr.reasons().toString());
    assertTrue(pr.reasons().get(0).message().contains("not finite"), pr.reasons().toString());
  }

  @Test
  void stopsBuyingForAClassWhoseJobsWaitWhileSlotsAreIdleAndTriesAgainWhenTheyAreNot() {
    HybridPolicy p = HybridPolicy.ofDefaults();
    Instant now = T0.plus(Duration.ofHours(1));
    // 30 instances, only 40 of 120 slots busy: a downstream cap holds 40 jobs in service; 2,000 wait
    Fleet thirty = busy(fleet(30, now.minus(Duration.ofHours(1)), BillingModel.PER_SECOND), 40);
    p.propose(ctx(now, thirty, 2000, 40, 2, null, null)); // the first sight may still launch
    Proposal second = p.propose(ctx(now.plus(MINUTE), thirty, 2100, 40, 2, null, null));
    // nothing more is bought, and the instances only the queue would have used go: 40 slots are of use
    assertEquals(10, second.desired(), second.reasons().toString());
    assertTrue(second.reasons().get(1).message().contains("throughput capped elsewhere"), second.reasons().toString());
    Proposal later = p.propose(ctx(now.plus(Duration.ofMinutes(5)), thirty, 2400, 40, 2, null, null));
    assertEquals(10, later.desired(), "still capped 5 minutes later: " + later.reasons());
    // shrunk to the 40 slots the cap allows: no slot is idle, but the jobs in service do not rise
    Fleet ten = busy(fleet(10, now.minus(Duration.ofHours(1)), BillingModel.PER_SECOND), 40);
    Proposal held = p.propose(ctx(now.plus(Duration.ofMinutes(6)), ten, 2500, 40, 2, null, null));
    assertEquals(10, held.desired(), "still capped while in service stays at the cap: " + held.reasons());
    Proposal probe = p.propose(ctx(now.plus(Duration.ofMinutes(12)), ten, 2800, 40, 2, null, null));
    assertEquals(11, probe.desired(), "after effectivenessRetry one instance probes: " + probe.reasons());
    // the downstream limit lifts: jobs in service rise above the cap, so capacity helps again
    Fleet eleven = busy(fleet(11, now.minus(Duration.ofHours(1)), BillingModel.PER_SECOND), 44);
    Proposal retry = p.propose(ctx(now.plus(Duration.ofMinutes(13)), eleven, 2800, 44, 2, null, null));
    assertTrue(retry.desired() > 30, "the cap lifted: it buys for the queue " + retry.reasons());
  }

  @Test
  void underPerHourBillingAPaidHourIsKeptAndAnInstanceGoesAtTheEndOfItsPeriod() {
    InstanceType hourly = TYPE.withBilling(BillingModel.PER_HOUR);
    Instant now = T0.plus(Duration.ofHours(3));
    HybridPolicy p = HybridPolicy.ofDefaults();
    // 20 instances 10 minutes into their hour; the load needs 4
    Fleet paid = fleet(20, now.minus(Duration.ofMinutes(10)), BillingModel.PER_HOUR);
    p.propose(ctx(now.minus(MINUTE), paid, 0, 16, 0.5, null, null, hourly));
    Proposal mid = p.propose(ctx(now, paid, 0, 16, 0.5, null, null, hourly));
    assertEquals(20, mid.desired(), "paid through the next tick: keeping them costs nothing " + mid.reasons());
    // 58.5 minutes in: a release now (drained now, gone at the next tick) still ends inside the paid
    // hour, and the next tick would be too late: only what the next hour needs stays
    Instant end = now.plus(Duration.ofSeconds(48 * 60 + 30));
    Proposal atEnd = p.propose(ctx(end, paid, 0, 16, 0.5, null, null, hourly));
    assertTrue(atEnd.desired() < 10, atEnd.reasons().toString());
    // 59.5 minutes in, a release would end after the hour's end: the next hour is as good as paid
    HybridPolicy late = HybridPolicy.ofDefaults();
    late.propose(ctx(now.minus(MINUTE), paid, 0, 16, 0.5, null, null, hourly));
    Proposal tooLate = late.propose(ctx(now.plus(Duration.ofSeconds(49 * 60 + 30)), paid, 0, 16, 0.5, null, null,
        hourly));
    assertEquals(20, tooLate.desired(), tooLate.reasons().toString());
  }

  @Test
  void underPerHourBillingTheInstanceAtTheEndOfItsHourIsJudgedLikeAnyOtherNotOverTheWholeNextHour() {
    // keeping an instance through its next hour costs that hour, and launching it back when it is needed
    // again costs one too: the release is judged over the time a replacement takes to serve (and a boot
    // beyond), exactly as under per-second billing, never over the next hour's pessimistic arrivals
    InstanceType hourly = TYPE.withBilling(BillingModel.PER_HOUR);
    Instant now = T0.plus(Duration.ofHours(3));
    boolean anyRelease = false;
    for (double lambda = 0.5; lambda <= 2.5; lambda += 0.25) {
      int inflight = (int) Math.round(lambda * 30);
      // 58.5 minutes into their hour: released now, drained and gone by the next tick, inside the hour
      HybridPolicy perHour = HybridPolicy.ofDefaults();
      Fleet atEnd = fleet(20, now.minus(Duration.ofSeconds(58 * 60 + 30)), BillingModel.PER_HOUR);
      perHour.propose(ctx(now.minus(MINUTE), atEnd, 0, inflight, lambda, null, null, hourly));
      Proposal h = perHour.propose(ctx(now, atEnd, 0, inflight, lambda, null, null, hourly));
      // the same fleet and load billed per second, past its minimum charge
      HybridPolicy perSecond = HybridPolicy.ofDefaults();
      Fleet old = fleet(20, now.minus(Duration.ofHours(1)), BillingModel.PER_SECOND);
      perSecond.propose(ctx(now.minus(MINUTE), old, 0, inflight, lambda, null, null));
      Proposal s = perSecond.propose(ctx(now, old, 0, inflight, lambda, null, null));
      assertEquals(s.desired(), h.desired(), "λ=" + lambda + ": " + h.reasons() + " / " + s.reasons());
      anyRelease |= h.desired() < 20;
    }
    assertTrue(anyRelease, "some of the loads leave instances to release");
  }

  @Test
  void inAMixedFleetEachInstanceCountsWithItsOwnSlotsAndItsOwnBilling() {
    Instant now = T0.plus(Duration.ofHours(1));
    // 2/s of 30 s jobs keep 60 slots busy; 4 running instances of 4 slots and one booting, due in 90 s.
    // A booting instance of a bigger type (16 slots) brings 16 slots, not the launch type's 4.
    Instant launchedAt = now.minus(Duration.ofHours(1));
    List<Instance> small = new ArrayList<>(fleet(4, launchedAt, BillingModel.PER_SECOND).instances());
    List<Instance> big = new ArrayList<>(small);
    small.add(new Instance("i-small", TYPE.name(), InstanceState.PENDING, now.minus(MINUTE), 4, 0, 0.1,
        BillingModel.PER_SECOND));
    big.add(new Instance("i-big", "m5.4xlarge", InstanceState.PENDING, now.minus(MINUTE), 16, 0, 0.4,
        BillingModel.PER_SECOND));
    // z = 2 of headroom: enough that both fleets launch, so the launches can be compared
    HybridPolicy a = new HybridPolicy(HybridConfig.custom().confidence(2).build());
    HybridPolicy b = new HybridPolicy(HybridConfig.custom().confidence(2).build());
    a.propose(ctx(now.minus(MINUTE), Fleet.of(small), 0, 16, 2, null, null));
    b.propose(ctx(now.minus(MINUTE), Fleet.of(big), 0, 16, 2, null, null));
    Proposal withSmall = a.propose(ctx(now, Fleet.of(small), 0, 16, 2, null, null));
    Proposal withBig = b.propose(ctx(now, Fleet.of(big), 0, 16, 2, null, null));
    assertTrue(withBig.desired() > 5, "both still launch: " + withBig.reasons());
    assertEquals(withSmall.desired() - 3, withBig.desired(), "the big booting instance brings 12 slots more, "
        + "three launch-type instances' worth: " + withSmall.reasons() + " / " + withBig.reasons());
    // instances billed per hour 59.5 minutes into their hour, while the launch type bills per second: a
    // release now would end inside their next hour, so they are as good as paid and stay
    Fleet hourly = fleet(20, now.minus(Duration.ofSeconds(59 * 60 + 30)), BillingModel.PER_HOUR);
    HybridPolicy p = HybridPolicy.ofDefaults();
    p.propose(ctx(now.minus(MINUTE), hourly, 0, 16, 0.5, null, null));
    Proposal pr = p.propose(ctx(now, hourly, 0, 16, 0.5, null, null));
    assertEquals(20, pr.desired(), pr.reasons().toString());
  }

  @Test
  void underPerHourBillingADrainThatRanIntoANewPaidHourIsTakenBack() {
    InstanceType hourly = TYPE.withBilling(BillingModel.PER_HOUR);
    Instant now = T0.plus(Duration.ofHours(3));
    // 6 instances serving, 20 minutes into their hour; the load needs about 4 of them
    List<Instance> l = new ArrayList<>(fleet(6, now.minus(Duration.ofMinutes(20)), BillingModel.PER_HOUR).instances());
    // released two minutes before its hour ended, still busy with a long job one minute into the next hour
    Instance late = new Instance("i-late", TYPE.name(), InstanceState.DRAINING, now.minus(Duration.ofMinutes(61)), 4,
        1, 0.1, BillingModel.PER_HOUR);
    // released this tick, its hour not over yet: ending it still saves the next hour
    Instance onTime = new Instance("i-ontime", TYPE.name(), InstanceState.DRAINING,
        now.minus(Duration.ofSeconds(58 * 60 + 30)), 4, 1, 0.1, BillingModel.PER_HOUR);
    l.add(late);
    l.add(onTime);
    HybridPolicy p = HybridPolicy.ofDefaults();
    p.propose(ctx(now.minus(MINUTE), Fleet.of(l), 0, 16, 0.5, null, null, hourly));
    Proposal pr = p.propose(ctx(now, Fleet.of(l), 0, 16, 0.5, null, null, hourly));
    assertEquals(7, pr.desired(), "the six paid ones stay and the one whose next hour is paid comes back: "
        + pr.reasons());
    assertTrue(pr.reasons().get(0).message().contains("take back 1 draining instance"), pr.reasons().toString());
    // per-second billing: a drain never runs into a paid period, nothing is taken back
    HybridPolicy q = HybridPolicy.ofDefaults();
    List<Instance> s = new ArrayList<>(fleet(6, now.minus(Duration.ofMinutes(20)), BillingModel.PER_SECOND).instances());
    s.add(new Instance("i-late", TYPE.name(), InstanceState.DRAINING, now.minus(Duration.ofMinutes(61)), 4, 1, 0.1,
        BillingModel.PER_SECOND));
    q.propose(ctx(now.minus(MINUTE), Fleet.of(s), 0, 16, 0.5, null, null));
    Proposal ps = q.propose(ctx(now, Fleet.of(s), 0, 16, 0.5, null, null));
    assertTrue(ps.desired() <= 6, ps.reasons().toString());
  }

  @Test
  void theForecastRaisesCapacityAheadOfAPeakButNeverLowersIt() {
    Instant now = T0.plus(Duration.ofHours(1));
    Fleet fifteen = fleet(15, now.minus(Duration.ofHours(1)), BillingModel.PER_SECOND);
    HybridPolicy calm = HybridPolicy.ofDefaults();
    HybridPolicy peak = HybridPolicy.ofDefaults();
    HybridPolicy low = HybridPolicy.ofDefaults();
    Forecast high = new Forecast(now.plusSeconds(180), 8, 6, 10);
    Forecast fall = new Forecast(now.plusSeconds(180), 0.1, 0, 0.2);
    for (HybridPolicy p : List.of(calm, peak, low)) {
      p.propose(ctx(now.minus(MINUTE), fifteen, 0, 60, 2, null, null));
    }
    int base = calm.propose(ctx(now, fifteen, 0, 60, 2, null, null)).desired();
    Proposal up = peak.propose(ctx(now, fifteen, 0, 60, 2, high, null));
    assertTrue(up.desired() > base + 5, base + " vs " + up.reasons());
    assertTrue(up.reasons().get(1).message().contains("forecast"), up.reasons().toString());
    assertEquals(base, low.propose(ctx(now, fifteen, 0, 60, 2, fall, null)).desired());
  }

  @Test
  void aWarmStartTeachesTheRateAndItsNoiseBeforeTheFirstTick() {
    Instant now = T0.plus(Duration.ofDays(1));
    SignalHistory.Builder h = SignalHistory.builder();
    for (int k = 1440; k >= 1; k--) {
      h.add(UPLOADS.arrivalsSignal(), now.minus(Duration.ofMinutes(k)), 3);
    }
    HybridPolicy p = HybridPolicy.ofDefaults();
    p.warmStart(h.build(), List.of(UPLOADS));
    Fleet fleet = fleet(30, now.minus(Duration.ofHours(1)), BillingModel.PER_SECOND);
    Proposal pr = p.propose(ctx(now, fleet, 0, 90, Double.NaN, null, null));
    assertTrue(pr.reasons().get(1).message().contains("λ=3/s"), pr.reasons().toString());
    // it knows the rate, so it may scale in on its very first tick
    assertTrue(pr.desired() < 30, pr.reasons().toString());
  }

  @Test
  void lateJobsRaiseTheConfidenceAndOnTimeTicksLowerIt() {
    Instant now = T0.plus(Duration.ofHours(1));
    Fleet fleet = fleet(20, now.minus(Duration.ofHours(1)), BillingModel.PER_SECOND);
    HybridPolicy p = HybridPolicy.ofDefaults();
    p.propose(ctx(now.minus(MINUTE), fleet, 0, 60, 2, null, null));
    double z0 = zOf(p.propose(ctx(now, fleet, 0, 60, 2, null, null)));
    // the workers report 1 late job a second (60 of 120 arrivals late)
    List<Reading> rs = new ArrayList<>(readings(now.plus(MINUTE), 0, 60, 2));
    rs.add(new Reading(SignalNames.late("uploads"), 1, now.plus(MINUTE)));
    PolicyContext late = new PolicyContext(now.plus(MINUTE), MINUTE, Snapshot.of(now.plus(MINUTE), rs, Freshness.ofDefaults()),
        null, fleet, List.of(UPLOADS), Map.of(), Map.of(), TYPE);
    double z1 = zOf(p.propose(late));
    assertTrue(z1 > z0, z0 + " → " + z1);
    double z2 = z1;
    for (int k = 2; k < 30; k++) { // on time: the workers report no late job
      Instant t = now.plus(MINUTE.multipliedBy(k));
      List<Reading> ok = new ArrayList<>(readings(t, 0, 60, 2));
      ok.add(new Reading(SignalNames.late("uploads"), 0, t));
      z2 = zOf(p.propose(new PolicyContext(t, MINUTE, Snapshot.of(t, ok, Freshness.ofDefaults()), null, fleet,
          List.of(UPLOADS), Map.of(), Map.of(), TYPE)));
    }
    assertTrue(z2 < z1, z1 + " → " + z2);
  }

  @Test
  void theConfidenceCountsJobsNotTicks_lateJobsCrowdedIntoTheBusyHourStillRaiseIt() {
    // nine quiet hours at 0.5 jobs/s, all on time, then one busy hour at 5 jobs/s with 1 % late:
    // 180 of 34,200 jobs late (0.53 %) misses a 99.8 % goal, so z must end higher than it began;
    // averaged over ticks instead (0 % for 540 ticks, 1 % for 60: 0.1 %) it would look met and fall
    Instant start = T0.plus(Duration.ofHours(1));
    Fleet fleet = fleet(40, start.minus(Duration.ofHours(1)), BillingModel.PER_SECOND);
    HybridPolicy p = new HybridPolicy(HybridConfig.custom().attainmentGoal(0.998).build());
    double z0 = Double.NaN;
    double z = Double.NaN;
    for (int k = 0; k < 600; k++) {
      Instant t = start.plus(MINUTE.multipliedBy(k));
      boolean busyHour = k >= 540;
      List<Reading> rs = new ArrayList<>(readings(t, 0, busyHour ? 150 : 15, busyHour ? 5 : 0.5));
      rs.add(new Reading(SignalNames.late("uploads"), busyHour ? 0.05 : 0, t));
      z = zOf(p.propose(new PolicyContext(t, MINUTE, Snapshot.of(t, rs, Freshness.ofDefaults()), null, fleet,
          List.of(UPLOADS), Map.of(), Map.of(), TYPE)));
      if (k == 0) {
        z0 = z;
      }
    }
    assertTrue(z > z0 + 0.5, z0 + " → " + z);
  }

  @Test
  void whileJobsKeepComingLateZClimbsAtMostOneATickToItsCapOf100AndStopsThere() {
    Instant start = T0.plus(Duration.ofHours(1));
    Fleet fleet = fleet(40, start.minus(Duration.ofHours(1)), BillingModel.PER_SECOND);
    HybridPolicy p = HybridPolicy.ofDefaults();
    double previous = Double.NaN;
    double z = Double.NaN;
    for (int k = 0; k < 1000; k++) { // every job late: z rises by about 0.2 a tick
      Instant t = start.plus(MINUTE.multipliedBy(k));
      List<Reading> rs = new ArrayList<>(readings(t, 0, 60, 2));
      rs.add(new Reading(SignalNames.late("uploads"), 2, t));
      z = zOf(p.propose(new PolicyContext(t, MINUTE, Snapshot.of(t, rs, Freshness.ofDefaults()), null, fleet,
          List.of(UPLOADS), Map.of(), Map.of(), TYPE)));
      if (k > 0) {
        assertTrue(z - previous <= 1 + 1e-9 && z >= previous, "tick " + k + ": " + previous + " → " + z);
      }
      previous = z;
    }
    assertEquals(HybridConfig.DEFAULT_MAX_CONFIDENCE, z, 1e-9);
    assertTrue(z > 74, "room for the z ≈ 74 that AAPL's bursts at a 60 s objective need: " + z);
  }

  @Test
  void aClockSteppedBackAnHourGoesOnLearningRatesAndLateJobsInsteadOfTakingEveryTickAsOnTime() {
    Instant start = T0.plus(Duration.ofHours(2));
    Fleet fleet = fleet(40, start.minus(Duration.ofHours(1)), BillingModel.PER_SECOND);
    HybridPolicy p = HybridPolicy.ofDefaults();
    Instant t = start;
    double z = Double.NaN;
    for (int k = 0; k < 30; k++) { // every job late, 2 jobs/s
      z = zOf(p.propose(lateTick(t, fleet, 2)));
      t = t.plus(MINUTE);
    }
    t = t.minus(Duration.ofHours(1)); // NTP, or a state restored onto a machine whose clock is behind
    Proposal after = null;
    double zBefore = z;
    for (int k = 0; k < 10; k++) { // still every job late, and the stream triples
      after = p.propose(lateTick(t, fleet, 6));
      t = t.plus(MINUTE);
    }
    double zAfter = zOf(after);
    assertTrue(zAfter > zBefore + 1, "late jobs after the step still raise z: " + zBefore + " → " + zAfter);
    String line = after.reasons().get(1).message();
    double lambda = Double.parseDouble(line.substring(line.indexOf("λ=") + 2, line.indexOf("/s")));
    assertTrue(lambda > 5, "the samples after the step are learned: " + line);
  }

  private static PolicyContext lateTick(Instant t, Fleet fleet, double lambda) {
    List<Reading> rs = new ArrayList<>(readings(t, 0, 60, lambda));
    rs.add(new Reading(SignalNames.late("uploads"), lambda, t));
    return new PolicyContext(t, MINUTE, Snapshot.of(t, rs, Freshness.ofDefaults()), null, fleet, List.of(UPLOADS),
        Map.of(), Map.of(), TYPE);
  }

  @Test
  void aTightClassBehindItsBacklogNeedsMoreThanTheSameBacklogWithALongObjective() {
    JobClass tight = JobClass.of("thumbs", Duration.ofSeconds(90), Duration.ofSeconds(10));
    JobClass loose = JobClass.of("reports", Duration.ofHours(2), Duration.ofSeconds(10));
    Instant now = T0.plus(Duration.ofHours(1));
    Fleet four = fleet(4, now.minus(Duration.ofHours(1)), BillingModel.PER_SECOND);
    int needTight = twoClassDesired(now, four, tight, loose, 600, 0);
    int needLoose = twoClassDesired(now, four, tight, loose, 0, 600);
    assertTrue(needTight > needLoose, needTight + " vs " + needLoose);
  }

  @Test
  void configValidatesNamingFieldRuleAndValue() {
    assertEquals("deadlineShare must be in (0, 1], but was 1.5",
        assertThrows(IllegalArgumentException.class, () -> HybridConfig.custom().deadlineShare(1.5)).getMessage());
    assertEquals("attainmentGoal must be in (0.5, 1], but was 0.2",
        assertThrows(IllegalArgumentException.class, () -> HybridConfig.custom().attainmentGoal(0.2)).getMessage());
    assertEquals("maxConfidence must be in [confidence (1.0), 1000], but was 0.5",
        assertThrows(IllegalArgumentException.class, () -> HybridConfig.custom().maxConfidence(0.5).build()).getMessage());
    HybridConfig c = HybridConfig.custom().confidence(1.5).forecastUpper(true).build();
    assertEquals(1.5, c.confidence());
    assertEquals(c, HybridConfig.from(c).build());
  }

  // ---------------------------------------------------------------- fixtures

  private static int twoClassDesired(Instant now, Fleet fleet, JobClass a, JobClass b, double waitingA, double waitingB) {
    HybridPolicy p = HybridPolicy.ofDefaults();
    for (int k = 1; k >= 0; k--) {
      Instant t = now.minus(MINUTE.multipliedBy(k));
      List<Reading> rs = new ArrayList<>();
      rs.addAll(readings(a, t, k == 0 ? waitingA : 0, 4, 0.2));
      rs.addAll(readings(b, t, k == 0 ? waitingB : 0, 4, 0.2));
      PolicyContext ctx = new PolicyContext(t, MINUTE, Snapshot.of(t, rs, Freshness.ofDefaults()), null, fleet,
          List.of(a, b), Map.of(), Map.of(), TYPE);
      Proposal pr = p.propose(ctx);
      if (k == 0) {
        return pr.desired();
      }
    }
    throw new AssertionError();
  }

  static double zOf(Proposal p) {
    String m = p.reasons().get(1).message();
    int i = m.indexOf("z=");
    return Double.parseDouble(m.substring(i + 2, m.indexOf(' ', i)).replace(",", "").replaceAll("[^0-9.]", ""));
  }

  private static Fleet fleet(int n, Instant launched, BillingModel billing) {
    List<Instance> l = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      l.add(new Instance(String.format("i-%04d", k), TYPE.name(), InstanceState.RUNNING, launched, 4, 0, 0.1, billing));
    }
    return Fleet.of(l);
  }

  private static Fleet busy(Fleet f, int busySlots) {
    List<Instance> l = new ArrayList<>();
    int left = busySlots;
    for (Instance i : f.instances()) {
      int b = Math.min(i.slots(), left);
      left -= b;
      l.add(i.withBusySlots(b));
    }
    return Fleet.of(l);
  }

  private static List<Reading> readings(Instant now, double visible, double inflight, double lambda) {
    return readings(UPLOADS, now, visible, inflight, lambda);
  }

  private static List<Reading> readings(JobClass c, Instant now, double visible, double inflight, double lambda) {
    List<Reading> rs = new ArrayList<>();
    rs.add(new Reading(c.visibleSignal(), visible, now));
    rs.add(new Reading(c.inflightSignal(), inflight, now));
    if (!Double.isNaN(lambda)) {
      rs.add(new Reading(c.arrivalsSignal(), lambda, now));
    }
    return rs;
  }

  private static PolicyContext ctx(Instant now, Fleet fleet, double visible, double inflight, double lambda, Forecast f,
      JobClass cls) {
    return ctx(now, fleet, visible, inflight, lambda, f, cls, TYPE);
  }

  private static PolicyContext ctx(Instant now, Fleet fleet, double visible, double inflight, double lambda, Forecast f,
      JobClass cls, InstanceType type) {
    JobClass c = cls == null ? UPLOADS : cls;
    return new PolicyContext(now, MINUTE, Snapshot.of(now, readings(c, now, visible, inflight, lambda),
        Freshness.ofDefaults()), null, fleet, List.of(c), Map.of(),
        f == null ? Map.of() : Map.of(c.arrivalsSignal(), f), type);
  }
}
