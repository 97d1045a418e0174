package dev.governor.simulation.optimum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.fleet.BillingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The planner against an independent brute force over <em>fleets</em>, not capacity schedules:
 * every multiset of instances (each an interval: the initial fleet from time 0, or a launch that
 * pays its boot before it serves, up to a termination at a tick's end), each billed by the real
 * {@link BillingModel#billedSeconds} of its whole life. This checks the planner's cost formula
 * (per second: {@code Σ c·dt + boot · launches}) against the billing itself, and its per-hour
 * claim: a lower bound on the cheapest per-started-hour fleet, never above it.
 */
class FleetBruteForceTest {
  /** One instance of a candidate fleet: serves ticks [from, until); billed from launch to until. */
  record Instance(int from, int until, boolean initial) {}

  /** Every instance the model allows on {@code T} ticks with boot of {@code bootTicks} ticks. */
  static List<Instance> kinds(int T, int bootTicks) {
    List<Instance> out = new ArrayList<>();
    for (int e = 1; e <= T; e++) {
      out.add(new Instance(0, e, true));
    }
    for (int k = Math.max(1, bootTicks); k < T; k++) {
      for (int e = k + 1; e <= T; e++) {
        out.add(new Instance(k, e, false));
      }
    }
    return out;
  }

  /** Greedy FIFO serving; work of tick j due by the end of tick j + lag, all of it by the end. */
  static boolean serves(double[] work, int lag, int slots, double tick, int[] c) {
    int T = work.length;
    double[] left = work.clone();
    for (int k = 0; k < T; k++) {
      double cap = c[k] * slots * tick;
      for (int j = 0; j <= k && cap > 0; j++) {
        double s = Math.min(cap, left[j]);
        left[j] -= s;
        cap -= s;
      }
      for (int j = 0; j <= k; j++) {
        if (left[j] > 1e-6 && (j + lag <= k || k == T - 1)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The cheapest fleet of at most {@code most} instances, at most {@code max} serving at a time; +∞ if none. */
  static double cheapestFleet(double[] work, int lag, int slots, double tick, double boot, BillingModel billing,
      int max, int most) {
    int T = work.length;
    List<Instance> kinds = kinds(T, (int) Math.ceil(boot / tick - 1e-9));
    double[] best = {work.length == 0 || Arrays.stream(work).sum() == 0 ? 0 : Double.POSITIVE_INFINITY};
    search(kinds, 0, most, new int[T], 0, work, lag, slots, tick, boot, billing, max, best);
    return best[0];
  }

  private static void search(List<Instance> kinds, int first, int left, int[] c, double cost, double[] work, int lag,
      int slots, double tick, double boot, BillingModel billing, int max, double[] best) {
    if (cost >= best[0]) {
      return;
    }
    if (serves(work, lag, slots, tick, c)) {
      best[0] = cost;
      return; // adding instances only costs more
    }
    if (left == 0) {
      return;
    }
    for (int i = first; i < kinds.size(); i++) {
      Instance in = kinds.get(i);
      boolean fits = true;
      for (int k = in.from(); k < in.until(); k++) {
        fits &= c[k] < max;
      }
      if (!fits) {
        continue;
      }
      double life = in.until() * tick - (in.initial() ? 0 : in.from() * tick - boot);
      for (int k = in.from(); k < in.until(); k++) {
        c[k]++;
      }
      search(kinds, i, left - 1, c, cost + billing.billedSeconds(life), work, lag, slots, tick, boot, billing, max,
          best);
      for (int k = in.from(); k < in.until(); k++) {
        c[k]--;
      }
    }
  }

  /**
   * Instances enough for any cheapest fleet on {@code T} ticks with at most {@code max} serving: an
   * instance serves one run of ticks, a relaunch needs an idle tick between runs, so at most
   * {@code ceil(T / 2)} runs of {@code max}. (A smaller cap once hid the cheapest fleet of a case
   * that needs 1 + 3 + 3 instances, and the search then called the planner's plan too cheap.)
   */
  static int enough(int T, int max) {
    return max * ((T + 1) / 2);
  }

  static OptimalPlanner.Problem problem(double[] work, int lag, int slots, double tick, double boot,
      BillingModel billing, int max) {
    double[] dt = new double[work.length];
    Arrays.fill(dt, tick);
    return new OptimalPlanner.Problem(new double[][] {work}, new int[] {lag}, dt, tick, slots, boot, billing, 0, max);
  }

  record Case(double[] work, int lag, int slots, double boot) {
    @Override
    public String toString() {
      return "work=" + Arrays.toString(work) + " lag=" + lag + " slots=" + slots + " boot=" + boot;
    }
  }

  @Provide
  Arbitrary<Case> perSecondCases() {
    Arbitrary<double[]> work = Arbitraries.integers().between(0, 6).map(i -> i * 50.0).array(double[].class)
        .ofMinSize(1).ofMaxSize(6);
    return Combinators.combine(work, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 2),
        Arbitraries.of(0.0, 60.0, 120.0)).as(Case::new);
  }

  /** Per second (60 s minimum, 60 s ticks): the planner's cost is the cheapest fleet's real bill. */
  @Property(tries = 120)
  void perSecondThePlanCostsWhatTheCheapestFleetIsBilled(@ForAll("perSecondCases") Case k) {
    double fleet = cheapestFleet(k.work(), k.lag(), k.slots(), 60, k.boot(), BillingModel.PER_SECOND, 3,
        enough(k.work().length, 3));
    OptimalPlanner.Plan plan = OptimalPlanner.plan(problem(k.work(), k.lag(), k.slots(), 60, k.boot(),
        BillingModel.PER_SECOND, 3));
    if (Double.isInfinite(fleet)) {
      assertFalse(plan.feasible(), "no fleet of 3 serves it, but the planner found " + plan);
      return;
    }
    assertTrue(plan.feasible() && plan.exact());
    assertEquals(fleet, plan.billedSeconds(), 1e-6, () -> "plan " + Arrays.toString(plan.capacity()));
  }

  @Provide
  Arbitrary<Case> perHourCases() {
    // 600 s ticks: an hour is 6 ticks, so a few hours stay small enough to enumerate
    Arbitrary<double[]> work = Arbitraries.integers().between(0, 4).map(i -> i * 300.0).array(double[].class)
        .ofMinSize(1).ofMaxSize(9);
    return Combinators.combine(work, Arbitraries.integers().between(0, 2), Arbitraries.just(1),
        Arbitraries.of(0.0, 600.0)).as(Case::new);
  }

  /** Per started hour: the planner's cost never exceeds the cheapest fleet's bill (it is a lower bound there). */
  @Property(tries = 80)
  void perHourThePlanIsNeverAboveTheCheapestFleet(@ForAll("perHourCases") Case k) {
    double fleet = cheapestFleet(k.work(), k.lag(), k.slots(), 600, k.boot(), BillingModel.PER_HOUR, 2,
        enough(k.work().length, 2));
    OptimalPlanner.Plan plan = OptimalPlanner.plan(problem(k.work(), k.lag(), k.slots(), 600, k.boot(),
        BillingModel.PER_HOUR, 2));
    if (Double.isInfinite(fleet)) {
      return; // more than 4 instances might still do it; nothing to compare
    }
    assertTrue(plan.feasible());
    assertTrue(plan.billedSeconds() <= fleet + 1e-6,
        () -> "plan " + plan.billedSeconds() + " s above the cheapest fleet's " + fleet + " s");
    // and the upper bound is a real fleet's bill: never below the cheapest one
    assertTrue(plan.upperBilledSeconds() >= fleet - 1e-6,
        () -> "upper bound " + plan.upperBilledSeconds() + " s below the cheapest fleet's " + fleet + " s");
  }

  /**
   * By hand, per hour: 10 min ticks, 600 s of work in tick 0 and again in tick 7 (70 min later),
   * lag 0, one slot, no boot. One instance kept from 0 to 80 min is billed 2 hours; two instances
   * (0–10 min and 70–80 min) are billed 2 hours too; nothing cheaper serves both: 7200 s.
   */
  @Test
  void perHourByHandTwoTicksAnHourApart() {
    double[] work = {600, 0, 0, 0, 0, 0, 0, 600};
    assertEquals(7200, cheapestFleet(work, 0, 1, 600, 0, BillingModel.PER_HOUR, 2, 3), 1e-9);
    OptimalPlanner.Plan plan = OptimalPlanner.plan(problem(work, 0, 1, 600, 0, BillingModel.PER_HOUR, 2));
    assertTrue(plan.billedSeconds() <= 7200 + 1e-9);
    assertEquals(7200, plan.upperBilledSeconds(), 1e-9, "the instance is kept for a second hour: the cheapest fleet");
  }

  /**
   * By hand, the per-hour cover: 10 min ticks, boot 10 min. Two instances in ticks 0–1, none until
   * tick 6, one in tick 6 and three in tick 7. The initial two are paid until 60 min, when tick 6
   * (60–70 min) starts: one of them is kept for a second hour (until 120 min), which reaches further
   * than a launch at 50 min would (110 min). Tick 7 (70–80 min) needs two more: the other one's
   * period ended a boot before it, so keeping it reaches no further than a launch at 60 min (both
   * until 120 min): two launches. Five periods: 5 h.
   */
  @Test
  void perHourTheCoverKeepsAPaidInstanceForAnotherHourWhereThatReachesFurtherThanALaunch() {
    OptimalPlanner.Problem p = problem(new double[8], 0, 1, 600, 600, BillingModel.PER_HOUR, 4);
    assertEquals(5 * 3600, OptimalPlanner.periodCover(p, new int[] {2, 2, 0, 0, 0, 0, 1, 3}), 1e-9);
    // tick 0 by an initial instance, tick 7 by a launch at 60 min: 2 h
    assertEquals(2 * 3600, OptimalPlanner.periodCover(p, new int[] {1, 0, 0, 0, 0, 0, 0, 1}), 1e-9);
    // a launch whose boot would start before time 0 is an initial instance: one hour from 0
    OptimalPlanner.Problem longBoot = problem(new double[3], 0, 1, 600, 1200, BillingModel.PER_HOUR, 4);
    assertEquals(3600, OptimalPlanner.periodCover(longBoot, new int[] {0, 1, 1}), 1e-9);
    // per second there is no period to keep: no cover
    assertTrue(Double.isNaN(OptimalPlanner.periodCover(problem(new double[2], 0, 1, 60, 120, BillingModel.PER_SECOND, 2),
        new int[] {1, 1})));
  }

  /** Per second the plan is exact: its upper bound is its cost. */
  @Test
  void anExactPlansUpperBoundIsItsCost() {
    OptimalPlanner.Plan plan = OptimalPlanner.plan(problem(new double[] {0, 0, 0, 60}, 0, 1, 60, 120,
        BillingModel.PER_SECOND, 2));
    assertTrue(plan.exact());
    assertEquals(plan.billedSeconds(), plan.upperBilledSeconds(), 0);
  }

  @Test
  void aCheapestFleetOfSevenInstancesIsFound() {
    // 50, 0, 250, 0, 250 slot-s with 2 slots a tick each: 1, then 3, then 3 instances, each alone in
    // its run (jqwik's shrunk counterexample when the search stopped at 6 instances: 480 s, not 420 s)
    double[] work = {50, 0, 250, 0, 250};
    double fleet = cheapestFleet(work, 0, 2, 60, 0, BillingModel.PER_SECOND, 3, enough(work.length, 3));
    assertEquals(420, fleet, 1e-9);
    assertEquals(420, OptimalPlanner.plan(problem(work, 0, 2, 60, 0, BillingModel.PER_SECOND, 3)).billedSeconds(),
        1e-9);
  }

  /**
   * By hand, per second: 60 s ticks, boot 120 s, lag 0 (a deadline shorter than the boot), one
   * slot, 60 s of work in tick 3. The cheapest fleet launches at 60 s so that it serves tick 3:
   * 120 s of boot + 60 s of service = 180 s; keeping an initial instance from 0 would cost 240 s.
   */
  @Test
  void perSecondByHandALaunchAheadOfADeadlineShorterThanTheBoot() {
    double[] work = {0, 0, 0, 60};
    assertEquals(180, cheapestFleet(work, 0, 1, 60, 120, BillingModel.PER_SECOND, 2, 3), 1e-9);
    OptimalPlanner.Plan plan = OptimalPlanner.plan(problem(work, 0, 1, 60, 120, BillingModel.PER_SECOND, 2));
    assertEquals(180, plan.billedSeconds(), 1e-9);
    assertEquals("[0, 0, 0, 1]", Arrays.toString(plan.capacity()));
  }
}
