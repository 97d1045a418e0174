package dev.governor;

import dev.governor.actuator.Actuator;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.guard.GuardChain;
import dev.governor.policy.ScalingPolicy;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.SignalNames;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;

/** Shared test wiring: a manual clock, hand-set signals and an in-memory fleet. */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  public static final InstanceType TYPE = InstanceType.of("c7g.large", 4, 0.10);
  public static final JobClass UPLOADS = JobClass.of("uploads", Duration.ofMinutes(5), Duration.ofSeconds(30));

  private Fixtures() {}

  /** Sets visible, in-flight and arrival rate of a class, observed now. */
  public static void queue(ManualSignalSource s, ManualClock clock, String cls, double visible, double inflight,
      double arrivalsPerSecond) {
    Instant now = clock.instant();
    s.set(SignalNames.visible(cls), visible, now);
    s.set(SignalNames.inflight(cls), inflight, now);
    s.set(SignalNames.arrivals(cls), arrivalsPerSecond, now);
  }

  public static Controller.Builder controller(ManualClock clock, ManualSignalSource signals, Actuator actuator,
      ScalingPolicy policy, GuardChain guards) {
    return Controller.builder()
        .clock(clock)
        .signals(signals)
        .jobClass(UPLOADS)
        .launchType(TYPE)
        .policy(policy)
        .guards(guards)
        .actuator(actuator);
  }
}
