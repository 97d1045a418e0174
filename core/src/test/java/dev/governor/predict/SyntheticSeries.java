package dev.governor.predict;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/** A seeded daily + weekly sinusoid with Gaussian noise, sampled every minute. */
final class SyntheticSeries {
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z"); // a Monday
  static final Duration STEP = Duration.ofMinutes(1);
  static final double BASE = 100;
  static final double DAILY_AMPLITUDE = 40;
  static final double WEEKLY_AMPLITUDE = 20;
  static final double NOISE_SD = 5;

  final double[] values;
  final double[] truth;

  SyntheticSeries(int days, long seed) {
    this(days, seed, NOISE_SD);
  }

  SyntheticSeries(int days, long seed, double noiseSd) {
    int n = days * 1440;
    values = new double[n];
    truth = new double[n];
    Random rnd = new Random(seed);
    for (int i = 0; i < n; i++) {
      double minutes = i;
      double daily = DAILY_AMPLITUDE * Math.sin(2 * Math.PI * minutes / 1440 - Math.PI / 2);
      double weekly = WEEKLY_AMPLITUDE * Math.sin(2 * Math.PI * minutes / (7 * 1440));
      truth[i] = BASE + daily + weekly;
      values[i] = Math.max(0, truth[i] + noiseSd * rnd.nextGaussian());
    }
  }

  static Instant time(int i) {
    return START.plus(STEP.multipliedBy(i));
  }

  int size() {
    return values.length;
  }
}
