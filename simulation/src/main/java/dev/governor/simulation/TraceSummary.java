package dev.governor.simulation;

import dev.governor.simulation.trace.Trace;
import dev.governor.simulation.trace.TraceReader;
import dev.governor.simulation.trace.TraceRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One pass over a (windowed) trace before any replay: its span, its classes, and the expected
 * work per controller tick (counts × scale × mean service time). Policies that are sized from the
 * load, like {@code static}, take their natural parameters from here; the replay itself uses the
 * jobs it really draws.
 *
 * @param name the trace's name
 * @param start the first row's start: the replay's time zero
 * @param end the end of the last row's interval
 * @param classes class names in order of first appearance
 * @param rows rows read
 * @param expectedJobs sum of counts × scale
 * @param tickSeconds the scenario's tick, the bins of {@code expectedWorkPerTick}
 * @param expectedWorkPerTick expected service seconds arriving in each tick
 */
public record TraceSummary(String name, Instant start, Instant end, List<String> classes, long rows,
    double expectedJobs, double tickSeconds, double[] expectedWorkPerTick) {
  public TraceSummary {
    classes = List.copyOf(classes);
    expectedWorkPerTick = expectedWorkPerTick.clone();
  }

  /** Reads the trace once (within the scenario's window). */
  public static TraceSummary of(Trace trace, Scenario scenario) {
    Trace t = trace.window(scenario.from(), scenario.until());
    double tick = scenario.tick().toNanos() / 1e9;
    Set<String> classes = new LinkedHashSet<>();
    double[] work = new double[1024];
    Instant start = null;
    double end = 0;
    long rows = 0;
    double jobs = 0;
    try (TraceReader r = t.open()) {
      for (TraceRow row = r.next(); row != null; row = r.next()) {
        if (start == null) {
          start = row.start();
        }
        rows++;
        classes.add(row.jobClass());
        double s = Duration.between(start, row.start()).toNanos() / 1e9;
        double len = row.lengthSeconds();
        end = Math.max(end, s + len);
        double n = row.count() * scenario.scale();
        jobs += n;
        double w = n * (row.hasServiceTime() ? row.serviceSeconds() : scenario.classSpec(row.jobClass()).serviceSeconds());
        int first = (int) (s / tick);
        int last = len == 0 ? first : (int) Math.ceil((s + len) / tick - 1e-9) - 1;
        last = Math.max(first, last);
        if (last >= work.length) {
          work = Arrays.copyOf(work, Math.max(last + 1, work.length * 2));
        }
        if (first == last || len == 0) {
          work[first] += w;
        } else {
          for (int k = first; k <= last; k++) {
            double overlap = Math.min(s + len, (k + 1) * tick) - Math.max(s, k * tick);
            work[k] += w * Math.max(0, overlap) / len;
          }
        }
      }
    }
    if (start == null) {
      throw new IllegalArgumentException("trace " + trace.name() + " has no rows"
          + (scenario.from() != null || scenario.until() != null
              ? " in the window [" + scenario.from() + ", " + scenario.until() + ")" : ""));
    }
    end = Math.max(end, tick);
    int ticks = (int) Math.ceil(end / tick - 1e-9);
    double[] perTick = Arrays.copyOf(work, ticks);
    Instant endInstant = start.plusNanos(Math.round(end * 1e9));
    return new TraceSummary(trace.name(), start, endInstant, new ArrayList<>(classes), rows, jobs, tick, perTick);
  }

  @Override
  public double[] expectedWorkPerTick() {
    return expectedWorkPerTick.clone();
  }

  /** Seconds from start to end. */
  public double durationSeconds() {
    return Duration.between(start, end).toNanos() / 1e9;
  }

  /** Controller ticks in the replay. */
  public int ticks() {
    return expectedWorkPerTick.length;
  }

  /** Expected instances busy 100 % in tick k: expected work ÷ (slots × tick), rounded up. */
  public int expectedDemand(int k, int slots) {
    double dt = Math.min(tickSeconds, durationSeconds() - k * tickSeconds);
    return (int) Math.ceil(expectedWorkPerTick[k] / (slots * Math.max(dt, 1e-9)) - 1e-9);
  }

  /** The largest {@link #expectedDemand} over the replay. */
  public int peakExpectedDemand(int slots) {
    int peak = 0;
    for (int k = 0; k < ticks(); k++) {
      peak = Math.max(peak, expectedDemand(k, slots));
    }
    return peak;
  }

  /** Mean expected work per second over the replay (busy slots needed on average). */
  public double meanBusySlots() {
    double s = 0;
    for (double w : expectedWorkPerTick) {
      s += w;
    }
    return s / Math.max(durationSeconds(), 1e-9);
  }
}
