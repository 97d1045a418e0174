package dev.governor;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static dev.governor.Fixtures.UPLOADS;
import static dev.governor.Fixtures.queue;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Sleep;
import dev.governor.actuator.Actuator;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.fleet.Fleet;
import dev.governor.guard.Guard;
import dev.governor.guard.GuardContext;
import dev.governor.guard.GuardEffect;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridPolicy;
import dev.governor.predict.EnsemblePredictor;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import dev.governor.signal.SignalSource;
import dev.governor.state.ControllerState;
import dev.governor.state.InMemoryStateStore;
import dev.governor.state.StateStore;
import dev.governor.testing.ManualClock;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** tick() never throws: whatever a stage does becomes a report error naming it, and capacity is held. */
class TickNeverThrowsTest {
  /** Throws any Throwable, checked or not, without declaring it (as Kotlin, Lombok's @SneakyThrows or a bug can). */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }

  /** A source whose next answer is set by the test: readings, null, a list holding null, or a throw. */
  static final class Source implements SignalSource {
    Supplier<Collection<Reading>> next;
    int reads;

    @Override
    public Collection<Reading> read(Instant now) {
      reads++;
      return next.get();
    }
  }

  static List<Reading> depth(Instant now, double visible) {
    return List.of(new Reading(SignalNames.visible("uploads"), visible, now), new Reading(SignalNames.inflight("uploads"), 0, now),
        new Reading(SignalNames.arrivals("uploads"), 0, now));
  }

  private final ManualClock clock = new ManualClock(T0);
  private final Source source = new Source();
  private final InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(8, T0.minus(Duration.ofHours(1)));

  private Controller.Builder builder() {
    return Controller.builder().clock(clock).signals(source).jobClass(UPLOADS).launchType(TYPE)
        .policy(HybridPolicy.ofDefaults()).guards(Guards.builder(0, 100).stabilization(Duration.ZERO).build())
        .actuator(fleet);
  }

  private TickReport tickAfter(Supplier<Collection<Reading>> answer, Controller c) {
    source.next = answer;
    TickReport r = assertDoesNotThrow(c::tick);
    clock.advance(Duration.ofMinutes(1));
    return r;
  }

  @Test
  void sourcesThatReturnNullOrNullReadingsOrThrowAnythingAreErrorsThatHoldCapacity() {
    Controller c = builder().build();
    List<Supplier<Collection<Reading>>> faults = List.of(
        () -> null,
        () -> Arrays.asList(new Reading(SignalNames.visible("uploads"), 0, clock.instant()), null),
        () -> {
          throw new AssertionError("assert in a source");
        },
        () -> {
          throw new NoClassDefFoundError("software/amazon/awssdk/Missing");
        },
        () -> {
          throw sneaky(new IOException("connection refused"));
        },
        () -> {
          throw sneaky(new InterruptedException("shutting down"));
        });
    for (Supplier<Collection<Reading>> f : faults) {
      TickReport r = tickAfter(f, c);
      assertEquals(8, r.desired(), () -> "capacity held: " + r.summary());
      assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("signals: ")), r.errors()::toString);
      Thread.interrupted(); // the interrupt is kept for the host; clear it for the next round
    }
    TickReport ok = tickAfter(() -> depth(clock.instant(), 20_000), c);
    assertInstanceOf(Launch.class, ok.action(), "ticks go on and still answer a burst: " + ok.summary());
    assertEquals(7, source.reads);
  }

  @Test
  void aSneakyInterruptKeepsTheHostsInterruptFlag() {
    Controller c = builder().build();
    tickAfter(() -> {
      throw sneaky(new InterruptedException("shutting down"));
    }, c);
    assertTrue(Thread.interrupted(), "the host still sees it was interrupted");
  }

  @Test
  void everyOtherStageThatThrowsAnErrorIsNamedAndHoldsCapacity() {
    AtomicReference<String> broken = new AtomicReference<>("");
    Actuator actuator = new Actuator() {
      @Override
      public Fleet fleet(Instant now) {
        if (broken.get().equals("fleet")) {
          throw new LinkageError("fleet view class broken");
        }
        return fleet.fleet(now);
      }

      @Override
      public ActionResult apply(Action action, Instant now) {
        if (broken.get().equals("actuator")) {
          throw new ExceptionInInitializerError("sdk init failed");
        }
        return fleet.apply(action, now);
      }
    };
    Guard guard = new Guard() {
      @Override
      public String name() {
        return "custom";
      }

      @Override
      public GuardEffect apply(GuardContext ctx, int desired) {
        if (broken.get().equals("guard")) {
          throw sneaky(new Exception("checked, from a guard"));
        }
        return GuardEffect.unchanged(name(), desired);
      }
    };
    List<String> heard = new ArrayList<>();
    Controller c = builder().actuator(actuator).guards(Guards.builder(0, 100).stabilization(Duration.ZERO).add(guard).build())
        .listener(r -> {
          if (broken.get().equals("listener")) {
            throw new AssertionError("listener bug");
          }
        }).listener(r -> heard.add(r.errors().toString())).build();
    for (String stage : List.of("fleet", "guard", "actuator", "listener")) {
      broken.set(stage);
      TickReport r = tickAfter(() -> depth(clock.instant(), 20_000), c);
      String prefix = stage.equals("guard") ? "guard custom: " : stage + ": ";
      assertTrue(r.errors().stream().anyMatch(e -> e.startsWith(prefix)), () -> stage + " → " + r.errors());
      if (!stage.equals("actuator") && !stage.equals("listener")) {
        assertInstanceOf(Sleep.class, r.action(), () -> stage + ": capacity held: " + r.summary());
      }
    }
    assertEquals(4, heard.size(), "a failing listener does not stop the others");
    broken.set("");
    assertTrue(tickAfter(() -> depth(clock.instant(), 0), c).errors().isEmpty());
  }

  @Test
  void aSleepReachesTheActuatorForItsUpkeepAndAFailedUpkeepIsAnErrorNotAnException() {
    AtomicInteger sleeps = new AtomicInteger();
    AtomicReference<Boolean> failUpkeep = new AtomicReference<>(false);
    Actuator actuator = new Actuator() {
      @Override
      public Fleet fleet(Instant now) {
        return fleet.fleet(now);
      }

      @Override
      public ActionResult apply(Action action, Instant now) {
        if (action instanceof Sleep) {
          sleeps.incrementAndGet();
          if (failUpkeep.get()) {
            throw new IllegalStateException("upkeep: SetInstanceProtection throttled");
          }
        }
        return fleet.apply(action, now);
      }
    };
    Controller c = builder().actuator(actuator).guards(Guards.builder(8, 8).stabilization(Duration.ZERO).build()).build();
    TickReport quiet = tickAfter(() -> depth(clock.instant(), 0), c);
    assertInstanceOf(Sleep.class, quiet.action(), quiet::summary);
    assertEquals(1, sleeps.get(), "the actuator saw the Sleep: the Auto Scaling actuator's upkeep runs on quiet ticks too");
    failUpkeep.set(true);
    TickReport failed = assertDoesNotThrow(() -> tickAfter(() -> depth(clock.instant(), 0), c));
    assertInstanceOf(Sleep.class, failed.action(), failed::summary);
    assertTrue(failed.errors().stream().anyMatch(e -> e.startsWith("actuator: ")), failed.errors()::toString);
    assertEquals(ActionResult.Status.NOOP, failed.result().status(), "a Sleep changes no capacity: never UNKNOWN");
    assertEquals(8, fleet.fleet(clock.instant()).instances().size());
  }

  @Test
  void aPredictorThatRejectsAnObservationIsAnErrorNotAnException() {
    Controller c = builder().predictArrivals(EnsemblePredictor::standard).build();
    TickReport r = tickAfter(() -> List.of(new Reading(SignalNames.visible("uploads"), 10, clock.instant()),
        new Reading(SignalNames.inflight("uploads"), 0, clock.instant()),
        new Reading(SignalNames.arrivals("uploads"), 2e15, clock.instant())), c);
    assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("predictor ")), r.errors()::toString);
    assertTrue(tickAfter(() -> depth(clock.instant(), 10), c).errors().isEmpty());
  }

  @Test
  void aStateStoreThatThrowsOnSaveIsReportedAndOnLoadStartsAfresh() {
    StateStore store = new StateStore() {
      @Override
      public Optional<ControllerState> load() {
        throw new IllegalStateException("DynamoDB table missing");
      }

      @Override
      public void save(ControllerState state) {
        throw sneaky(new IOException("disk full"));
      }
    };
    Controller c = builder().stateStore(store).build();
    TickReport r = tickAfter(() -> depth(clock.instant(), 10), c);
    assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("state: IllegalStateException: DynamoDB table missing")),
        r.errors()::toString);
    assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("state: IOException: disk full")), r.errors()::toString);
  }

  @Test
  void onlyAVirtualMachineErrorPropagates() {
    Controller c = builder().build();
    source.next = () -> {
      throw new OutOfMemoryError("Java heap space");
    };
    assertThrows(OutOfMemoryError.class, c::tick);
    source.next = () -> depth(clock.instant(), 0);
    assertDoesNotThrow(c::tick, "the controller is usable afterwards");
  }

  @Test
  void aTickTooShortToScheduleIsRefusedBeforeTheRunnerTouchesAnyExecutor() {
    Controller c = builder().tick(Duration.ofNanos(500_000)).build();
    ScheduledExecutorService untouched = (ScheduledExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ScheduledExecutorService.class}, (proxy, m, args) -> {
          throw new AssertionError("the executor was used: " + m.getName());
        });
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ControllerRunner.start(c, untouched));
    assertTrue(e.getMessage().contains("at least 1 ms") && e.getMessage().contains("PT0.0005S"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ControllerRunner.start(c));
  }

  /** The README's {@code scheduleWithFixedDelay(governor::tick, …)} and ControllerRunner both keep ticking. */
  @Test
  void schedulersKeepTickingWhateverASourceThrows() {
    Controller c = builder().build();
    AtomicReference<Runnable> task = new AtomicReference<>();
    ScheduledExecutorService executor = (ScheduledExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ScheduledExecutorService.class}, (proxy, m, args) -> {
          if (m.getName().equals("scheduleWithFixedDelay")) {
            task.set((Runnable) args[0]);
            return null;
          }
          throw new UnsupportedOperationException(m.getName());
        });
    ControllerRunner.start(c, executor);
    AtomicInteger round = new AtomicInteger();
    source.next = () -> {
      switch (round.getAndIncrement() % 3) {
        case 0 -> throw new AssertionError("an Error");
        case 1 -> throw sneaky(new IOException("a checked exception"));
        default -> throw new OutOfMemoryError("even this");
      }
    };
    for (int k = 0; k < 6; k++) {
      assertDoesNotThrow(task.get()::run, "a scheduled task that throws is never run again");
      clock.advance(Duration.ofMinutes(1));
    }
    assertEquals(6, source.reads);
    Runnable readme = c::tick; // what scheduleWithFixedDelay(governor::tick, …) runs
    source.next = () -> {
      throw sneaky(new IOException("a checked exception"));
    };
    assertDoesNotThrow(readme::run);
  }
}
