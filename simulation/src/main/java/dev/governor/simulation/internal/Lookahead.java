package dev.governor.simulation.internal;

import dev.governor.simulation.FutureView;
import java.time.Instant;

/**
 * The lookahead's window on the future: a second job stream with the same seed, so it draws exactly
 * the jobs the replay will draw, read ahead as far as asked and binned per tick.
 */
final class Lookahead implements FutureView {
  private final JobStream stream;
  private final FleetModel clock;
  private final double tick;
  private final double[] work;
  private final long[] jobs;
  private boolean has;

  Lookahead(JobStream stream, FleetModel clock, double tick, int ticks) {
    this.stream = stream;
    this.clock = clock;
    this.tick = tick;
    this.work = new double[ticks];
    this.jobs = new long[ticks];
    this.has = stream.next();
  }

  private void ensure(int k) {
    double until = (k + 1) * tick;
    while (has && stream.time < until) {
      int b = Math.min(work.length - 1, (int) (stream.time / tick));
      work[b] += stream.service;
      jobs[b]++;
      has = stream.next();
    }
  }

  private int from(Instant t) {
    return Math.max(0, (int) Math.floor(clock.seconds(t) / tick + 1e-9));
  }

  private int until(Instant t) {
    return Math.min(work.length, (int) Math.ceil(clock.seconds(t) / tick - 1e-9));
  }

  @Override
  public double workSeconds(Instant from, Instant until) {
    int a = from(from);
    int b = until(until);
    if (b <= a) {
      return 0;
    }
    ensure(b - 1);
    double s = 0;
    for (int k = a; k < b; k++) {
      s += work[k];
    }
    return s;
  }

  @Override
  public long jobs(Instant from, Instant until) {
    int a = from(from);
    int b = until(until);
    if (b <= a) {
      return 0;
    }
    ensure(b - 1);
    long s = 0;
    for (int k = a; k < b; k++) {
      s += jobs[k];
    }
    return s;
  }

  void close() {
    stream.close();
  }
}
