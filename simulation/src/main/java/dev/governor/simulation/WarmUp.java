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
 * policy of a simulation. A utility of static methods: no instances.
 */
public final class WarmUp {
  /** How much history a replay warms up with: CloudWatch's 14 days, as predictive scaling uses. */
  public static final Duration DEFAULT_SPAN = Duration.ofDays(14);

  private WarmUp() {}

  /**
   * The history before {@code scenario.from()}. The span is {@code n = ceil(14 days ÷ tick)} ticks
   * ending at {@code from}; the trace rows that start in it are binned per tick (counts × scale,
   * an interval spread in proportion to its overlap with each tick, the part after {@code from}
   * dropped). Per class, from its first tick with arrivals on (earlier zeros are taken as "before
   * the trace began" and left out), tick k gives {@code arrivals_per_s = jobs in tick k ÷ tick}
   * observed at the tick's end; and {@code jobs.<class>.service_s} is the class's configured mean
   * service time ({@link Scenario#classSpec(String)}), observed at {@code from}.
   *
   * @param trace the whole trace (not windowed)
   * @param scenario the window start, tick, scale and class service times to apply
   * @return the history, or {@link SignalHistory#empty()} when {@code scenario.from()} is null or
   *     the trace has no row in the span
   * @throws IllegalArgumentException if a trace row is malformed
   *     ({@link dev.governor.simulation.trace.TraceFormatException})
   * @throws java.io.UncheckedIOException if the trace cannot be read
   */
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
