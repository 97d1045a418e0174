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
 */
public final class ControllerRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerRunner.class);

  private final ScheduledExecutorService executor;
  private final boolean ownsExecutor;
  private final ScheduledFuture<?> task;

  private ControllerRunner(Controller controller, Duration interval, ScheduledExecutorService executor, boolean owns) {
    this.executor = executor;
    this.ownsExecutor = owns;
    long ms = interval.toMillis();
    this.task = executor.scheduleWithFixedDelay(() -> {
      try {
        controller.tick();
      } catch (RuntimeException | Error e) {
        // The tick already turns provider errors into reports; anything here is a bug. Keep ticking.
        LOG.error("tick failed", e);
      }
    }, 0, ms, TimeUnit.MILLISECONDS);
  }

  /** Starts ticking every {@link Controller#tickInterval()} on a new daemon thread. */
  public static ControllerRunner start(Controller controller) {
    Objects.requireNonNull(controller, "controller");
    ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "governor-controller");
      t.setDaemon(true);
      return t;
    });
    return new ControllerRunner(controller, controller.tickInterval(), ex, true);
  }

  /** Starts ticking on the host's executor; {@link #close()} cancels the task but leaves the executor running. */
  public static ControllerRunner start(Controller controller, ScheduledExecutorService executor) {
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(executor, "executor");
    return new ControllerRunner(controller, controller.tickInterval(), executor, false);
  }

  @Override
  public void close() {
    task.cancel(false);
    if (ownsExecutor) {
      executor.shutdown();
    }
  }
}
