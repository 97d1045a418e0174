package dev.governor.simulation;

import java.time.Duration;
import java.util.Objects;

/**
 * Switchable, seeded faults. All off by default. Each fault draws from its own random stream, so
 * turning one on does not change the others.
 *
 * @param launchFailure probability that a launched instance never becomes RUNNING (it is billed
 *     from launch until it fails at the end of its boot)
 * @param capacityError probability that a launch call hits {@code InsufficientInstanceCapacity}
 *     and starts only a random part (possibly none) of what was asked
 * @param crashesPerInstanceHour rate at which a RUNNING instance dies; its jobs return to the queue
 * @param outagesPerDay rate of signal outages, during which the signal source reports nothing new
 *     (readings age and go stale)
 * @param outageDuration how long one signal outage lasts
 * @param throttle probability that an actuator call fails with {@code RequestLimitExceeded}
 *     (nothing is done)
 */
public record Faults(double launchFailure, double capacityError, double crashesPerInstanceHour, double outagesPerDay,
    Duration outageDuration, double throttle) {
  public static final Duration DEFAULT_OUTAGE_DURATION = Duration.ofMinutes(10);
  private static final Faults NONE = new Faults(0, 0, 0, 0, DEFAULT_OUTAGE_DURATION, 0);

  public Faults {
    probability("launchFailure", launchFailure);
    probability("capacityError", capacityError);
    rate("crashesPerInstanceHour", crashesPerInstanceHour);
    rate("outagesPerDay", outagesPerDay);
    Objects.requireNonNull(outageDuration, "outageDuration");
    if (outageDuration.isNegative() || outageDuration.isZero()) {
      throw new IllegalArgumentException("outageDuration must be > 0, but was " + outageDuration);
    }
    probability("throttle", throttle);
  }

  public static Faults none() {
    return NONE;
  }

  public boolean any() {
    return launchFailure > 0 || capacityError > 0 || crashesPerInstanceHour > 0 || outagesPerDay > 0 || throttle > 0;
  }

  public Faults withLaunchFailure(double p) {
    return new Faults(p, capacityError, crashesPerInstanceHour, outagesPerDay, outageDuration, throttle);
  }

  public Faults withCapacityError(double p) {
    return new Faults(launchFailure, p, crashesPerInstanceHour, outagesPerDay, outageDuration, throttle);
  }

  public Faults withCrashesPerInstanceHour(double r) {
    return new Faults(launchFailure, capacityError, r, outagesPerDay, outageDuration, throttle);
  }

  public Faults withSignalOutages(double perDay, Duration duration) {
    return new Faults(launchFailure, capacityError, crashesPerInstanceHour, perDay, duration, throttle);
  }

  public Faults withThrottle(double p) {
    return new Faults(launchFailure, capacityError, crashesPerInstanceHour, outagesPerDay, outageDuration, p);
  }

  private static void probability(String field, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(field + " must be in [0, 1], but was " + p);
    }
  }

  private static void rate(String field, double r) {
    if (!(r >= 0) || Double.isInfinite(r)) {
      throw new IllegalArgumentException(field + " must be >= 0 and finite, but was " + r);
    }
  }
}
