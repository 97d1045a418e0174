package dev.governor.examples;

import dev.governor.Controller;
import dev.governor.TickListener;
import dev.governor.actuator.Actuator;
import dev.governor.actuator.DryRunActuator;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.signal.SignalSource;
import dev.governor.state.InMemoryStateStore;
import dev.governor.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Governor on a {@link ScheduledExecutorService} the host already runs: the controller ticks with
 * a fixed delay (a slow tick is never overlapped by the next), first in dry-run over the real
 * fleet's view, then live with the same state store. {@code tick()} never throws, so the
 * scheduled task is never cancelled by a failure (a scheduled task that throws is silently never
 * run again); failures are in the reports instead. {@link #close()} shuts down cleanly: no new
 * tick starts, a running one finishes.
 *
 * <p>{@code main} runs it on an accelerated clock (one real second is one minute) over a
 * {@link SimulatedQueue}: six dry-run minutes, then live, with a 3,000-job click in each phase.
 */
public final class SchedulerExample implements AutoCloseable {
  private final ScheduledExecutorService scheduler;
  private final InstantSource clock;
  private final SignalSource signals;
  private final Actuator real;
  private final StateStore state = new InMemoryStateStore();
  private final TickListener log;
  private final Duration every;
  private final Object tickLock = new Object();
  private Controller controller; // guarded by tickLock
  private ScheduledFuture<?> task;

  /**
   * @param scheduler the host's scheduler (this example shuts it down in {@link #close()})
   * @param clock what the controller reads once per tick ({@code InstantSource.system()} in production)
   * @param signals the live signals
   * @param real the actuator that acts (EC2, Auto Scaling); dry-run reads only its {@code fleet()}
   * @param log where every report goes (a {@link DecisionLog}); called on the tick's thread
   * @param every the delay between the end of one tick and the start of the next (1 minute in production)
   */
  public SchedulerExample(ScheduledExecutorService scheduler, InstantSource clock, SignalSource signals, Actuator real,
      TickListener log, Duration every) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.signals = Objects.requireNonNull(signals, "signals");
    this.real = Objects.requireNonNull(real, "real");
    this.log = Objects.requireNonNull(log, "log");
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("every must be > 0, but was " + every);
    }
    this.every = every;
  }

  /**
   * Starts ticking in dry-run: decisions are logged and recorded, nothing is launched or
   * terminated. One task ticks whichever controller is current, with a fixed delay.
   */
  public synchronized DryRunActuator startDryRun() {
    if (task != null) {
      throw new IllegalStateException("startDryRun was already called");
    }
    DryRunActuator dry = new DryRunActuator(real::fleet);
    synchronized (tickLock) {
      controller = Embedding.controller(clock, signals, dry, state, log);
    }
    task = scheduler.scheduleWithFixedDelay(this::tick, 0, every.toNanos(), TimeUnit.NANOSECONDS);
    return dry;
  }

  /**
   * Goes live: waits for a tick in progress to finish (and save its state), then replaces the
   * dry-run controller by one over the real actuator, built from that state; the next scheduled
   * tick acts. A misconfiguration throws here, in the caller, and the dry run goes on.
   */
  public void goLive() {
    synchronized (tickLock) {
      controller = Embedding.controller(clock, signals, real, state, log);
    }
  }

  /** The scheduled task: one tick of the current controller. Never throws ({@link Controller#tick()} does not). */
  private void tick() {
    synchronized (tickLock) {
      controller.tick();
    }
  }

  /**
   * Clean shutdown: no new tick starts, the one in progress (if any) finishes, then the scheduler's
   * threads end (waits at most 30 s).
   */
  @Override
  public synchronized void close() throws InterruptedException {
    if (task != null) {
      task.cancel(false);
    }
    scheduler.shutdown();
    if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("a tick did not finish within 30 s of shutdown");
    }
  }

  /** Runs twelve accelerated minutes (about 12 s): six in dry-run, six live. */
  public static void main(String[] args) throws InterruptedException {
    Instant start = Instant.parse("2026-03-01T18:00:00Z");
    long t0 = System.nanoTime();
    InstantSource fast = () -> start.plusNanos((System.nanoTime() - t0) * 60); // 1 s real = 1 min
    InMemoryActuator fleet = new InMemoryActuator(Embedding.TYPE).withRunning(3, start.minus(Duration.ofHours(1)));
    SimulatedQueue queue = new SimulatedQueue(Embedding.WATERMARK.name(), Embedding.WATERMARK.serviceTimePrior(),
        fleet::fleet, 0.5).burst(start.plus(Duration.ofMinutes(2)), 3000).burst(start.plus(Duration.ofMinutes(8)), 3000);
    try (DecisionLog log = DecisionLog.toLogger()) {
      SchedulerExample ex = new SchedulerExample(Executors.newSingleThreadScheduledExecutor(), fast, queue, fleet, log,
          Duration.ofSeconds(1));
      try {
        ex.startDryRun();
        Thread.sleep(6_000);
        ex.goLive();
        Thread.sleep(6_000);
      } finally {
        ex.close();
      }
      System.out.println("fleet at the end: " + fleet.fleet(fast.instant()).instances().size() + " instances");
    }
  }
}
