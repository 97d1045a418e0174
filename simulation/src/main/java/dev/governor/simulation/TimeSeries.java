package dev.governor.simulation;

import java.time.Instant;

/**
 * One value per controller tick of a replay, for charts and {@code timeseries.csv}. Tick k covers
 * {@code [start + k·tick, start + (k+1)·tick)}; queue depths are sampled at the tick's start,
 * before the controller acts; fleet counts right after it acted; arrivals, completions and work
 * are those of the tick's interval (the last tick also takes what happens at the very end); waits
 * are those of the jobs that started in the tick. The per-tick accessors take a tick index
 * {@code 0 <= k < size()} and throw {@link ArrayIndexOutOfBoundsException} otherwise
 * ({@link #time(int)} computes any k). The series
 * of a replay that stopped early (overloaded) keeps every tick, zero after the stop.
 *
 * <p>Read-only and so thread-safe once built (the constructor takes the arrays without copying:
 * whoever builds one must not change them afterwards).
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

  /**
   * A series over the given arrays, one element per tick, taking ownership of them (no copy).
   *
   * @param start the instant tick 0 starts at (the replay's start)
   * @param tickSeconds the length of a tick, seconds
   * @param arrivals jobs that arrived in each tick
   * @param completions jobs that finished in each tick
   * @param backlog jobs waiting (every class) at each tick, before the controller acted
   * @param inflight jobs in service (every class) at each tick, before the controller acted
   * @param running RUNNING instances after each tick's action
   * @param pending PENDING (booting) instances after each tick's action
   * @param draining DRAINING instances after each tick's action
   * @param desired the controller's desired capacity after guards, per tick, instances
   * @param demand the fewest instances that could serve each tick's work at 100 % busy
   * @param work service seconds of the jobs that arrived in each tick
   * @param waitP50 median wait, seconds, of the jobs that started in each tick
   * @param waitP99 99th percentile wait, seconds, of the jobs that started in each tick
   * @param waitMax longest wait, seconds, of the jobs that started in each tick
   * @throws IllegalArgumentException if the arrays do not all have the length of {@code arrivals}
   * @throws NullPointerException if an array is null
   */
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

  /**
   * The number of ticks.
   *
   * @return the length of every series
   */
  public int size() {
    return arrivals.length;
  }

  /**
   * The start of tick 0.
   *
   * @return the replay's first instant
   */
  public Instant start() {
    return start;
  }

  /**
   * The length of a tick.
   *
   * @return the controller interval, seconds
   */
  public double tickSeconds() {
    return tickSeconds;
  }

  /**
   * The start of a tick (not range-checked).
   *
   * @param k the tick index
   * @return {@code start + k × tickSeconds}, rounded to the nanosecond
   */
  public Instant time(int k) {
    return start.plusNanos(Math.round(k * tickSeconds * 1e9));
  }

  /**
   * Jobs that arrived in a tick.
   *
   * @param k the tick index
   * @return jobs of every class arriving in tick k
   */
  public int arrivals(int k) {
    return arrivals[k];
  }

  /**
   * Jobs that finished in a tick.
   *
   * @param k the tick index
   * @return jobs of every class whose service ended in tick k
   */
  public int completions(int k) {
    return completions[k];
  }

  /**
   * The queue depth at a tick.
   *
   * @param k the tick index
   * @return jobs waiting (every class) at the start of tick k, before the controller acted
   */
  public int backlog(int k) {
    return backlog[k];
  }

  /**
   * The jobs in service at a tick.
   *
   * @param k the tick index
   * @return jobs in service (every class) at the start of tick k, before the controller acted
   */
  public int inflight(int k) {
    return inflight[k];
  }

  /**
   * RUNNING instances after the tick's action: the supply s_t of the elasticity metrics.
   *
   * @param k the tick index
   * @return RUNNING instances right after the controller acted in tick k
   */
  public int running(int k) {
    return running[k];
  }

  /**
   * Booting instances after the tick's action.
   *
   * @param k the tick index
   * @return PENDING instances (launched, not yet RUNNING) right after the controller acted in tick k
   */
  public int pending(int k) {
    return pending[k];
  }

  /**
   * Draining instances after the tick's action.
   *
   * @param k the tick index
   * @return DRAINING instances (taking no new jobs) right after the controller acted in tick k
   */
  public int draining(int k) {
    return draining[k];
  }

  /**
   * The controller's decision in a tick.
   *
   * @param k the tick index
   * @return the desired capacity after guards, instances ({@code TickReport.desired()})
   */
  public int desired(int k) {
    return desired[k];
  }

  /**
   * The fewest instances that could serve tick k's work at 100 % busy: the demand d_t of the
   * elasticity metrics.
   *
   * @param k the tick index
   * @return {@code ceil(work(k) ÷ (slots × dt))}, dt the tick's length (the last tick may be shorter)
   */
  public int demand(int k) {
    return demand[k];
  }

  /**
   * The work that arrived in a tick.
   *
   * @param k the tick index
   * @return service seconds (as drawn) of the jobs that arrived in tick k
   */
  public double work(int k) {
    return work[k];
  }

  /**
   * The median wait of the jobs that started in a tick, from a coarse histogram (within 6.3 %).
   *
   * @param k the tick index
   * @return median queue wait, seconds, of the jobs that started in tick k; 0 if none started
   */
  public double waitP50(int k) {
    return waitP50[k];
  }

  /**
   * The 99th percentile wait of the jobs that started in a tick (within 6.3 %).
   *
   * @param k the tick index
   * @return 99th percentile queue wait, seconds, of the jobs that started in tick k; 0 if none started
   */
  public double waitP99(int k) {
    return waitP99[k];
  }

  /**
   * The longest wait of the jobs that started in a tick.
   *
   * @param k the tick index
   * @return longest queue wait, seconds, of the jobs that started in tick k; 0 if none started
   */
  public double waitMax(int k) {
    return waitMax[k];
  }
}
