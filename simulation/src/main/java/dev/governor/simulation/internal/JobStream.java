package dev.governor.simulation.internal;

import dev.governor.simulation.trace.TraceReader;
import dev.governor.simulation.trace.TraceRow;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns trace rows into individual jobs in arrival order: each row's count is scaled and
 * randomly rounded (so the expected total is exact), its jobs are spread uniformly over the row's
 * interval, and each job gets a service time. Streaming: rows are read only when their interval
 * is reached; a row of up to {@value #SORTED_MAX} jobs draws their offsets and sorts them, a larger
 * one places its jobs one at a time (sequential uniform order statistics), so memory does not grow
 * with the size of an interval. Overlapping rows (several classes, a
 * burst inside an interval) are merged by a small heap.
 *
 * <p>Common random numbers: arrivals and service times come from their own seeded streams and
 * nothing else draws from them, so every policy replays exactly the same jobs.
 */
final class JobStream implements AutoCloseable {
  /** Rows with at most this many jobs draw all offsets at once and sort them (cheaper than order statistics). */
  static final int SORTED_MAX = 4096;

  private final TraceReader reader;
  private final Instant t0;
  private final double scale;
  private final Map<String, Integer> classIndex;
  private final Draw[] serviceDraw;
  private final SplittableRandom arrivalRnd;
  private final SplittableRandom serviceRnd;
  private TraceRow nextRow;
  private double lastRowStart = Double.NEGATIVE_INFINITY;
  private Row[] heap = new Row[8];
  private int heapSize;
  private long rowSeq;
  private Row spare;

  /** The job just produced by {@link #next()}. */
  double time;
  int cls;
  double service;

  JobStream(TraceReader reader, Instant t0, double scale, Map<String, Integer> classIndex, Draw[] serviceDraw,
      long seed) {
    this.reader = reader;
    this.t0 = t0;
    this.scale = scale;
    this.classIndex = classIndex;
    this.serviceDraw = serviceDraw;
    this.arrivalRnd = Seeds.stream(seed, Seeds.ARRIVALS);
    this.serviceRnd = Seeds.stream(seed, Seeds.SERVICE);
    this.nextRow = reader.next();
  }

  /** One row being spread: the next of its jobs is at {@code nextTime}. */
  private static final class Row {
    double start;
    double length;
    double u;
    double nextTime;
    long remaining;
    int cls;
    double fixedService;
    long seq;
    double[] sorted;
    int next;
  }

  /** Advances to the next job; false when the trace is exhausted. */
  boolean next() {
    while (nextRow != null && (heapSize == 0 || seconds(nextRow.start()) <= heap[0].nextTime)) {
      activate(nextRow);
      nextRow = reader.next();
    }
    if (heapSize == 0) {
      return false;
    }
    Row r = heap[0];
    time = r.nextTime;
    cls = r.cls;
    service = Double.isNaN(r.fixedService) ? serviceDraw[cls].sample(serviceRnd) : r.fixedService;
    if (--r.remaining == 0) {
      Row last = heap[--heapSize];
      heap[heapSize] = null;
      spare = r;
      if (heapSize > 0) {
        heap[0] = last;
        siftDown(0);
      }
    } else {
      place(r);
      siftDown(0);
    }
    return true;
  }

  /** Seconds since t0 of a row's start. */
  private double seconds(Instant t) {
    return (t.getEpochSecond() - t0.getEpochSecond()) + (t.getNano() - t0.getNano()) / 1e9;
  }

  private void activate(TraceRow row) {
    double start = seconds(row.start());
    if (start < lastRowStart) {
      throw new IllegalStateException("trace rows must be in time order, but line " + row.line() + " starts at "
          + row.start() + ", before the row read before it");
    }
    lastRowStart = start;
    double x = row.count() * scale;
    long n = (long) Math.floor(x);
    double frac = x - n;
    if (frac > 0 && arrivalRnd.nextDouble() < frac) {
      n++;
    }
    if (n == 0) {
      return;
    }
    Integer c = classIndex.get(row.jobClass());
    if (c == null) {
      throw new IllegalStateException("class '" + row.jobClass() + "' on line " + row.line() + " was not seen when the trace was summarised");
    }
    Row r = spare != null ? spare : new Row();
    spare = null;
    r.start = start;
    r.length = row.lengthSeconds();
    r.u = 0;
    r.remaining = n;
    r.cls = c;
    r.fixedService = row.serviceSeconds();
    r.seq = rowSeq++;
    r.next = -1;
    if (r.length > 0 && n > 1 && n <= SORTED_MAX) {
      if (r.sorted == null || r.sorted.length < n) {
        r.sorted = new double[(int) Math.max(n, 64)];
      }
      for (int i = 0; i < n; i++) {
        r.sorted[i] = start + arrivalRnd.nextDouble() * r.length;
      }
      Arrays.sort(r.sorted, 0, (int) n);
      r.next = 0;
    }
    place(r);
    if (heapSize == heap.length) {
      heap = Arrays.copyOf(heap, heapSize * 2);
    }
    heap[heapSize] = r;
    siftUp(heapSize++);
  }

  /**
   * Places the next of {@code remaining} uniform points on what is left of the interval: the
   * minimum of m uniforms on (u, 1) is u + (1 − u)(1 − V^(1/m)).
   */
  private void place(Row r) {
    if (r.next >= 0) {
      r.nextTime = r.sorted[r.next++];
      return;
    }
    if (r.length == 0) {
      r.nextTime = r.start;
      return;
    }
    double v = arrivalRnd.nextDouble();
    double m = r.remaining;
    double step = m == 1 ? v : -Math.expm1(Math.log1p(-v) / m);
    r.u += (1 - r.u) * step;
    r.nextTime = r.start + r.u * r.length;
  }

  private static boolean before(Row a, Row b) {
    return a.nextTime < b.nextTime || (a.nextTime == b.nextTime && a.seq < b.seq);
  }

  private void siftUp(int i) {
    Row x = heap[i];
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!before(x, heap[p])) {
        break;
      }
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = x;
  }

  private void siftDown(int i) {
    if (heapSize == 1) {
      return;
    }
    Row x = heap[i];
    int half = heapSize >>> 1;
    while (i < half) {
      int c = 2 * i + 1;
      int r = c + 1;
      if (r < heapSize && before(heap[r], heap[c])) {
        c = r;
      }
      if (!before(heap[c], x)) {
        break;
      }
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = x;
  }

  @Override
  public void close() {
    reader.close();
  }
}
