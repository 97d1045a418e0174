package dev.governor.simulation.internal;

/**
 * Per-second counts of arrivals and completions (and completed service seconds) per class, in a
 * ring long enough to answer "what happened in [t − lag − tick, t − lag)" the way CloudWatch
 * answers it: one tick late. One-second resolution; a bin is cleared when its second comes round.
 */
final class LagBins {
  private final int classes;
  private final int ring;
  private final int mask;
  private final long[] second;
  private final int[] arrivals;
  private final int[] completions;
  private final double[] serviceSum;
  private final int[] late;

  LagBins(int classes, double horizonSeconds) {
    this.classes = classes;
    this.ring = Integer.highestOneBit((int) Math.ceil(horizonSeconds) + 4) * 2;
    this.mask = ring - 1;
    this.second = new long[ring];
    java.util.Arrays.fill(second, Long.MIN_VALUE);
    this.arrivals = new int[ring * classes];
    this.completions = new int[ring * classes];
    this.serviceSum = new double[ring * classes];
    this.late = new int[ring * classes];
  }

  private long cachedSecond = Long.MIN_VALUE;
  private int cachedBase;

  /** Times are >= 0, so truncation is the floor and the ring index a mask. */
  private int bin(double t) {
    long s = (long) t;
    if (s == cachedSecond) {
      return cachedBase;
    }
    int b = (int) (s & mask);
    if (second[b] != s) {
      second[b] = s;
      int base = b * classes;
      for (int c = 0; c < classes; c++) {
        arrivals[base + c] = 0;
        completions[base + c] = 0;
        serviceSum[base + c] = 0;
        late[base + c] = 0;
      }
    }
    cachedSecond = s;
    cachedBase = b * classes;
    return cachedBase;
  }

  void arrival(double t, int cls) {
    arrivals[bin(t) + cls]++;
  }

  void completion(double t, int cls, double service) {
    int b = bin(t) + cls;
    completions[b]++;
    serviceSum[b] += service;
  }

  /** A job started after its class's objective (workers see each message's queue wait). */
  void late(double t, int cls) {
    late[bin(t) + cls]++;
  }

  /** Sums over whole seconds [from, until) into out[0]=arrivals, out[1]=completions, out[2]=service seconds, out[3]=late starts. */
  void window(double from, double until, int cls, double[] out) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
    out[3] = 0;
    long a = (long) Math.floor(from);
    long b = (long) Math.floor(until);
    for (long s = a; s < b; s++) {
      int i = (int) (s & mask);
      if (second[i] != s) {
        continue;
      }
      int k = i * classes + cls;
      out[0] += arrivals[k];
      out[1] += completions[k];
      out[2] += serviceSum[k];
      out[3] += late[k];
    }
  }
}
