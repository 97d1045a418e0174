package dev.governor.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.policy.WaitProjection.Arrivals;
import dev.governor.policy.WaitProjection.Backlog;
import dev.governor.policy.WaitProjection.Capacity;
import dev.governor.policy.WaitProjection.Preemption;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WaitProjectionTest {
  private static final double[] NONE = {};

  @Test
  void aDrainingQueueWaitsLongestAtTheStart() {
    // 1,000 slot-s waiting, 10 slot-s/s arriving, 20 slots: Q(t) = 1000 − 10t, w(0) = 50 s
    Arrivals a = new Arrivals(10, 10, 0, 0, 240);
    WaitProjection.Outcome o = WaitProjection.project(1000, a, new Capacity(20, NONE, NONE), 0, 60, 0);
    assertEquals(50, o.maxWait(), 1e-9);
    assertEquals(400, o.queueAtEnd(), 1e-9);
  }

  @Test
  void aGrowingQueueWaitsLongestAtTheEndAndBootingSlotsCountFromTheirArrival() {
    // 20 slot-s/s arriving on 10 slots: Q grows 10/s; 10 more slots arrive at 100 s, then Q drains
    Arrivals a = new Arrivals(20, 20, 0, 0, 240);
    Capacity c = new Capacity(10, new double[] {100}, new double[] {10});
    WaitProjection.Outcome o = WaitProjection.project(0, a, c, 0, 200, 0);
    assertEquals(100, o.maxWait(), 1e-9); // Q(100−) = 1000 on 10 slots
    assertEquals(1000, o.queueAtEnd(), 1e-9); // balanced after 100 s
    // the same, checked only from the step on: the new slots serve from it, w = 1000 / 20
    assertEquals(50, WaitProjection.project(0, a, c, 100, 200, 0).maxWait(), 1e-9);
  }

  @Test
  void pessimisticArrivalsGrowAsARandomWalk() {
    Arrivals a = new Arrivals(2, 4, 100, 30, 400);
    assertEquals(100 * 3 + 100 * 4 + 30 * Math.sqrt(200 / 400.0), a.upper(200), 1e-9);
    assertEquals(50 * 2.5, a.mean(50), 1e-9); // halfway up the ramp: rate 3, mean 2.5
    assertThrows(IllegalArgumentException.class, () -> new Arrivals(Double.NaN, 1, 0, 0, 1));
  }

  @Test
  void aFractionOfAJobWaitsForNothingButWorkWithoutCapacityWaitsForever() {
    Arrivals none = Arrivals.none(240);
    assertEquals(0, WaitProjection.project(10, none, new Capacity(0, NONE, NONE), 0, 60, 15).maxWait());
    assertEquals(Double.POSITIVE_INFINITY, WaitProjection.project(30, none, new Capacity(0, NONE, NONE), 0, 60, 15)
        .maxWait());
  }

  @Test
  void launchesAreTheFewestThatKeepWaitsWithinTarget() {
    // 3,000 slot-s waiting, 40 slot-s/s arriving, 40 running slots (4 per instance), boot 150 s, tick 60 s
    Arrivals a = new Arrivals(40, 40, 0, 0, 240);
    Capacity c = new Capacity(40, NONE, NONE);
    int x = WaitProjection.launchesNeeded(3000, Backlog.none(), a, c, 4, 150, 60, 30, 0, 1000);
    // at 150 s the queue still holds 3,000: (40 + 4x) · 30 ≥ 3,000 → x ≥ 15; at 210 s it has drained
    assertEquals(15, x);
  }

  @Test
  void waitingJobsThatNoLaunchCanHelpAreNotLaunchedFor() {
    // one cohort already 290 s old with a 270 s target: nothing launched at +150 s can start it in time
    Backlog old = new Backlog(0, new double[] {290}, new double[] {280}, new double[] {600}, 0);
    Arrivals a = Arrivals.none(240);
    assertEquals(0, WaitProjection.launchesNeeded(600, old, a, new Capacity(4, NONE, NONE), 4, 150, 60, 270, 0, 1000));
    // a young cohort that will be late on 4 slots is launched for
    Backlog young = new Backlog(0, new double[] {20}, new double[] {0}, new double[] {4000}, 0);
    assertTrue(WaitProjection.launchesNeeded(4000, young, a, new Capacity(4, NONE, NONE), 4, 150, 60, 270, 0, 1000) > 0);
  }

  @Test
  void theAgesOfWaitingJobsForbidARemovalTheirDeadlinesCannotAfford() {
    // 118 jobs of 30 s aged 180–240 s behind 10 aged 240–252 s; 12 instances running, target 270 s
    Backlog b = new Backlog(0, new double[] {252, 240}, new double[] {240, 180}, new double[] {300, 3540}, 0);
    Arrivals a = Arrivals.none(240);
    Capacity c = new Capacity(48, NONE, NONE);
    // 48 slots start the last of them after 80.6 s: 180 + 80.6 ≤ 270. 40 slots: 180 + 96 > 270.
    assertEquals(1, WaitProjection.removable(3840, b, a, c, 12, 4, 0, 330, 270, 15));
    assertEquals(180 + 3840 / 44.0, b.maxTotalWait(c.withRunning(44), null), 1e-9);
  }

  @Test
  void aReleaseNeverPushesAWaitingBurstPastTheLaunchLineNorWritesOffJobsThatCanStillMakeTheirObjective() {
    // the tail of a burst: 3,000 jobs of 4 s (12,000 slot-seconds), all 600 s old, on 33 instances
    // (132 slots), no arrivals expected; release band 405 s, launch line 810 s, objective 900 s.
    // A job arriving now would wait 12,000 / cap: the band alone lets all but 8 instances go (32 slots).
    Backlog burst = new Backlog(0, new double[] {600}, new double[] {600}, new double[] {12_000}, 0);
    Arrivals none = Arrivals.none(240);
    Capacity c = new Capacity(132, NONE, NONE);
    // its last job must still start within 810 s: 600 + 12,000 / 60 = 800 s on 15 instances, 814 s on 14
    assertEquals(18, WaitProjection.removable(12_000, burst, none, c, 33, 4, 0, 330, 405, 810, 900, 0));
    // the single-target form writes the burst off as already past the band: 25 go, the defect this guards
    assertEquals(25, WaitProjection.removable(12_000, burst, none, c, 33, 4, 0, 330, 405, 0));
    // past the launch line already (720 + 12,000 / 132 = 811 s) but inside its objective: nothing goes
    Backlog later = new Backlog(0, new double[] {720}, new double[] {720}, new double[] {12_000}, 0);
    assertEquals(0, WaitProjection.removable(12_000, later, none, c, 33, 4, 0, 330, 405, 810, 900, 0));
    // past the objective whatever is kept (901 s old): it does not hold the fleet
    Backlog lost = new Backlog(0, new double[] {901}, new double[] {901}, new double[] {12_000}, 0);
    assertEquals(25, WaitProjection.removable(12_000, lost, none, c, 33, 4, 0, 330, 405, 810, 900, 0));
  }

  @Test
  void aCohortOnlyPartlyLateIsNotWrittenOffToMakeRoomForARelease() {
    // one cohort of 7,500 jobs of 4 s (30,000 slot-s) aged 700 s (first) to 690 s (last) on 132 slots:
    // its first job starts at once (700 s in all), its last after 227 s (917 s): the head is in time,
    // the tail is not. Band 405 s, launch line 810 s, objective 900 s.
    Backlog straddling = new Backlog(0, new double[] {700}, new double[] {690}, new double[] {30_000}, 0);
    Arrivals none = Arrivals.none(240);
    Capacity c = new Capacity(132, NONE, NONE);
    assertArrayEquals(new boolean[] {true}, straddling.missingUnder(c, 900));
    assertArrayEquals(new boolean[] {false}, straddling.lostUnder(c, 900));
    // writing the whole cohort off (the defect this guards) would let the band release 14 of 33 and
    // push its head past the objective too; its jobs that can still start in time hold the fleet
    assertEquals(0, WaitProjection.removable(30_000, straddling, none, c, 33, 4, 0, 330, 405, 810, 900, 0));
    // once all of it misses the objective whatever is kept (first 910 s), it no longer holds the fleet:
    // only the band for a job arriving now behind it does (30,000 / 405 s needs 74 slots: 19 stay)
    Backlog gone = new Backlog(0, new double[] {910}, new double[] {900}, new double[] {30_000}, 0);
    assertArrayEquals(new boolean[] {true}, gone.lostUnder(c, 900));
    assertEquals(14, WaitProjection.removable(30_000, gone, none, c, 33, 4, 0, 330, 405, 810, 900, 0));
  }

  @Test
  void startOfInvertsTheCumulativeCapacity() {
    Capacity c = new Capacity(10, new double[] {100, 50}, new double[] {10, 20});
    assertEquals(30, WaitProjection.startOf(c, 300), 1e-9); // 10 slots
    assertEquals(50 + 200 / 30.0, WaitProjection.startOf(c, 700), 1e-9); // 500 by 50 s, then 30 slots
    assertEquals(100 + 50 / 40.0, WaitProjection.startOf(c, 2050), 1e-9);
    assertEquals(Double.POSITIVE_INFINITY, WaitProjection.startOf(new Capacity(0, NONE, NONE), 1));
  }

  /** The closed form agrees with a brute-force simulation of the fluid queue in small steps. */
  @Property(tries = 300)
  void projectionMatchesBruteForce(@ForAll @DoubleRange(min = 0, max = 5000) double q0,
      @ForAll @DoubleRange(min = 0, max = 60) double rateNow, @ForAll @DoubleRange(min = 0, max = 60) double rateAhead,
      @ForAll @DoubleRange(min = 0, max = 300) double ramp, @ForAll @DoubleRange(min = 0, max = 500) double sigma,
      @ForAll @IntRange(min = 0, max = 60) int running, @ForAll @DoubleRange(min = 0, max = 200) double eta,
      @ForAll @IntRange(min = 0, max = 40) int booting, @ForAll @DoubleRange(min = 0, max = 200) double from) {
    Arrivals a = new Arrivals(rateNow, rateAhead, ramp, sigma, 240);
    Capacity c = new Capacity(running, new double[] {eta}, new double[] {booting});
    double until = from + 120;
    double got = WaitProjection.project(q0, a, c, from, until, 1).maxWait();
    double dt = 0.01;
    double q = q0;
    double worst = 0;
    for (int i = 0; i * dt <= until + 1e-9; i++) {
      double t = i * dt;
      double cap = running + (t >= eta ? booting : 0);
      if (t >= from) {
        worst = Math.max(worst, WaitProjection.wait(q, cap, 1));
      }
      q = Math.max(0, q + a.upper(t + dt) - a.upper(t) - cap * dt);
    }
    if (Double.isInfinite(got) || Double.isInfinite(worst)) {
      assertEquals(worst, got);
    } else {
      assertEquals(worst, got, 0.02 * Math.max(1, worst) + 2);
    }
  }

  /** launchesNeeded is minimal: one fewer does not fit, and it does fit (unless capped). */
  @Property(tries = 200)
  void launchesAreMinimal(@ForAll @DoubleRange(min = 0, max = 50000) double q0,
      @ForAll @DoubleRange(min = 0, max = 200) double rate, @ForAll @IntRange(min = 0, max = 100) int running,
      @ForAll @DoubleRange(min = 20, max = 600) double target) {
    Arrivals a = new Arrivals(rate, rate, 0, 0, 240);
    Capacity c = new Capacity(running * 4.0, NONE, NONE);
    int x = WaitProjection.launchesNeeded(q0, Backlog.none(), a, c, 4, 150, 60, target, 0, 100_000);
    assertTrue(WaitProjection.project(q0, a, c.plus(150, 4.0 * x), 150, 210, 0).maxWait() <= target);
    if (x > 0) {
      assertTrue(WaitProjection.project(q0, a, c.plus(150, 4.0 * (x - 1)), 150, 210, 0).maxWait() > target);
    }
  }

  /** removable is maximal: one more would break the target, and what it allows keeps it. */
  @Property(tries = 200)
  void removalsAreMaximal(@ForAll @DoubleRange(min = 0, max = 20000) double q0,
      @ForAll @DoubleRange(min = 0, max = 200) double rate, @ForAll @IntRange(min = 0, max = 100) int running,
      @ForAll @DoubleRange(min = 20, max = 600) double target) {
    Arrivals a = new Arrivals(rate, rate, 0, 0, 240);
    Capacity c = new Capacity(running * 4.0, NONE, NONE);
    int r = WaitProjection.removable(q0, Backlog.none(), a, c, running, 4, 0, 330, target, 0);
    if (r > 0) {
      assertTrue(WaitProjection.project(q0, a, c.withRunning(4.0 * (running - r)), 0, 330, 0).maxWait() <= target);
    }
    if (r < running && WaitProjection.project(q0, a, c, 0, 330, 0).maxWait() <= target) {
      assertTrue(WaitProjection.project(q0, a, c.withRunning(4.0 * (running - r - 1)), 0, 330, 0).maxWait() > target);
    }
  }

  @Test
  void laterArrivalsThatGoFirstLengthenTheWait() {
    // 1,000 slot-s ahead on 20 slots; a higher priority keeps arriving at 10 slot-s/s: w = 1000 / (20 − 10)
    Preemption higher = new Preemption(new double[] {10}, new double[] {Double.POSITIVE_INFINITY});
    assertEquals(100, WaitProjection.wait(1000, 20, 0, higher), 1e-9);
    // an equal priority with a 50 s shorter objective overtakes for the first 50 s only: 500 served by 50 s, then 25 s
    Preemption shorter = new Preemption(new double[] {10}, new double[] {50});
    assertEquals(75, WaitProjection.wait(1000, 20, 0, shorter), 1e-9);
    // overtaking work that outruns the slots for ever: the job never starts
    Preemption flood = new Preemption(new double[] {25}, new double[] {Double.POSITIVE_INFINITY});
    assertEquals(Double.POSITIVE_INFINITY, WaitProjection.wait(1000, 20, 0, flood));
    // ... for a while only: 50 s at −5 net, then 20 net: (1000 + 250) / 20 after it
    assertEquals(50 + 1250 / 20.0, WaitProjection.wait(1000, 20, 0, new Preemption(new double[] {25},
        new double[] {50})), 1e-9);
    assertEquals(50, WaitProjection.wait(1000, 20, 0, Preemption.none()), 1e-9);
  }

  @Test
  void aWaitingJobIsOvertakenOnlyWhileLaterJobsFallDueBeforeIt() {
    // 10 slots, 10 more at 100 s; overtaken at 5 slot-s/s by a class due 60 s earlier
    Capacity c = new Capacity(10, new double[] {100}, new double[] {10});
    Preemption p = new Preemption(new double[] {5}, new double[] {60});
    // a new job: net 5 for 60 s (300), net 10 to 100 s (700), then 20 slots: 1000 at 115 s
    assertEquals(115, WaitProjection.startOf(c, 1000, p, 0), 1e-9);
    // a job already 40 s old is overtaken for 20 s more only: 100 by 20 s, 900 by 100 s, then 100 / 20
    assertEquals(105, WaitProjection.startOf(c, 1000, p, 40), 1e-9);
    // older than the window: nothing overtakes it
    assertEquals(WaitProjection.startOf(c, 1000), WaitProjection.startOf(c, 1000, p, 90), 1e-12);
    // a backlog's total wait counts it, and so does the projection of the jobs still to come
    Backlog b = new Backlog(0, new double[] {10}, new double[] {0}, new double[] {1000}, 0).overtakenBy(p);
    assertEquals(115, b.maxTotalWait(c, null), 1e-9);
    Arrivals none = Arrivals.none(240);
    assertEquals(200, WaitProjection.project(1000, none, new Capacity(10, NONE, NONE), 0, 0, 0,
        new Preemption(new double[] {5}, new double[] {Double.POSITIVE_INFINITY})).maxWait(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> new Preemption(new double[] {-1}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> new Preemption(new double[] {1}, new double[] {}));
  }

  /** The wait with overtaking is where served work c·w − P(w) reaches the work ahead; ∞ exactly when it never can. */
  @Property(tries = 500)
  void theWaitWithOvertakingIsWhereTheSlotsHaveServedTheWorkAhead(@ForAll @DoubleRange(min = 1, max = 5000) double q,
      @ForAll @DoubleRange(min = 1, max = 100) double cap, @ForAll @DoubleRange(min = 0, max = 60) double r1,
      @ForAll @DoubleRange(min = 0, max = 600) double w1, @ForAll @DoubleRange(min = 0, max = 30) double r2) {
    Preemption p = new Preemption(new double[] {r1, r2}, new double[] {w1, Double.POSITIVE_INFINITY});
    double w = WaitProjection.wait(q, cap, 0, p);
    if (cap <= r2) {
      assertEquals(Double.POSITIVE_INFINITY, w, "the strict overtaking takes every slot");
      return;
    }
    double served = cap * w - r1 * Math.min(w, w1) - r2 * w;
    assertEquals(q, served, 1e-9 * q + 1e-9, "q=" + q + " cap=" + cap + " p=" + p + " w=" + w);
    // the first such time: served work is convex from 0, so just before w it is short of q
    double before = w * (1 - 1e-6);
    assertTrue(cap * before - r1 * Math.min(before, w1) - r2 * before < q);
    assertEquals(p.overtaking(w, 0), r1 * Math.min(w, w1) + r2 * w, 1e-9 * (1 + w));
  }
}
