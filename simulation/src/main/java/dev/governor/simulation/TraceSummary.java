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
 * jobs it really draws. Immutable: the list and the array are copied in, and the array again out.
 *
 * @param name the trace's name
 * @param start the first row's start: the replay's time zero
 * @param end the replay's end: the latest end of a row's interval ({@code start + length}), at
 *     least one tick after {@code start}
 * @param classes class names in order of first appearance
 * @param rows rows read within the scenario's window
 * @param expectedJobs {@code Σ count × scale} over the rows (not rounded: the replay rounds each
 *     row's count at random, so its job count differs a little)
 * @param tickSeconds the scenario's tick, seconds: the bins of {@code expectedWorkPerTick}
 * @param expectedWorkPerTick expected service seconds arriving in each tick k (index k):
 *     {@code count × scale × service seconds} of each row (the row's own service time for a
 *     job-level trace, else its class's mean), spread over the ticks its interval overlaps in
 *     proportion to the overlap; a row of length 0 falls whole into the tick of its start
 */
public record TraceSummary(String name, Instant start, Instant end, List<String> classes, long rows,
    double expectedJobs, double tickSeconds, double[] expectedWorkPerTick) {
  /**
   * Copies {@code classes} and {@code expectedWorkPerTick}. The components are described on the record.
   *
   * @param name the trace's name
   * @param start the replay's time zero
   * @param end the replay's end
   * @param classes class names in order of first appearance
   * @param rows rows read
   * @param expectedJobs {@code Σ count × scale}
   * @param tickSeconds the tick, seconds
   * @param expectedWorkPerTick expected service seconds arriving in each tick
   * @throws NullPointerException if {@code classes} or {@code expectedWorkPerTick} is null, or
   *     {@code classes} holds a null
   */
  public TraceSummary {
    classes = List.copyOf(classes);
    expectedWorkPerTick = expectedWorkPerTick.clone();
  }

  /**
   * Reads the trace once, within the scenario's window ({@link Scenario#from()},
   * {@link Scenario#until()}: the rows that start in it), binning by the scenario's tick and
   * scaling counts by its scale.
   *
   * @param trace the trace to read
   * @param scenario the window, tick, scale and class service times to apply
   * @return the trace's summary
   * @throws IllegalArgumentException if no row lies in the window (or the trace has none), or a row
   *     is malformed ({@link dev.governor.simulation.trace.TraceFormatException})
   * @throws java.io.UncheckedIOException if the trace cannot be read
   */
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

  /**
   * Expected service seconds arriving in each tick, as described on the record.
   *
   * @return a fresh copy of the array, one element per tick ({@link #ticks()} of them)
   */
  @Override
  public double[] expectedWorkPerTick() {
    return expectedWorkPerTick.clone();
  }

  /**
   * The replay's length.
   *
   * @return seconds from {@code start} to {@code end}
   */
  public double durationSeconds() {
    return Duration.between(start, end).toNanos() / 1e9;
  }

  /**
   * Controller ticks in the replay.
   *
   * @return {@code ceil(durationSeconds ÷ tickSeconds)}: the length of {@link #expectedWorkPerTick()}
   */
  public int ticks() {
    return expectedWorkPerTick.length;
  }

  /**
   * The expected demand of a tick: the fewest instances that could serve its expected work at
   * 100 % busy.
   *
   * @param k the tick index, {@code 0 <= k < ticks()}
   * @param slots concurrent jobs per instance (&gt; 0)
   * @return {@code ceil(expectedWorkPerTick[k] ÷ (slots × dt))}, instances, dt the tick's length
   *     (the last tick may be shorter)
   * @throws ArrayIndexOutOfBoundsException if {@code k} is out of range
   */
  public int expectedDemand(int k, int slots) {
    double dt = Math.min(tickSeconds, durationSeconds() - k * tickSeconds);
    return (int) Math.ceil(expectedWorkPerTick[k] / (slots * Math.max(dt, 1e-9)) - 1e-9);
  }

  /**
   * The peak expected demand: what the {@code static} fleet is sized from.
   *
   * @param slots concurrent jobs per instance (&gt; 0)
   * @return the largest {@link #expectedDemand(int, int)} over the ticks, instances (0 without work)
   */
  public int peakExpectedDemand(int slots) {
    int peak = 0;
    for (int k = 0; k < ticks(); k++) {
      peak = Math.max(peak, expectedDemand(k, slots));
    }
    return peak;
  }

  /**
   * The mean expected load.
   *
   * @return total expected service seconds ÷ {@code durationSeconds}: the busy slots needed on average
   */
  public double meanBusySlots() {
    double s = 0;
    for (double w : expectedWorkPerTick) {
      s += w;
    }
    return s / Math.max(durationSeconds(), 1e-9);
  }
}
