package dev.governor.simulation;

import java.time.Instant;

/**
 * One value per controller tick of a replay, for charts and {@code timeseries.csv}. Tick k covers
 * {@code [start + k·tick, start + (k+1)·tick)}; depths are sampled at the tick, before the
 * controller acts; fleet counts right after it acted; waits are those of the jobs that started
 * in the tick. Read-only.
 */
public final class TimeSeries {
  private final Instant start;
  private final double tickSeconds;
  private final int[] arrivals;
  private final int[] completions;
  private final int[] backlog;
  private final int[] inflight;
  private final int[] running;
  private final int[] pending;
  private final int[] draining;
  private final int[] desired;
  private final int[] demand;
  private final double[] work;
  private final float[] waitP50;
  private final float[] waitP99;
  private final float[] waitMax;

  /** Takes ownership of the arrays (all of one length). */
  public TimeSeries(Instant start, double tickSeconds, int[] arrivals, int[] completions, int[] backlog, int[] inflight,
      int[] running, int[] pending, int[] draining, int[] desired, int[] demand, double[] work, float[] waitP50,
      float[] waitP99, float[] waitMax) {
    this.start = start;
    this.tickSeconds = tickSeconds;
    this.arrivals = arrivals;
    this.completions = completions;
    this.backlog = backlog;
    this.inflight = inflight;
    this.running = running;
    this.pending = pending;
    this.draining = draining;
    this.desired = desired;
    this.demand = demand;
    this.work = work;
    this.waitP50 = waitP50;
    this.waitP99 = waitP99;
    this.waitMax = waitMax;
    int n = arrivals.length;
    for (Object a : new Object[] {completions, backlog, inflight, running, pending, draining, desired, demand}) {
      if (((int[]) a).length != n) {
        throw new IllegalArgumentException("every series must have " + n + " ticks");
      }
    }
    if (work.length != n || waitP50.length != n || waitP99.length != n || waitMax.length != n) {
      throw new IllegalArgumentException("every series must have " + n + " ticks");
    }
  }

  public int size() {
    return arrivals.length;
  }

  public Instant start() {
    return start;
  }

  public double tickSeconds() {
    return tickSeconds;
  }

  /** Start of tick k. */
  public Instant time(int k) {
    return start.plusNanos(Math.round(k * tickSeconds * 1e9));
  }

  /** Jobs that arrived in tick k. */
  public int arrivals(int k) {
    return arrivals[k];
  }

  public int completions(int k) {
    return completions[k];
  }

  /** Jobs waiting at the tick (every class). */
  public int backlog(int k) {
    return backlog[k];
  }

  public int inflight(int k) {
    return inflight[k];
  }

  /** RUNNING instances after the tick's action: the supply s_t of the elasticity metrics. */
  public int running(int k) {
    return running[k];
  }

  public int pending(int k) {
    return pending[k];
  }

  public int draining(int k) {
    return draining[k];
  }

  /** Desired capacity after guards. */
  public int desired(int k) {
    return desired[k];
  }

  /** The fewest instances that could serve tick k's work at 100 % busy: the demand d_t. */
  public int demand(int k) {
    return demand[k];
  }

  /** Service seconds of the jobs that arrived in tick k. */
  public double work(int k) {
    return work[k];
  }

  public double waitP50(int k) {
    return waitP50[k];
  }

  public double waitP99(int k) {
    return waitP99[k];
  }

  public double waitMax(int k) {
    return waitMax[k];
  }
}
