package dev.governor.simulation.internal;

import java.util.Arrays;

/**
 * A log-linear histogram of non-negative durations (HdrHistogram's layout): values in whole
 * milliseconds, exact below {@code 2^subBits} ms, above that {@code 2^subBits} buckets per power
 * of two, so any recorded value is reported within a relative error of {@code 2^-subBits}
 * (0.8 % for 7 bits). Constant memory whatever the number of jobs; {@link #reset()} only clears
 * the buckets used since the last reset.
 */
public final class LogHistogram {
  private final int subBits;
  private final int subCount;
  private final long[] counts;
  private long total;
  private int lowest = Integer.MAX_VALUE;
  private int highest = -1;
  private double maxSeconds;

  public LogHistogram(int subBits) {
    if (subBits < 1 || subBits > 12) {
      throw new IllegalArgumentException("subBits must be in [1, 12], but was " + subBits);
    }
    this.subBits = subBits;
    this.subCount = 1 << subBits;
    this.counts = new long[(64 - subBits + 1) << subBits];
  }

  /** Records a duration in seconds (negative values count as 0). */
  public void record(double seconds) {
    if (seconds > maxSeconds) {
      maxSeconds = seconds;
    }
    long ms = seconds <= 0 ? 0 : (long) (seconds * 1000.0);
    int i = index(ms);
    counts[i]++;
    total++;
    if (i < lowest) {
      lowest = i;
    }
    if (i > highest) {
      highest = i;
    }
  }

  /** Removes one earlier {@link #record} of the same value (the max is kept). */
  public void unrecord(double seconds) {
    long ms = seconds <= 0 ? 0 : (long) (seconds * 1000.0);
    int i = index(ms);
    if (counts[i] > 0) {
      counts[i]--;
      total--;
    }
  }

  int index(long ms) {
    if (ms < subCount) {
      return (int) ms;
    }
    int e = 63 - Long.numberOfLeadingZeros(ms) - subBits;
    return ((e + 1) << subBits) + (int) ((ms >>> e) - subCount);
  }

  /** The middle of a bucket, in milliseconds (exact below {@code 2^subBits}). */
  double valueMs(int index) {
    if (index < subCount) {
      return index;
    }
    int e = (index >> subBits) - 1;
    long m = (index & (subCount - 1)) + subCount;
    long lo = m << e;
    long hi = ((m + 1) << e) - 1;
    return (lo + hi) / 2.0;
  }

  /** The q-quantile (0..1) in seconds, never above the largest value recorded; 0 when empty. */
  public double quantile(double q) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = lowest; i <= highest; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(valueMs(i) / 1000.0, maxSeconds);
      }
    }
    return maxSeconds;
  }

  public long count() {
    return total;
  }

  public double maxSeconds() {
    return maxSeconds;
  }

  public void reset() {
    if (highest >= 0) {
      Arrays.fill(counts, lowest, highest + 1, 0);
    }
    total = 0;
    lowest = Integer.MAX_VALUE;
    highest = -1;
    maxSeconds = 0;
  }
}
