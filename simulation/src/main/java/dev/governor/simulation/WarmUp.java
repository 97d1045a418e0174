package dev.governor.simulation;

import dev.governor.signal.SignalHistory;
import dev.governor.signal.SignalNames;
import dev.governor.simulation.trace.Trace;
import dev.governor.simulation.trace.TraceReader;
import dev.governor.simulation.trace.TraceRow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The history a replay that starts inside a trace warm-starts every policy with: the expected
 * arrivals per tick of each class over the {@link #DEFAULT_SPAN} before the window (what a live
 * controller reads from 14 days of CloudWatch), as the controller would have seen them — one
 * {@code queue.<class>.arrivals_per_s} value per tick, observed at the tick's end — plus each class's
 * mean service time. Only the past of the window: nothing at or after its start. The same for every
 * policy of a simulation.
 */
public final class WarmUp {
  /** How much history a replay warms up with: CloudWatch's 14 days, as predictive scaling uses. */
  public static final Duration DEFAULT_SPAN = Duration.ofDays(14);

  private WarmUp() {}

  /** The history before {@code scenario.from()}; empty when the replay starts at the trace's start. */
  public static SignalHistory of(Trace trace, Scenario scenario) {
    Instant from = scenario.from();
    if (from == null) {
      return SignalHistory.empty();
    }
    double tick = scenario.tick().toNanos() / 1e9;
    int ticks = (int) Math.ceil(DEFAULT_SPAN.toNanos() / 1e9 / tick);
    Instant start = from.minusNanos(Math.round(ticks * tick * 1e9));
    Map<String, double[]> counts = new LinkedHashMap<>();
    try (TraceReader r = trace.window(start, from).open()) {
      for (TraceRow row = r.next(); row != null; row = r.next()) {
        double[] c = counts.computeIfAbsent(row.jobClass(), k -> new double[ticks]);
        double s = Duration.between(start, row.start()).toNanos() / 1e9;
        double len = row.lengthSeconds();
        double n = row.count() * scenario.scale();
        if (len <= 0) {
          add(c, (int) Math.floor(s / tick), n);
          continue;
        }
        int first = (int) Math.floor(s / tick);
        int last = (int) Math.ceil((s + len) / tick - 1e-9) - 1;
        for (int k = Math.max(0, first); k <= Math.min(ticks - 1, last); k++) {
          double overlap = Math.min(s + len, (k + 1) * tick) - Math.max(s, k * tick);
          if (overlap > 0) {
            c[k] += n * overlap / len;
          }
        }
      }
    }
    if (counts.isEmpty()) {
      return SignalHistory.empty();
    }
    SignalHistory.Builder b = SignalHistory.builder();
    for (Map.Entry<String, double[]> e : counts.entrySet()) {
      String cls = e.getKey();
      double[] c = e.getValue();
      int firstRow = 0;
      while (firstRow < c.length && c[firstRow] == 0) {
        firstRow++; // no history before the trace began
      }
      for (int k = firstRow; k < ticks; k++) {
        b.add(SignalNames.arrivals(cls), start.plusNanos(Math.round((k + 1) * tick * 1e9)), c[k] / tick);
      }
      b.add(SignalNames.serviceTime(cls), from, scenario.classSpec(cls).serviceSeconds());
    }
    return b.build();
  }

  private static void add(double[] c, int k, double n) {
    if (k >= 0 && k < c.length) {
      c[k] += n;
    }
  }
}
