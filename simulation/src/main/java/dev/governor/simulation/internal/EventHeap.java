package dev.governor.simulation.internal;

import java.util.Arrays;

/**
 * A binary min-heap of (time, payload) pairs in two primitive arrays: no allocation per event.
 * Ties in time pop in insertion order (a sequence number breaks them), so runs are deterministic.
 */
final class EventHeap {
  private double[] time = new double[64];
  private long[] seq = new long[64];
  private long[] payload = new long[64];
  private int size;
  private long nextSeq;

  void push(double t, long p) {
    if (size == time.length) {
      time = Arrays.copyOf(time, size * 2);
      seq = Arrays.copyOf(seq, size * 2);
      payload = Arrays.copyOf(payload, size * 2);
    }
    int i = size++;
    long s = nextSeq++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(t, s, time[parent], seq[parent])) {
        break;
      }
      time[i] = time[parent];
      seq[i] = seq[parent];
      payload[i] = payload[parent];
      i = parent;
    }
    time[i] = t;
    seq[i] = s;
    payload[i] = p;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The earliest time, or +infinity when empty. */
  double peekTime() {
    return size == 0 ? Double.POSITIVE_INFINITY : time[0];
  }

  long peekPayload() {
    return payload[0];
  }

  /** Removes the earliest event (read it with {@link #peekTime}/{@link #peekPayload} first). */
  void pop() {
    int last = --size;
    if (last == 0) {
      return;
    }
    double t = time[last];
    long s = seq[last];
    long p = payload[last];
    int i = 0;
    int half = last >>> 1;
    while (i < half) {
      int c = 2 * i + 1;
      int r = c + 1;
      if (r < last && less(time[r], seq[r], time[c], seq[c])) {
        c = r;
      }
      if (!less(time[c], seq[c], t, s)) {
        break;
      }
      time[i] = time[c];
      seq[i] = seq[c];
      payload[i] = payload[c];
      i = c;
    }
    time[i] = t;
    seq[i] = s;
    payload[i] = p;
  }

  private static boolean less(double t1, long s1, double t2, long s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }
}
