package dev.governor.simulation.internal;

import java.util.SplittableRandom;

/** A positive random duration with a given mean: lognormal (mean, cv), exponential (mean) or constant. */
final class Draw {
  private final double mean;
  private final double mu;
  private final double sigma;
  private final boolean exponential;

  private Draw(double mean, double cv, boolean exponential) {
    this.mean = mean;
    this.exponential = exponential;
    double s2 = Math.log1p(cv * cv);
    this.sigma = Math.sqrt(s2);
    this.mu = Math.log(mean) - s2 / 2;
  }

  /** Lognormal with mean {@code mean} and coefficient of variation {@code cv}: σ² = ln(1 + cv²), μ = ln(mean) − σ²/2. */
  static Draw lognormal(double mean, double cv) {
    return new Draw(mean, cv, false);
  }

  static Draw exponential(double mean) {
    return new Draw(mean, 1, true);
  }

  double sample(SplittableRandom rnd) {
    if (mean <= 0) {
      return 0;
    }
    if (exponential) {
      return -mean * Math.log(1 - rnd.nextDouble());
    }
    if (sigma == 0) {
      return mean;
    }
    return Math.exp(mu + sigma * rnd.nextGaussian());
  }

  double mean() {
    return mean;
  }
}
