package dev.governor;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static dev.governor.Fixtures.UPLOADS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.Launch;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridPolicy;
import dev.governor.policy.ScalingPolicy;
import dev.governor.predict.Forecast;
import dev.governor.predict.Predictor;
import dev.governor.signal.ManualSignalSource;
import dev.governor.state.ControllerState;
import dev.governor.state.FileStateStore;
import dev.governor.state.StateStore;
import dev.governor.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state store is validated on load, and its failures reach the tick reports. */
class StateValidationTest {
  private final ManualClock clock = new ManualClock(T0);
  private final ManualSignalSource signals = new ManualSignalSource();

  static String stateWith(String serviceSeconds, String history) {
    return "{\"version\":1,\"savedAt\":\"" + T0.minusSeconds(60) + "\",\"history\":" + history
        + ",\"predictors\":{},\"serviceSeconds\":{\"uploads\":" + serviceSeconds + "}}";
  }

  @Test
  void aNegativeSavedServiceTimeIsRefusedAndTheControllerStillScales(@TempDir Path dir) throws Exception {
    for (String bad : new String[] {stateWith("-30", "[]"), stateWith("30",
        "[{\"at\":\"" + T0.minusSeconds(60) + "\",\"current\":2,\"proposed\":2,\"desired\":2,\"change\":0},"
            + "{\"at\":\"" + T0.minusSeconds(120) + "\",\"current\":2,\"proposed\":2,\"desired\":2,\"change\":0}]")}) {
      Path f = dir.resolve("state.json");
      Files.writeString(f, bad);
      InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(2, T0);
      Controller c = Fixtures.controller(clock, signals, fleet, HybridPolicy.ofDefaults(), Guards.standard(1, 100))
          .stateStore(new FileStateStore(f)).build();
      Fixtures.queue(signals, clock, "uploads", 20_000, 8, 1);
      TickReport r = c.tick();
      assertInstanceOf(Launch.class, r.action(), () -> "20,000 waiting must launch: " + r.summary() + " " + r.errors());
      assertTrue(r.errors().get(0).startsWith("state: "), r.errors()::toString);
      clock.advance(Duration.ofMinutes(1));
    }
  }

