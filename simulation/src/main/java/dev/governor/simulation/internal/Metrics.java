package dev.governor.simulation.internal;

/**
 * What one replay measures, as aggregates: a wait histogram (not every wait), SLO counts per
 * class, busy and billed time, event counts, and per-tick bins of arrivals, completions and work.
 * Waits are booked when a job starts; a job returned to the queue by a terminated instance has
 * its booking taken back and is booked again when it starts for good.
 */
final class Metrics {
  final LogHistogram waits = new LogHistogram(7);
  final LogHistogram tickWaits = new LogHistogram(4);
  final long[] met;
  final long[] booked;
  private final double[] deadline;
  final double tick;
  final int ticks;
  final int[] arrivalsPerTick;
  final int[] completionsPerTick;
  final double[] workPerTick;
  final LagBins lag;
  /** Per class: waits, jobs and work, and the waits of the current tick (for per-class charts). */
  final LogHistogram[] classWaits;
  final LogHistogram[] classTickWaits;
  final long[] classArrived;
  final double[] classWork;
  final int[][] classArrivalsPerTick;

  long arrivedJobs;
  double arrivedWork;
  long completedJobs;
  double busySeconds;
  double billedSeconds;
  long launches;
  long terminations;
  long crashes;
  long launchFailures;
  long returnedJobs;
  long inServiceAtEnd;
  long queuedAtEnd;
  // faults and what they caused (FaultCounts)
  long wrongTerminations;
  long killedJobs;
  long foreignTerminations;
  long spotInterruptions;
  long neverBooted;
  long slowBoots;
  long hungJobs;

  Metrics(double[] deadline, double tick, int ticks, double lagHorizonSeconds) {
    this.deadline = deadline.clone();
    this.met = new long[deadline.length];
    this.booked = new long[deadline.length];
    this.tick = tick;
    this.ticks = Math.max(1, ticks);
    this.arrivalsPerTick = new int[this.ticks];
    this.completionsPerTick = new int[this.ticks];
    this.workPerTick = new double[this.ticks];
    this.lag = new LagBins(deadline.length, lagHorizonSeconds);
    int nc = deadline.length;
    this.classWaits = new LogHistogram[nc];
    this.classTickWaits = new LogHistogram[nc];
    for (int c = 0; c < nc; c++) {
      classWaits[c] = new LogHistogram(7);
      classTickWaits[c] = new LogHistogram(4);
    }
    this.classArrived = new long[nc];
    this.classWork = new double[nc];
    this.classArrivalsPerTick = new int[nc][this.ticks];
  }

  int tickOf(double t) {
    int k = (int) (t / tick);
    return k < 0 ? 0 : (k >= ticks ? ticks - 1 : k);
  }

  void arrived(double t, int cls, double service) {
    arrivedJobs++;
    arrivedWork += service;
    classArrived[cls]++;
    classWork[cls] += service;
    int k = tickOf(t);
    arrivalsPerTick[k]++;
    classArrivalsPerTick[cls][k]++;
    workPerTick[k] += service;
    lag.arrival(t, cls);
  }

  void started(double t, int cls, double wait) {
    waits.record(wait);
    tickWaits.record(wait);
    classWaits[cls].record(wait);
    classTickWaits[cls].record(wait);
    booked[cls]++;
    if (wait <= deadline[cls]) {
      met[cls]++;
    } else {
      lag.late(t, cls);
    }
  }

  void completed(double t, int cls, double service) {
    completedJobs++;
    busySeconds += service;
    completionsPerTick[tickOf(t)]++;
    lag.completion(t, cls, service);
  }

  /** A running job went back to the queue: unbook its wait, count the slot time it used as busy. */
  void returned(int cls, double wait, double ranSeconds) {
    waits.unrecord(wait);
    classWaits[cls].unrecord(wait);
    booked[cls]--;
    if (wait <= deadline[cls]) {
      met[cls]--;
    }
    busySeconds += ranSeconds;
    returnedJobs++;
  }

  /** A job still waiting when the replay ends: its wait so far is a lower bound, booked as its wait. */
  void queuedAtEnd(int cls, double waitSoFar) {
    queuedAtEnd++;
    waits.record(waitSoFar);
    classWaits[cls].record(waitSoFar);
    booked[cls]++;
    if (waitSoFar <= deadline[cls]) {
      met[cls]++;
    }
  }

  long metTotal() {
    long s = 0;
    for (long m : met) {
      s += m;
    }
    return s;
  }

  long bookedTotal() {
    long s = 0;
    for (long b : booked) {
      s += b;
    }
    return s;
  }
}
