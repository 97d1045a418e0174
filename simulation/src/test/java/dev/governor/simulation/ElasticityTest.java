package dev.governor.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The SPEC elasticity metrics on a series small enough to compute by hand. */
class ElasticityTest {
  @Test
  void handComputedExample() {
    // four 60 s intervals, T = 240 s
    int[] d = {2, 4, 4, 0};
    int[] s = {2, 2, 5, 3};
    double[] dt = {60, 60, 60, 60};
    Elasticity e = Elasticity.of(d, s, dt);
    // under: t2 (4-2)/4 = 0.5 → 100/240 · 0.5 · 60 = 12.5
    assertEquals(12.5, e.thetaU(), 1e-9);
    // over: t3 (5-4)/4 = 0.25; t4 (3-0)/max(0,1) = 3 → 100/240 · 3.25 · 60 = 81.25
    assertEquals(81.25, e.thetaO(), 1e-9);
    assertEquals(25, e.tauU(), 1e-9);
    assertEquals(50, e.tauO(), 1e-9);
    // t2: Δs 0, Δd + → differ; t3: Δs +, Δd 0 → differ; t4: Δs −, Δd − → same → 100/180 · 120
    assertEquals(100.0 * 120 / 180, e.instability(), 1e-9);
    // supply changes 2 (t3, t4), demand changes 2 (t2, t4) → 0 per hour
    assertEquals(0, e.jitter(), 1e-9);
  }

  @Test
  void aPerfectlyTrackingSupplyScoresZero() {
    int[] d = {1, 3, 2, 2};
    Elasticity e = Elasticity.of(d, d.clone(), new double[] {60, 60, 60, 30});
    assertEquals(new Elasticity(0, 0, 0, 0, 0, 0), e);
  }
}
