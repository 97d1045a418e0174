package dev.governor.simulation.optimum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.fleet.BillingModel;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OptimalPlannerTest {
  static OptimalPlanner.Problem problem(double[] work, int lag, int slots, double boot, BillingModel billing, int min,
      int max) {
    double[] dt = new double[work.length];
    Arrays.fill(dt, 60);
    return new OptimalPlanner.Problem(new double[][] {work}, new int[] {lag}, dt, 60, slots, boot, billing, min, max);
  }

  // ---- brute force: every capacity schedule, checked and priced independently of the planner ----

  /** Whether a schedule serves all work in time: work of tick j served (FIFO) by the end of tick j + lag. */
  static boolean feasible(OptimalPlanner.Problem p, int[] c) {
    int T = p.ticks();
    int boot = p.bootTicks();
    for (int k = 1; k < T; k++) {
      if (k < boot && c[k] > c[k - 1]) {
        return false; // nothing launched inside the window serves before its boot ends
      }
    }
    double[][] work = p.work();
    // remaining work of each (class, arrival tick), served in deadline order (EDF) as early as possible
    double[][] left = new double[work.length][T];
    for (int k = 0; k < T; k++) {
      double cap = c[k] * p.slots() * p.dt()[k];
      for (int cl = 0; cl < work.length; cl++) {
        left[cl][k] = work[cl][k];
      }
      while (cap > 1e-12) {
        int bc = -1;
        int bj = -1;
        for (int cl = 0; cl < work.length; cl++) {
          for (int j = 0; j <= k; j++) {
            if (left[cl][j] > 1e-12 && (bc < 0 || j + p.lag()[cl] < bj + p.lag()[bc])) {
              bc = cl;
              bj = j;
            }
          }
        }
        if (bc < 0) {
          break;
        }
        double s = Math.min(cap, left[bc][bj]);
        left[bc][bj] -= s;
        cap -= s;
      }
      for (int cl = 0; cl < work.length; cl++) {
        for (int j = 0; j <= k; j++) {
          if (left[cl][j] > 1e-6 && (j + p.lag()[cl] <= k || k == T - 1)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Billed seconds of a schedule run as instances: n0 = c[0] from time 0, each increase a launch paying the boot. */
  static double perSecondCost(OptimalPlanner.Problem p, int[] c) {
    double s = 0;
    for (int k = 0; k < c.length; k++) {
      s += c[k] * p.dt()[k] + (k > 0 ? p.bootSeconds() * Math.max(0, c[k] - c[k - 1]) : 0);
    }
    return s;
  }

  static double bruteForce(OptimalPlanner.Problem p, int top) {
    int T = p.ticks();
    int[] c = new int[T];
    Arrays.fill(c, p.min());
    double best = Double.POSITIVE_INFINITY;
    while (true) {
      if (feasible(p, c)) {
        best = Math.min(best, perSecondCost(p, c));
      }
      int k = 0;
      while (k < T && c[k] == top) {
        c[k] = p.min();
        k++;
      }
      if (k == T) {
        return best;
      }
      c[k]++;
    }
  }

  @Provide
  Arbitrary<OptimalPlanner.Problem> small() {
    Arbitrary<double[]> work = Arbitraries.integers().between(0, 8).map(i -> i * 45.0).array(double[].class)
        .ofMinSize(1).ofMaxSize(7);
    return Combinators.combine(work, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 2),
        Arbitraries.of(0.0, 60.0, 120.0, 180.0), Arbitraries.integers().between(0, 1))
        .as((w, lag, slots, boot, min) -> problem(w, lag, slots, boot, BillingModel.PER_SECOND, min, 4));
  }

  @Property(tries = 300)
  void theDpFindsTheBruteForceOptimum(@ForAll("small") OptimalPlanner.Problem p) {
    double brute = bruteForce(p, 4);
    OptimalPlanner.Plan plan = OptimalPlanner.plan(p);
    if (Double.isInfinite(brute)) {
      assertFalse(plan.feasible(), "brute force finds no schedule");
      return;
    }
    assertTrue(plan.feasible());
    assertTrue(plan.exact());
    assertEquals(brute, plan.billedSeconds(), 1e-6, () -> "plan " + Arrays.toString(plan.capacity()));
    assertTrue(feasible(p, plan.capacity()), "the plan itself serves every tick's work in time");
    assertEquals(plan.billedSeconds(), perSecondCost(p, plan.capacity()), 1e-6, "the plan costs what it says");
  }

  @Provide
  Arbitrary<OptimalPlanner.Problem> twoClassesOneDeadline() {
    Arbitrary<double[]> work = Arbitraries.integers().between(0, 6).map(i -> i * 40.0).array(double[].class)
        .ofSize(5);
    return Combinators.combine(work, work, Arbitraries.integers().between(0, 2), Arbitraries.of(0.0, 120.0))
        .as((a, b, lag, boot) -> {
          double[] dt = new double[5];
          Arrays.fill(dt, 60);
          return new OptimalPlanner.Problem(new double[][] {a, b}, new int[] {lag, lag}, dt, 60, 1, boot,
              BillingModel.PER_SECOND, 0, 4);
        });
  }

  @Property(tries = 100)
  void severalClassesWithOneDeadlineAreExactToo(@ForAll("twoClassesOneDeadline") OptimalPlanner.Problem p) {
    double brute = bruteForce(p, 4);
    OptimalPlanner.Plan plan = OptimalPlanner.plan(p);
    assertEquals(Double.isFinite(brute), plan.feasible());
    if (plan.feasible()) {
      assertEquals(brute, plan.billedSeconds(), 1e-6);
      assertTrue(plan.exact());
    }
  }

  @Provide
  Arbitrary<OptimalPlanner.Problem> twoDeadlines() {
    Arbitrary<double[]> work = Arbitraries.integers().between(0, 6).map(i -> i * 40.0).array(double[].class)
        .ofSize(5);
    return Combinators.combine(work, work, Arbitraries.integers().between(0, 1), Arbitraries.integers().between(2, 3))
        .as((a, b, la, lb) -> {
          double[] dt = new double[5];
          Arrays.fill(dt, 60);
          return new OptimalPlanner.Problem(new double[][] {a, b}, new int[] {la, lb}, dt, 60, 1, 0,
              BillingModel.PER_SECOND, 0, 4);
        });
  }

  @Property(tries = 100)
  void withSeveralDeadlinesThePlanIsNeverAboveTheOptimum(@ForAll("twoDeadlines") OptimalPlanner.Problem p) {
    double brute = bruteForce(p, 4);
    OptimalPlanner.Plan plan = OptimalPlanner.plan(p);
    if (plan.feasible()) {
      assertTrue(plan.billedSeconds() <= brute + 1e-6, "a relaxation: a lower bound on the EDF optimum");
      assertFalse(plan.exact(), "a relaxation says it is a bound, not the optimum");
    }
  }

  // ---- hand-computed examples ----

  @Test
  void perSecondByHandADeadlineShorterThanTheBoot() {
    // 240 slot-seconds arrive in tick 2; deadline one tick (60 s) < boot 120 s; 2 slots serve 120 per tick.
    // Cheapest: one instance serving ticks 2 and 3, launched at 0 (boot 120 + 2 x 60 = 240 s), or one from
    // the start (4 x 60 = 240 s). Two instances in tick 2 would cost 2 x (120 + 60) = 360 s.
    OptimalPlanner.Problem p = problem(new double[] {0, 0, 240, 0}, 1, 2, 120, BillingModel.PER_SECOND, 0, 10);
    OptimalPlanner.Plan plan = OptimalPlanner.plan(p);
    assertTrue(plan.exact());
    assertEquals(240, plan.billedSeconds(), 1e-9);
    assertEquals(1, plan.capacity()[2]);
    assertEquals(1, plan.capacity()[3]);
    assertEquals(240 / 3600.0, plan.instanceHours(), 1e-12);
  }

  @Test
  void aDeadlineOfZeroTicksWithABootMeansTheFleetMustBeThereAlready() {
    // 600 slot-seconds in tick 1, served within tick 1 (lag 0), 1 slot: 10 instances in tick 1; boot 120 s
    // forbids launching for tick 1, so all 10 run from time 0 and leave after tick 1: 10 x 120 = 1200 s.
    OptimalPlanner.Problem p = problem(new double[] {0, 600, 0}, 0, 1, 120, BillingModel.PER_SECOND, 0, 20);
    OptimalPlanner.Plan plan = OptimalPlanner.plan(p);
    assertEquals(1200, plan.billedSeconds(), 1e-9);
    assertArrayEquals(new int[] {10, 10, 0}, plan.capacity());
  }

  @Test
  void aBurstIsSpreadOverItsDeadline() {
    // 630 slot-seconds at tick 0, 1 slot, lag 4 (5 ticks): 11 instance-ticks are needed, 660 s; no boot.
    OptimalPlanner.Problem p = problem(new double[] {630, 0, 0, 0, 0, 0}, 4, 1, 0, BillingModel.PER_SECOND, 0, 50);
    OptimalPlanner.Plan plan = OptimalPlanner.plan(p);
    assertEquals(660, plan.billedSeconds(), 1e-9);
    int sum = 0;
    for (int c : plan.capacity()) {
      sum += c;
    }
    assertEquals(11, sum);
    // with a boot of 120 s the burst must be met by the initial fleet over ticks 0 and 1 (lag 1): 11 instance-ticks
    OptimalPlanner.Plan booted = OptimalPlanner.plan(problem(new double[] {630, 0, 0}, 1, 1, 120,
        BillingModel.PER_SECOND, 0, 50));
    assertEquals(660, booted.billedSeconds(), 1e-9);
    assertEquals(11, booted.capacity()[0] + booted.capacity()[1]);
  }

  @Test
  void perHourByHandOneInstanceForTwoTicks() {
    // truly one whole hour; the bound: θ = 0 gives the per-second 240 s, θ = 0.5 gives 0.5 x 3600 + 0.5 x 240
    OptimalPlanner.Problem p = problem(new double[] {0, 0, 240, 0}, 1, 2, 120, BillingModel.PER_HOUR, 0, 10);
    OptimalPlanner.Plan plan = OptimalPlanner.plan(p);
    assertFalse(plan.exact(), "per-hour is a lower bound, said so");
    assertEquals(1920 / 3600.0, plan.instanceHours(), 1e-9);
    assertTrue(plan.instanceHours() <= 1.0);
  }

  @Test
  void perHourTwoBurstsTwoHoursApartAreBoundedBelowTheirTrueCost() {
    // 180 ticks (3 h); a burst at tick 0 and one at tick 150 that one instance serves each. Truly: two
    // instances of one hour each (2 h). The bound is the best over θ in {0, 0.5} of min over schedules of
    // θ·3600·instances + (1-θ)·billed seconds: at θ = 0.5 two instances give 3600 + 0.5 x 120 = 3660 s (one
    // kept over ticks 0..150: 1800 + 0.5 x 9060 = 6330 s); θ = 0 gives 120 s.
    double[] w = new double[180];
    w[0] = 60;
    w[150] = 60;
    OptimalPlanner.Plan plan = OptimalPlanner.plan(problem(w, 0, 1, 0, BillingModel.PER_HOUR, 0, 4));
    assertEquals(3660 / 3600.0, plan.instanceHours(), 1e-9);
    assertTrue(plan.instanceHours() <= 2.0);
    double perSecond = OptimalPlanner.plan(problem(w, 0, 1, 0, BillingModel.PER_SECOND, 0, 4)).instanceHours();
    assertEquals(120 / 3600.0, perSecond, 1e-12);
  }

  @Test
  void anEmptyTraceCostsTheMinimumFleet() {
    OptimalPlanner.Plan plan = OptimalPlanner.plan(problem(new double[10], 2, 4, 120, BillingModel.PER_SECOND, 1, 10));
    assertEquals(600, plan.billedSeconds(), 1e-9);
    assertEquals(0, plan.launches());
    OptimalPlanner.Plan none = OptimalPlanner.plan(problem(new double[0], 2, 4, 120, BillingModel.PER_SECOND, 1, 10));
    assertTrue(none.feasible());
    assertEquals(0, none.billedSeconds());
  }

  @Test
  void moreWorkThanTheMaximumFleetServesIsInfeasible() {
    OptimalPlanner.Plan plan = OptimalPlanner.plan(problem(new double[] {1000, 0}, 0, 1, 0, BillingModel.PER_SECOND, 0,
        2));
    assertFalse(plan.feasible());
    assertTrue(Double.isNaN(plan.billedSeconds()));
  }

  @Test
  void badProblemsAreRefusedNamingTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> problem(new double[] {-1}, 0, 1, 0, BillingModel.PER_SECOND, 0, 1));
    assertTrue(e.getMessage().contains("work must be finite and >= 0, but was -1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> problem(new double[] {1}, 0, 0, 0, BillingModel.PER_SECOND, 0, 1));
    assertTrue(e.getMessage().contains("slots must be >= 1, but was 0"), e.getMessage());
  }

  @Test
  void planningIsDeterministic() {
    double[] w = new double[2000];
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    for (int k = 0; k < w.length; k++) {
      w[k] = r.nextDouble() * 3000 * (1 + Math.sin(k / 200.0));
    }
    OptimalPlanner.Problem p = problem(w, 5, 4, 120, BillingModel.PER_SECOND, 1, 1000);
    OptimalPlanner.Plan a = OptimalPlanner.plan(p);
    OptimalPlanner.Plan b = OptimalPlanner.plan(p);
    assertArrayEquals(a.capacity(), b.capacity());
    assertEquals(a.billedSeconds(), b.billedSeconds(), 0);
    assertTrue(feasible(p, a.capacity()));
  }
}
