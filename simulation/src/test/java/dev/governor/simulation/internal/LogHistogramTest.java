package dev.governor.simulation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogHistogramTest {
  @Test
  void quantilesAreWithinTheRelativeErrorOfExactOnes() {
    LogHistogram h = new LogHistogram(7);
    SplittableRandom rnd = new SplittableRandom(3);
    double[] xs = new double[100_000];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = Math.exp(rnd.nextGaussian() * 2 + 3);
      h.record(xs[i]);
    }
    Arrays.sort(xs);
    for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
      double exact = xs[(int) Math.ceil(q * xs.length) - 1];
      assertEquals(exact, h.quantile(q), exact * 0.01 + 0.001, "q" + q);
    }
    assertEquals(xs[xs.length - 1], h.maxSeconds(), 0);
  }

  @Test
  void smallValuesAreExactToTheMillisecondAndResetClears() {
    LogHistogram h = new LogHistogram(4);
    h.record(0);
    h.record(0.005);
    h.record(0.010);
    assertEquals(0.005, h.quantile(0.5), 1e-12);
    assertEquals(0.010, h.quantile(1), 1e-12);
    h.unrecord(0.010);
    assertEquals(2, h.count());
    h.reset();
    assertEquals(0, h.count());
    assertEquals(0, h.quantile(0.99));
  }
}
