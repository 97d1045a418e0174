package dev.governor.simulation.internal;

import dev.governor.simulation.trace.Trace;
import dev.governor.simulation.trace.TraceReader;
import dev.governor.simulation.trace.TraceRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the rows of a trace that is read once anyway (for its summary), in columns, so that the
 * replays that follow do not parse the file again. Only for traces of at most {@code maxRows}
 * rows (a month of minutes is 40,000); larger ones are streamed from their source every time.
 */
public final class RowCache {
  private final int maxRows;
  private long[] seconds = new long[1024];
  private int[] nanos = new int[1024];
  private double[] length = new double[1024];
  private double[] count = new double[1024];
  private double[] service = new double[1024];
  private int[] cls = new int[1024];
  private long[] line = new long[1024];
  private final List<String> classes = new ArrayList<>();
  private final Map<String, Integer> classIndex = new HashMap<>();
  private int size;
  private boolean overflow;
  private boolean complete;

  public RowCache(int maxRows) {
    this.maxRows = maxRows;
  }

  /** A trace that reads {@code source} and keeps what it reads; read it to the end once. */
  public Trace capture(Trace source) {
    return new Trace() {
      @Override
      public String name() {
        return source.name();
      }

      @Override
      public TraceReader open() {
        TraceReader in = source.open();
        size = 0;
        overflow = false;
        complete = false;
        return new TraceReader() {
          @Override
          public TraceRow next() {
            TraceRow r = in.next();
            if (r == null) {
              complete = !overflow;
            } else {
              add(r);
            }
            return r;
          }

          @Override
          public void close() {
            in.close();
          }
        };
      }
    };
  }

  private void add(TraceRow r) {
    if (overflow) {
      return;
    }
    if (size == maxRows) {
      overflow = true;
      seconds = new long[0];
      return;
    }
    if (size == seconds.length) {
      int n = size * 2;
      seconds = Arrays.copyOf(seconds, n);
      nanos = Arrays.copyOf(nanos, n);
      length = Arrays.copyOf(length, n);
      count = Arrays.copyOf(count, n);
      service = Arrays.copyOf(service, n);
      cls = Arrays.copyOf(cls, n);
      line = Arrays.copyOf(line, n);
    }
    seconds[size] = r.start().getEpochSecond();
    nanos[size] = r.start().getNano();
    length[size] = r.lengthSeconds();
    count[size] = r.count();
    service[size] = r.serviceSeconds();
    cls[size] = classIndex.computeIfAbsent(r.jobClass(), c -> {
      classes.add(c);
      return classes.size() - 1;
    });
    line[size] = r.line();
    size++;
  }

  /** The kept rows as a trace, or {@code fallback} if the source was larger than the cache or not read to its end. */
  public Trace replayOr(Trace fallback) {
    if (!complete) {
      return fallback;
    }
    int n = size;
    return new Trace() {
      @Override
      public String name() {
        return fallback.name();
      }

      @Override
      public TraceReader open() {
        return new TraceReader() {
          int i;

          @Override
          public TraceRow next() {
            if (i >= n) {
              return null;
            }
            int k = i++;
            return new TraceRow(Instant.ofEpochSecond(seconds[k], nanos[k]), length[k], classes.get(cls[k]), count[k],
                service[k], line[k]);
          }

          @Override
          public void close() {}
        };
      }
    };
  }
}
