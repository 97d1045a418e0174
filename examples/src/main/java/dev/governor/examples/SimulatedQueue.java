package dev.governor.examples;

import dev.governor.fleet.Fleet;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import dev.governor.signal.SignalSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A stand-in for a real queue and the workers that pull from it, so the embedding examples run
 * without AWS: jobs arrive at a steady rate plus bursts, and every slot of a RUNNING instance
 * serves jobs of {@code serviceTime} one after another. It is the controller's
 * {@link SignalSource}: each read advances the queue to the {@code now} it is handed (a fluid
 * model, so any clock works) and reports what SQS would:
 * <pre>
 *   arrived  = rate·Δt + bursts in (last, now]
 *   served   = min(backlog + arrived, runningSlots · Δt / serviceTime)
 *   backlog' = backlog + arrived − served          reported as queue.&lt;class&gt;.visible
 *   inflight = min(runningSlots, served / Δt · serviceTime)
 * </pre>
 * and {@code queue.<class>.arrivals_per_s} = arrived / Δt. The first read reports the steady
 * state (the rate, and min(runningSlots, rate · serviceTime) in flight). Reads and
 * {@link #burst} are synchronized; the fleet is read from the reading thread.
 */
public final class SimulatedQueue implements SignalSource {
  private final String jobClass;
  private final double serviceSeconds;
  private final Function<Instant, Fleet> fleet;
  private final double ratePerSecond;
  private final TreeMap<Instant, Integer> bursts = new TreeMap<>();
  private Instant last;
  private double backlog;
  private double inflight;
  private double arrivalsPerSecond;

  /**
   * @param jobClass the class whose signals it reports
   * @param serviceTime how long one job occupies a slot (&gt; 0)
   * @param fleet the fleet whose RUNNING slots serve it (e.g. {@code actuator::fleet})
   * @param ratePerSecond steady arrivals per second (&ge; 0)
   */
  public SimulatedQueue(String jobClass, Duration serviceTime, Function<Instant, Fleet> fleet, double ratePerSecond) {
    this.jobClass = Objects.requireNonNull(jobClass, "jobClass");
    if (serviceTime.isNegative() || serviceTime.isZero()) {
      throw new IllegalArgumentException("serviceTime must be > 0, but was " + serviceTime);
    }
    if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("ratePerSecond must be finite and >= 0, but was " + ratePerSecond);
    }
    this.serviceSeconds = serviceTime.toNanos() / 1e9;
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.ratePerSecond = ratePerSecond;
  }

  /** Adds {@code jobs} that all arrive at {@code at} (one click), on top of the steady rate. */
  public synchronized SimulatedQueue burst(Instant at, int jobs) {
    if (jobs < 0) {
      throw new IllegalArgumentException("jobs must be >= 0, but was " + jobs);
    }
    bursts.merge(at, jobs, Integer::sum);
    return this;
  }

  /** The jobs waiting now (as of the last read). */
  public synchronized double backlog() {
    return backlog;
  }

  @Override
  public synchronized List<Reading> read(Instant now) {
    if (last == null) { // the first read sees the steady state: the rate, and the slots it keeps busy
      last = now;
      arrivalsPerSecond = ratePerSecond;
      inflight = Math.min(fleet.apply(now).runningSlots(), ratePerSecond * serviceSeconds);
    }
    if (now.isAfter(last)) {
      double dt = Duration.between(last, now).toNanos() / 1e9;
      double arrived = ratePerSecond * dt;
      for (Map.Entry<Instant, Integer> b : bursts.subMap(last, false, now, true).entrySet()) {
        arrived += b.getValue();
      }
      int slots = fleet.apply(now).runningSlots();
      double served = Math.min(backlog + arrived, slots * dt / serviceSeconds);
      backlog = backlog + arrived - served;
      inflight = Math.min(slots, served / dt * serviceSeconds);
      arrivalsPerSecond = arrived / dt;
      last = now;
    }
    return List.of(new Reading(SignalNames.visible(jobClass), Math.floor(backlog), now),
        new Reading(SignalNames.inflight(jobClass), Math.floor(inflight), now),
        new Reading(SignalNames.arrivals(jobClass), arrivalsPerSecond, now));
  }
}
