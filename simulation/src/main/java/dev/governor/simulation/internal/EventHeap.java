package dev.governor.simulation.internal;

import java.util.Arrays;

/**
 * A 4-ary min-heap of (time, payload) pairs in two primitive arrays: no allocation per event and
 * half the depth of a binary heap. Pure function of the pushes and pops, so replays are
 * deterministic (events at exactly the same time pop in an order fixed by the heap's shape).
 */
final class EventHeap {
  private double[] time = new double[64];
  private long[] payload = new long[64];
  private int size;

  void push(double t, long p) {
    if (size == time.length) {
      time = Arrays.copyOf(time, size * 2);
      payload = Arrays.copyOf(payload, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      double pt = time[parent];
      if (pt <= t) {
        break;
      }
      time[i] = pt;
      payload[i] = payload[parent];
      i = parent;
    }
    time[i] = t;
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
    int n = --size;
    if (n == 0) {
      return;
    }
    double t = time[n];
    long p = payload[n];
    int i = 0;
    while (true) {
      int c = 4 * i + 1;
      if (c >= n) {
        break;
      }
      int end = Math.min(c + 4, n);
      int m = c;
      double mt = time[c];
      for (int j = c + 1; j < end; j++) {
        double jt = time[j];
        if (jt < mt) {
          m = j;
          mt = jt;
        }
      }
      if (mt >= t) {
        break;
      }
      time[i] = mt;
      payload[i] = payload[m];
      i = m;
    }
    time[i] = t;
    payload[i] = p;
  }
}
