package dev.governor.examples;

import dev.governor.Controller;
import dev.governor.TickListener;
import dev.governor.actuator.Actuator;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.signal.SignalSource;
import dev.governor.state.StateStore;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The wiring both embedding examples share: one job class ({@code watermark}: 5-minute objective,
 * 20 s jobs), one instance type ({@code c7g.large}, 4 slots, $0.0725/h), the benchmarked
 * {@code governor} configuration ({@link Controller.Builder#standardGovernor}) within [2, 50].
 * Dry-run and live differ only in the actuator; both share the state store, so what the dry run
 * learnt (service times, forecasts, history) is where the live controller starts.
 */
public final class Embedding {
  /** The job class the examples scale for. */
  public static final JobClass WATERMARK = JobClass.of("watermark", Duration.ofMinutes(5), Duration.ofSeconds(20));
  /** The instance type they launch. */
  public static final InstanceType TYPE = InstanceType.of("c7g.large", 4, 0.0725);
  /** Fewest instances. */
  public static final int MIN = 2;
  /** Most instances. */
  public static final int MAX = 50;

  private Embedding() {}

  /** A controller over {@code signals} acting through {@code actuator} (a {@code DryRunActuator} first). */
  public static Controller controller(InstantSource clock, SignalSource signals, Actuator actuator, StateStore state,
      TickListener log) {
    return Controller.builder()
        .clock(clock)
        .signals(signals)
        .jobClass(WATERMARK)
        .launchType(TYPE)
        .standardGovernor(MIN, MAX)
        .actuator(actuator)
        .stateStore(state)
        .listener(log)
        .build();
  }
}
