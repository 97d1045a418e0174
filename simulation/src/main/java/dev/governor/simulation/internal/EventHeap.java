package dev.governor.simulation.internal;

import java.util.Arrays;

/**
 * A 4-ary min-heap of (time, payload) pairs, interleaved in one {@code long[]} so that a node's
 * four children share a cache line: no allocation per event and half the depth of a binary heap.
 * Times must be non-negative, whose IEEE bits order like the numbers, so keys compare as longs.
 * A pure function of the pushes and pops, so replays are deterministic.
 */
final class EventHeap {
  private long[] a = new long[128];
  private int size;

  void push(double t, long p) {
    long key = Double.doubleToRawLongBits(t);
    if (2 * size + 2 > a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 2;
      long pk = a[2 * parent];
      if (pk <= key) {
        break;
      }
      a[2 * i] = pk;
      a[2 * i + 1] = a[2 * parent + 1];
      i = parent;
    }
    a[2 * i] = key;
    a[2 * i + 1] = p;
  }

  /** The earliest time, or +infinity when empty. */
  double peekTime() {
    return size == 0 ? Double.POSITIVE_INFINITY : Double.longBitsToDouble(a[0]);
  }

  long peekPayload() {
    return a[1];
  }

  /** Removes the earliest event (read it with {@link #peekTime}/{@link #peekPayload} first). */
  void pop() {
    int n = --size;
    if (n == 0) {
      return;
    }
    long key = a[2 * n];
    long p = a[2 * n + 1];
    int i = 0;
    while (true) {
      int c = 4 * i + 1;
      if (c >= n) {
        break;
      }
      int end = Math.min(c + 4, n);
      int m = c;
      long mk = a[2 * c];
      for (int j = c + 1; j < end; j++) {
        long jk = a[2 * j];
        if (jk < mk) {
          m = j;
          mk = jk;
        }
      }
      if (mk >= key) {
        break;
      }
      a[2 * i] = mk;
      a[2 * i + 1] = a[2 * m + 1];
      i = m;
    }
    a[2 * i] = key;
    a[2 * i + 1] = p;
  }
}
