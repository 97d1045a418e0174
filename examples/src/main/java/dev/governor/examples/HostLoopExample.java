package dev.governor.examples;

import dev.governor.Controller;
import dev.governor.TickReport;
import dev.governor.action.ActionResult;
import dev.governor.actuator.Actuator;
import dev.governor.actuator.DryRunActuator;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.signal.SignalSource;
import dev.governor.state.StateStore;
import dev.governor.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Governor behind a scheduler the host owns (Quartz, a cron'd Lambda, a game loop): the host calls
 * {@link #onMinute()} about once a minute and gets the tick's report back. The host decides when
 * to trust it: {@link #goLive()} replaces the dry-run controller by a live one over the same state
 * store (a {@code FileStateStore} in production, so a restart also resumes).
 *
 * <p>{@code main} plays one hour on a manual clock over a {@link SimulatedQueue}: thirty dry-run
 * minutes around a 3,000-job click (logged, nothing launched), then thirty live ones around
 * another, writing the decision log to {@code decisions.jsonl} (or the path given).
 */
public final class HostLoopExample {
  private final InstantSource clock;
  private final SignalSource signals;
  private final Actuator real;
  private final StateStore state;
  private final DecisionLog log;
  private final DryRunActuator dryRun;
  private Controller controller;
  private boolean live;

  /** Starts in dry-run over {@code real}'s fleet view; see {@link Embedding#controller} for the wiring. */
  public HostLoopExample(InstantSource clock, SignalSource signals, Actuator real, StateStore state, DecisionLog log) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.signals = Objects.requireNonNull(signals, "signals");
    this.real = Objects.requireNonNull(real, "real");
    this.state = Objects.requireNonNull(state, "state");
    this.log = Objects.requireNonNull(log, "log");
    this.dryRun = new DryRunActuator(real::fleet);
    this.controller = Embedding.controller(clock, signals, dryRun, state, log);
  }

  /** The host's callback: one tick. Never throws; what went wrong is in the report's errors. */
  public TickReport onMinute() {
    return controller.tick();
  }

  /** From the next {@link #onMinute()} on, decisions act on the real actuator. */
  public void goLive() {
    if (!live) {
      controller = Embedding.controller(clock, signals, real, state, log);
      live = true;
    }
  }

  /** Whether decisions act. */
  public boolean isLive() {
    return live;
  }

  /** What the dry run would have done, oldest first. */
  public DryRunActuator dryRun() {
    return dryRun;
  }

  /** One hour: 30 dry-run minutes, then 30 live; prints what happened in each phase. */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "decisions.jsonl");
    Files.deleteIfExists(file);
    Instant start = Instant.parse("2026-03-01T18:00:00Z");
    ManualClock clock = new ManualClock(start);
    InMemoryActuator fleet = new InMemoryActuator(Embedding.TYPE).withRunning(3, start.minus(Duration.ofHours(1)));
    SimulatedQueue queue = new SimulatedQueue(Embedding.WATERMARK.name(), Embedding.WATERMARK.serviceTimePrior(),
        fleet::fleet, 0.5).burst(start.plus(Duration.ofMinutes(10)), 3000).burst(start.plus(Duration.ofMinutes(40)), 3000);
    try (DecisionLog log = DecisionLog.toLoggerAndFile(file)) {
      HostLoopExample host = new HostLoopExample(clock, queue, fleet, new dev.governor.state.InMemoryStateStore(), log);
      int wouldLaunch = 0;
      int launched = 0;
      for (int minute = 0; minute < 60; minute++) {
        if (minute == 30) {
          host.goLive();
        }
        TickReport r = host.onMinute();
        if (r.result().status() == ActionResult.Status.DRY_RUN) {
          wouldLaunch += r.action() instanceof dev.governor.action.Launch l ? l.count() : 0;
        } else {
          launched += r.result().launched().size();
        }
        clock.advance(Duration.ofMinutes(1));
      }
      System.out.printf("dry run: would have launched %d; live: launched %d; decision log: %s%n", wouldLaunch, launched,
          file.toAbsolutePath());
    }
  }
}
