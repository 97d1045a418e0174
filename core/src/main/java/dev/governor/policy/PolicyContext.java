package dev.governor.policy;

import dev.governor.fleet.Fleet;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.predict.Forecast;
import dev.governor.signal.Snapshot;
import dev.governor.state.ScalingHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a policy may look at in one tick. Immutable.
 *
 * @param now the tick's time (the one clock read of the tick)
 * @param tick the controller interval
 * @param snapshot this tick's readings
 * @param previous the previous tick's readings, or {@code null} on the first tick
 * @param fleet the managed instances
 * @param jobClasses the job classes, in configuration order
 * @param serviceSeconds current service-time estimate per class name (prior blended with measurements)
 * @param forecasts forecasts per series name (by convention the class's arrivals signal) at
 *     {@code now + launchType.bootTime() + tick}; a series with too little data is absent
 * @param launchType what a launch would start (slots, boot lead, price)
 * @param history earlier ticks as the guards see them, including the run of failed launches and the
 *     provider's last launch error (capacity, quota, throttling), so a policy can react to them
 */
public record PolicyContext(Instant now, Duration tick, Snapshot snapshot, Snapshot previous, Fleet fleet,
    List<JobClass> jobClasses, Map<String, Double> serviceSeconds, Map<String, Forecast> forecasts,
    InstanceType launchType, ScalingHistory history) {
  /**
   * Validates the context and copies its collections.
   *
   * @param now the tick's time (not null)
   * @param tick the controller interval (not null)
   * @param snapshot this tick's readings (not null)
   * @param previous the previous tick's readings, or {@code null} on the first tick
   * @param fleet the managed instances (not null)
   * @param jobClasses the job classes, in configuration order (not null)
   * @param serviceSeconds service-time estimate per class name, in seconds (not null)
   * @param forecasts forecasts per series name (not null)
   * @param launchType what a launch would start (not null)
   * @param history earlier ticks as the guards see them (not null)
   * @throws NullPointerException if any argument but {@code previous} is null, or a collection
   *     holds a null
   */
  public PolicyContext {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(jobClasses, "jobClasses");
    Objects.requireNonNull(serviceSeconds, "serviceSeconds");
    Objects.requireNonNull(forecasts, "forecasts");
    Objects.requireNonNull(launchType, "launchType");
    Objects.requireNonNull(history, "history");
    jobClasses = List.copyOf(jobClasses);
    serviceSeconds = Map.copyOf(serviceSeconds);
    forecasts = Map.copyOf(forecasts);
  }

  /**
   * A context without history ({@link ScalingHistory#empty()}): first tick, tests.
   *
   * @param now the tick's time (not null)
   * @param tick the controller interval (not null)
   * @param snapshot this tick's readings (not null)
   * @param previous the previous tick's readings, or {@code null} on the first tick
   * @param fleet the managed instances (not null)
   * @param jobClasses the job classes, in configuration order (not null)
   * @param serviceSeconds service-time estimate per class name, in seconds (not null)
   * @param forecasts forecasts per series name (not null)
   * @param launchType what a launch would start (not null)
   * @throws NullPointerException if any argument but {@code previous} is null
   */
  public PolicyContext(Instant now, Duration tick, Snapshot snapshot, Snapshot previous, Fleet fleet,
      List<JobClass> jobClasses, Map<String, Double> serviceSeconds, Map<String, Forecast> forecasts,
      InstanceType launchType) {
    this(now, tick, snapshot, previous, fleet, jobClasses, serviceSeconds, forecasts, launchType,
        ScalingHistory.empty());
  }

  /**
   * RUNNING + PENDING instances: what the fleet has and is getting ({@link Fleet#effective()}).
   *
   * @return the current capacity, in instances
   */
  public int currentCapacity() {
    return fleet.effective();
  }

  /**
   * The service-time estimate of a class: its entry in {@link #serviceSeconds()}, or its
   * {@link JobClass#serviceTimePrior()} when it has none.
   *
   * @param c the job class
   * @return seconds one job of {@code c} occupies a slot
   */
  public double serviceSeconds(JobClass c) {
    Double s = serviceSeconds.get(c.name());
    return s != null ? s : c.serviceTimePrior().toNanos() / 1e9;
  }

  /**
   * The controller interval in seconds.
   *
   * @return {@link #tick()} in seconds, with nanosecond precision
   */
  public double tickSeconds() {
    return tick.toNanos() / 1e9;
  }

  /**
   * The launch type's expected boot time in seconds: the lead a launch needs before it serves.
   *
   * @return {@code launchType().bootTime()} in seconds, with nanosecond precision
   */
  public double bootSeconds() {
    return launchType.bootTime().toNanos() / 1e9;
  }
}
