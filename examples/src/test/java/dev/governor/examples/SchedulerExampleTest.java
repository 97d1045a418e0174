package dev.governor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.TickReport;
import dev.governor.action.ActionResult;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalSource;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * On a real ScheduledExecutorService with an accelerated clock (1 real ms = 3 s, so a 20 ms delay
 * is about a minute): a signal source that throws does not stop the ticks, the dry run acts on
 * nothing, the live controller launches for the click, and close() leaves no thread ticking.
 */
class SchedulerExampleTest {
  static final Instant START = Instant.parse("2026-03-01T18:00:00Z");

  /** Throws on reads 3 and 4, as a metrics endpoint that is down for two minutes would. */
  static final class Flaky implements SignalSource {
    final SignalSource inner;
    final AtomicInteger reads = new AtomicInteger();

    Flaky(SignalSource inner) {
      this.inner = inner;
    }

    @Override
    public Collection<Reading> read(Instant now) {
      int n = reads.incrementAndGet();
      if (n == 3 || n == 4) {
        throw new IllegalStateException("metrics endpoint down");
      }
      return inner.read(now);
    }
  }

  @Test
  void ticksSurviveAFailingSourceTheDryRunActsOnNothingLiveLaunchesAndCloseStopsEverything() throws Exception {
    long t0 = System.nanoTime();
    InstantSource fast = () -> START.plusNanos((System.nanoTime() - t0) * 3000);
    InMemoryActuator fleet = new InMemoryActuator(Embedding.TYPE).withRunning(3, START.minus(Duration.ofHours(1)));
    SimulatedQueue queue = new SimulatedQueue("watermark", Duration.ofSeconds(20), fleet::fleet, 0.5)
        .burst(START.plus(Duration.ofMinutes(1)), 3000);
    Flaky signals = new Flaky(queue);
    List<TickReport> reports = new CopyOnWriteArrayList<>();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    DecisionLog log = DecisionLog.toLogger();
    SchedulerExample ex = new SchedulerExample(scheduler, fast, signals, fleet, r -> {
      reports.add(r);
      log.onTick(r);
    }, Duration.ofMillis(20));
    try {
      ex.startDryRun();
      waitFor(() -> reports.size() >= 12, () -> reports.size() + " ticks");
      List<TickReport> dry = List.copyOf(reports);
      assertTrue(dry.stream().allMatch(r -> r.current() == 3), "the dry run launched nothing");
      // every decision to change the fleet was only said, not done (how many ticks decide one depends
      // on how fast this machine runs the accelerated clock)
      assertTrue(dry.stream().filter(r -> r.desired() != r.current())
          .allMatch(r -> r.result().status() == ActionResult.Status.DRY_RUN),
          () -> "a dry run only says what it would have done: " + dry.stream().map(TickReport::summary).toList());
      assertTrue(dry.get(2).errors().stream().anyMatch(e -> e.startsWith("signals:") && e.contains("metrics endpoint down")),
          "a failing source is a report error naming its stage: " + dry.get(2).errors());
      ex.goLive();
      queue.burst(fast.instant().plusSeconds(1), 3000); // a click after going live
      waitFor(() -> reports.get(reports.size() - 1).current() > 3, () -> reports.get(reports.size() - 1).toJson());
    } finally {
      ex.close();
    }
    assertTrue(scheduler.isTerminated(), "close() ends the scheduler's thread");
    int ticks = reports.size();
    Thread.sleep(100);
    assertEquals(ticks, reports.size(), "no tick after close()");
    assertEquals(ticks, signals.reads.get(), "every tick read the source once, the failing ones too");
    assertTrue(fleet.fleet(fast.instant()).instances().size() > 3, "live, the click launched instances");
  }

  static void waitFor(java.util.function.BooleanSupplier done, java.util.function.Supplier<String> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within 30 s: " + state.get());
      }
      Thread.sleep(5);
    }
  }
}
