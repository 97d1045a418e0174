package dev.governor.simulation.internal;

import dev.governor.signal.Freshness;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalSource;
import dev.governor.simulation.Faults;
import dev.governor.simulation.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The faults of the signals a replay publishes, tick by tick: outages (of every class or of one),
 * stale counts, spikes of corrupt depths, future-stamped readings (episodes, each a seeded Poisson
 * process of fixed-length windows), and a NaN from the source that drops one reading. As the
 * controller's {@link SignalSource} it hands on what was published, minus that reading, and
 * remembers what it handed, so the replay can tell — without asking the controller — whether a
 * required signal was stale, missing or from the future when a scale-in was decided.
 */
final class SignalFaults implements SignalSource {
  private static final Freshness FRESHNESS = Freshness.ofDefaults();

  private final ManualSignalSource source;
  private final Episodes outages;
  private final Episodes stale;
  private final Episodes corrupt;
  private final Episodes future;
  private final int outageClass;
  private final double nan;
  private final SplittableRandom nanRnd;
  private final double corruptFactor;
  private final double futureSkew;
  private boolean outage;
  private boolean staleNow;
  private boolean corruptNow;
  private boolean futureNow;
  private final Map<String, Reading> lastRead = new HashMap<>();
  long nanReadings;

  SignalFaults(Scenario sc, List<String> classNames, ManualSignalSource source) {
    Faults f = sc.faults();
    this.source = source;
    this.outages = new Episodes(f.outagesPerDay(), f.outageDuration(), Seeds.stream(sc.seed(), Seeds.OUTAGE));
    this.stale = new Episodes(f.stalePerDay(), f.staleDuration(), Seeds.stream(sc.seed(), Seeds.STALE));
    this.corrupt = new Episodes(f.corruptPerDay(), f.corruptDuration(), Seeds.stream(sc.seed(), Seeds.CORRUPT));
    this.future = new Episodes(f.futurePerDay(), f.futureDuration(), Seeds.stream(sc.seed(), Seeds.FUTURE));
    int oc = -1;
    if (!f.outageClass().isEmpty()) {
      oc = classNames.indexOf(f.outageClass());
      if (oc < 0) {
        throw new IllegalArgumentException("outageClass must be one of the trace's classes " + classNames
            + ", but was '" + f.outageClass() + "'");
      }
    }
    this.outageClass = oc;
    this.nan = f.nanReadings();
    this.nanRnd = Seeds.stream(sc.seed(), Seeds.NAN);
    this.corruptFactor = f.corruptFactor();
    this.futureSkew = f.futureSkew().toNanos() / 1e9;
  }

  /** Moves every episode to replay time {@code t} (seconds); call once per tick, before publishing. */
  void at(double t) {
    outage = outages.active(t);
    staleNow = stale.active(t);
    corruptNow = corrupt.active(t);
    futureNow = future.active(t);
  }

  /** Whether class {@code c}'s signals are out this tick (nothing new is published). */
  boolean classOut(int c) {
    return outage && (outageClass < 0 || outageClass == c);
  }

  /** Whether the CloudWatch-like counts are not published this tick. */
  boolean countsOut() {
    return staleNow;
  }

  /** What the queue depths are multiplied by this tick. */
  double depthFactor() {
    return corruptNow ? corruptFactor : 1;
  }

  /** Seconds added to every stamp this tick. */
  double stampSkew() {
    return futureNow ? futureSkew : 0;
  }

  @Override
  public Collection<Reading> read(Instant now) {
    Collection<Reading> all = source.read(now);
    String drop = null;
    if (nan > 0 && !all.isEmpty() && nanRnd.nextDouble() < nan) {
      int k = nanRnd.nextInt(all.size());
      for (Reading r : all) {
        if (k-- == 0) {
          drop = r.name();
          break;
        }
      }
      nanReadings++;
    }
    List<Reading> out = new ArrayList<>(all.size());
    lastRead.clear();
    for (Reading r : all) {
      if (!r.name().equals(drop)) { // Reading refuses NaN: a source drops it, and names it in its log
        out.add(r);
        lastRead.put(r.name(), r);
      }
    }
    return out;
  }

  /**
   * Whether one of {@code required} was, in the last read, missing, older than its max age or
   * stamped after {@code now} by more than the max skew (Freshness defaults, as the replay's
   * controller uses). The controller adds the {@code fleet.*} readings itself.
   */
  boolean degraded(Set<String> required, Instant now) {
    for (String name : required) {
      if (name.startsWith("fleet.")) {
        continue;
      }
      Reading r = lastRead.get(name);
      if (r == null) {
        return true;
      }
      Duration age = Duration.between(r.observedAt(), now);
      if (age.compareTo(FRESHNESS.maxAgeOf(name)) > 0 || age.negated().compareTo(FRESHNESS.maxSkew()) > 0) {
        return true;
      }
    }
    return false;
  }

  /** Windows of fixed length at the arrivals of a seeded Poisson process. */
  static final class Episodes {
    private final double ratePerSecond;
    private final double duration;
    private final SplittableRandom rnd;
    private double start = Double.NEGATIVE_INFINITY;
    private double stop = Double.NEGATIVE_INFINITY;

    Episodes(double perDay, Duration duration, SplittableRandom rnd) {
      this.ratePerSecond = perDay / 86400.0;
      this.duration = duration.toNanos() / 1e9;
      this.rnd = rnd;
      if (ratePerSecond > 0) {
        next(0);
      }
    }

    private void next(double after) {
      start = after + -Math.log(1 - rnd.nextDouble()) / ratePerSecond;
      stop = start + duration;
    }

    boolean active(double t) {
      if (ratePerSecond <= 0) {
        return false;
      }
      while (t >= stop) {
        next(stop);
      }
      return t >= start;
    }
  }
}