  @Test
  void aFailedSaveReachesTheReport() {
    StateStore failing = new StateStore() {
      @Override
      public Optional<ControllerState> load() {
        return Optional.empty();
      }

      @Override
      public void save(ControllerState state) {
        throw new java.io.UncheckedIOException(new java.io.IOException("No space left on device"));
      }
    };
    Controller c = Fixtures.controller(clock, signals, new InMemoryActuator(TYPE), HybridPolicy.ofDefaults(),
        Guards.standard(0, 5)).stateStore(failing).build();
    Fixtures.queue(signals, clock, "uploads", 0, 0, 0);
    TickReport r = c.tick();
    assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("state: ") && e.contains("No space left on device")),
        r.errors()::toString);
  }

  /** Saves a constant; or throws when asked to. */
  static final class Saving implements Predictor {
    final boolean fails;

    Saving(boolean fails) {
      this.fails = fails;
    }

    @Override
    public String name() {
      return fails ? "broken" : "fine";
    }

    @Override
    public void observe(Instant t, double value) {}

    @Override
    public Optional<Forecast> forecast(Instant now, Duration horizon) {
      return Optional.empty();
    }

    @Override
    public String saveState() {
      if (fails) {
        throw new IllegalStateException("cannot serialise");
      }
      return "{\"fine\":true}";
    }

    @Override
    public void restoreState(String state) {}
  }

  @Test
  void onePredictorThatCannotSaveDoesNotStopThePersistenceOfEverythingElse() {
    AtomicReference<ControllerState> saved = new AtomicReference<>();
    StateStore store = recording(saved);
    Controller c = Fixtures.controller(clock, signals, new InMemoryActuator(TYPE), HybridPolicy.ofDefaults(),
        Guards.standard(0, 5)).stateStore(store).predictor("queue.uploads.arrivals_per_s", () -> new Saving(true))
        .predictor("queue.uploads.completions_per_s", () -> new Saving(false)).build();
    Fixtures.queue(signals, clock, "uploads", 0, 0, 0);
    TickReport r = c.tick();
    assertTrue(saved.get() != null, "the state was saved");
    assertEquals("{\"fine\":true}", saved.get().predictors().get("queue.uploads.completions_per_s"));
    assertTrue(!saved.get().history().entries().isEmpty(), "and the history with it");
    assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("state: ") && e.contains("cannot serialise")),
        r.errors()::toString);
  }

  @Test
  void aPolicyThatCannotSaveKeepsItsLastSavedStateAndTheRestIsSaved() {
    AtomicReference<ControllerState> saved = new AtomicReference<>();
    StateStore store = recording(saved);
    HybridPolicy inner = HybridPolicy.ofDefaults();
    boolean[] fail = {false};
    ScalingPolicy flaky = savingThrough("flaky", inner, () -> {
      if (fail[0]) {
        throw new IllegalStateException("cannot serialise the policy");
      }
    });
    Controller c = Fixtures.controller(clock, signals, new InMemoryActuator(TYPE), flaky, Guards.standard(0, 5))
        .stateStore(store).build();
    Fixtures.queue(signals, clock, "uploads", 0, 0, 0);
    c.tick();
    String first = saved.get().policies().get("flaky");
    assertTrue(first != null && first.contains("\"policy\":\"governor\""), String.valueOf(first));
    fail[0] = true;
    clock.advance(Duration.ofMinutes(1));
    Fixtures.queue(signals, clock, "uploads", 0, 0, 0);
    TickReport r = c.tick();
    assertEquals(clock.instant(), saved.get().savedAt(), "the rest of the state was saved");
    assertEquals(first, saved.get().policies().get("flaky"), "the policy's last saved state is kept");
    assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("state: ") && e.contains("cannot serialise the policy")
        && e.contains("policy flaky not saved; its last saved state is kept")), r.errors()::toString);
  }

  @Test
  void thePolicysStateIsSerialisedEveryTickOrEveryPolicySaveIntervalAndEveryStateSaveCarriesTheLastOne() {
    AtomicReference<ControllerState> saved = new AtomicReference<>();
    HybridPolicy inner = HybridPolicy.ofDefaults();
    java.util.List<Instant> serialised = new java.util.ArrayList<>();
    ScalingPolicy counting = savingThrough("counting", inner, () -> serialised.add(clock.instant()));
    Controller c = Fixtures.controller(clock, signals, new InMemoryActuator(TYPE), counting, Guards.standard(0, 5))
        .stateStore(recording(saved)).policySaveInterval(Duration.ofMinutes(5)).build();
    for (int k = 0; k < 11; k++) {
      Fixtures.queue(signals, clock, "uploads", 0, 0, 0);
      c.tick();
      assertEquals(clock.instant(), saved.get().savedAt(), "the state is saved every tick");
      assertTrue(saved.get().policies().containsKey("counting"), "with the policy's last serialised state");
      clock.advance(Duration.ofMinutes(1));
    }
    assertEquals(java.util.List.of(T0, T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(10))), serialised,
        "every 5 minutes, as asked");
    serialised.clear();
    Controller everyTick = Fixtures.controller(clock, signals, new InMemoryActuator(TYPE), counting,
        Guards.standard(0, 5)).stateStore(recording(saved)).build();
    for (int k = 0; k < 3; k++) {
      Fixtures.queue(signals, clock, "uploads", 0, 0, 0);
      everyTick.tick();
      clock.advance(Duration.ofMinutes(1));
    }
    assertEquals(3, serialised.size(), "by default every tick: " + serialised);
  }

  /** {@code inner} under another name, running {@code beforeSave} (which may throw) before each save of its state. */
  private static ScalingPolicy savingThrough(String name, HybridPolicy inner, Runnable beforeSave) {
    return new ScalingPolicy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public dev.governor.policy.Proposal propose(dev.governor.policy.PolicyContext context) {
        return inner.propose(context);
      }

      @Override
      public String saveState() {
        beforeSave.run();
        return inner.saveState();
      }
    };
  }

  /** A store that keeps the last state saved in {@code saved}. */
  private static StateStore recording(AtomicReference<ControllerState> saved) {
    return new StateStore() {
      @Override
      public Optional<ControllerState> load() {
        return Optional.ofNullable(saved.get());
      }

      @Override
      public void save(ControllerState state) {
        saved.set(state);
      }
    };
  }
}
