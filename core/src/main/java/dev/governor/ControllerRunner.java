package dev.governor;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small runner for hosts without a scheduler of their own: ticks a controller every interval
 * on one daemon thread (fixed delay, so a slow tick is never overlapped by the next). Hosts that
 * already run Quartz, a ScheduledExecutorService or a cron'd Lambda just call
 * {@link Controller#tick()} from there instead.
 *
 * <p>The first tick runs at once, then each one {@link Controller#tickInterval()} (truncated to
 * whole milliseconds) after the previous one ended. Whatever escapes a tick is logged and the next
 * tick still runs. Reports go to the controller's listeners; the runner keeps none.
 */
public final class ControllerRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerRunner.class);

  private final ScheduledExecutorService executor;
  private final boolean ownsExecutor;
  private final ScheduledFuture<?> task;
  private final Controller controller;

  private ControllerRunner(Controller controller, Duration interval, ScheduledExecutorService executor, boolean owns) {
    this.executor = executor;
    this.ownsExecutor = owns;
    this.controller = controller;
    long ms = interval.toMillis();
    this.task = executor.scheduleWithFixedDelay(() -> tickSurvivingAnything(controller), 0, ms, TimeUnit.MILLISECONDS);
  }

  private static void checkInterval(Duration interval) {
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("tickInterval must be at least 1 ms to be scheduled, but was " + interval);
    }
  }

  /**
   * One tick that never lets anything escape: a scheduled task that throws is never run again,
   * so whatever escapes {@code tick()} (only a {@link VirtualMachineError} can; a checked
   * exception thrown sneakily is already a report error) is logged and the next tick still runs.
   */
  static void tickSurvivingAnything(Controller controller) {
    try {
      controller.tick();
    } catch (Throwable e) {
      LOG.error("tick failed; ticking again at the next interval", e);
    }
  }

  /**
   * Starts ticking every {@link Controller#tickInterval()} on a new daemon thread named
   * {@code governor-controller}; {@link #close()} shuts the thread down.
   *
   * @param controller the controller to tick
   * @return the running runner; close it to stop
   * @throws NullPointerException if {@code controller} is null
   * @throws IllegalArgumentException if the tick interval is shorter than 1 ms
   */
  public static ControllerRunner start(Controller controller) {
    Objects.requireNonNull(controller, "controller");
    checkInterval(controller.tickInterval()); // before the thread pool exists: nothing to leak
    ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "governor-controller");
      t.setDaemon(true);
      return t;
    });
    return new ControllerRunner(controller, controller.tickInterval(), ex, true);
  }

  /**
   * Starts ticking every {@link Controller#tickInterval()} on the host's executor;
   * {@link #close()} cancels the task but leaves the executor running.
   *
   * @param controller the controller to tick
   * @param executor the host's scheduler; it should run the task on one thread at a time (ticks
   *     are serialized by the controller anyway)
   * @return the running runner; close it to stop
   * @throws NullPointerException if {@code controller} or {@code executor} is null
   * @throws IllegalArgumentException if the tick interval is shorter than 1 ms
   * @throws java.util.concurrent.RejectedExecutionException if {@code executor} does not accept
   *     the task (for example, it is shut down)
   */
  public static ControllerRunner start(Controller controller, ScheduledExecutorService executor) {
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(executor, "executor");
    checkInterval(controller.tickInterval());
    return new ControllerRunner(controller, controller.tickInterval(), executor, false);
  }

  /**
   * Stops ticking: cancels the task without interrupting a tick in progress, and shuts down the
   * runner's own thread (never a host's executor). Under a leader election it then gives up the
   * lease (after a tick in progress has finished), so a standby takes over at its next tick instead
   * of after the lease expires.
   */
  @Override
  public void close() {
    task.cancel(false);
    if (ownsExecutor) {
      executor.shutdown();
    }
    controller.releaseLease();
  }
}
