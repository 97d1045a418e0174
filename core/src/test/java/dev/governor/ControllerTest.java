package dev.governor;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static dev.governor.Fixtures.UPLOADS;
import static dev.governor.Fixtures.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Sleep;
import dev.governor.actuator.Actuator;
import dev.governor.actuator.DryRunActuator;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.fleet.Fleet;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridPolicy;
import dev.governor.policy.Proposal;
import dev.governor.policy.ScalingPolicy;
import dev.governor.predict.Forecast;
import dev.governor.predict.Predictor;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.SignalSource;
import dev.governor.state.FileStateStore;
import dev.governor.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerTest {
  @Test
  void eachTickReadsTheClockExactlyOnce() {
    ManualClock clock = new ManualClock(T0);
    AtomicInteger reads = new AtomicInteger();
    InstantSource counting = () -> {
      reads.incrementAndGet();
      return clock.instant();
    };
    ManualSignalSource s = new ManualSignalSource();
    Controller c = Fixtures.controller(clock, s, new InMemoryActuator(TYPE), HybridPolicy.ofDefaults(),
        Guards.standard(0, 10)).clock(counting).build();
    queue(s, clock, "uploads", 10, 0, 1);
    c.tick();
    c.tick();
    assertEquals(2, reads.get());
  }

  @Test
  void aFailingSignalSourceIsReportedAndNeverCausesScaleIn() {
    ManualClock clock = new ManualClock(T0);
    InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(8, T0.minus(Duration.ofHours(1)));
    SignalSource broken = now -> {
      throw new IllegalStateException("sqs unreachable");
    };
    Controller c = Controller.builder().clock(clock).signals(broken).jobClass(UPLOADS).launchType(TYPE)
        .policy(HybridPolicy.ofDefaults()).guards(Guards.standard(0, 100)).actuator(fleet).build();
    TickReport r = c.tick();
    assertEquals(List.of("signals: IllegalStateException: sqs unreachable"), r.errors());
    assertEquals(8, r.desired());
    assertInstanceOf(Sleep.class, r.action());
    assertTrue(r.stale().contains("queue.uploads.visible"));
  }

  @Test
  void aFailingActuatorOrPolicyBecomesAnErrorNotAnException() {
    ManualClock clock = new ManualClock(T0);
    ManualSignalSource s = new ManualSignalSource();
    Actuator throwing = new Actuator() {
      @Override
      public Fleet fleet(Instant now) {
        return Fleet.empty();
      }

      @Override
      public ActionResult apply(Action action, Instant now) {
        throw new IllegalStateException("boom");
      }
    };
    Controller c = Fixtures.controller(clock, s, throwing, HybridPolicy.ofDefaults(), Guards.standard(0, 10)).build();
    queue(s, clock, "uploads", 100, 0, 0);
    TickReport r = c.tick();
    // A throw may come after the call acted (a lost response): not confirmed either way.
    assertEquals(ActionResult.Status.UNKNOWN, r.result().status());
    assertEquals(List.of("actuator: IllegalStateException: boom"), r.errors());
    assertEquals(1, c.inFlight().size(), "the launch is in flight until the fleet shows it or it times out");
    TickReport again = c.tick();
    assertInstanceOf(Sleep.class, again.action(), "no retry storm, no double launch: " + again.summary());
    assertEquals(r.desired(), again.current(), again.summary());
    // Nothing ever shows up: after boot time + grace the launch counts as failed, and the back-off holds.
    TickReport late = again;
    for (int minute = 1; minute <= 5; minute++) { // boot 2 min + grace 3 min, tick by tick
      clock.advance(Duration.ofMinutes(1));
      queue(s, clock, "uploads", 100, 0, 0);
      late = c.tick();
    }
    assertEquals(1, c.history().launchFailures(), late.summary());
    assertTrue(late.errors().stream().anyMatch(e -> e.startsWith("launch: LaunchNeverRan")), late.errors().toString());
    assertEquals("launch-backoff", late.guards().get(0).guard(), late.summary());
    assertTrue(late.proposal().reasons().stream().anyMatch(x -> x.source().equals("provider")
        && x.message().contains("LaunchNeverRan")), "the policy sees the failure: " + late.proposal());

    ScalingPolicy bad = new ScalingPolicy() {
      @Override
      public String name() {
        return "bad";
      }

      @Override
      public Proposal propose(dev.governor.policy.PolicyContext context) {
        throw new ArithmeticException("/ by zero");
      }
    };
    InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(3, T0);
    Controller c2 = Fixtures.controller(clock, s, fleet, bad, Guards.standard(0, 10)).build();
    TickReport r2 = c2.tick();
    assertEquals(3, r2.desired(), "holds capacity");
    assertTrue(r2.errors().get(0).startsWith("policy: ArithmeticException"));
  }

  @Test
  void stateSurvivesARestartThroughTheFileStore(@TempDir Path dir) throws Exception {
    ManualClock clock = new ManualClock(T0);
    ManualSignalSource s = new ManualSignalSource();
    InMemoryActuator fleet = new InMemoryActuator(TYPE);
    FileStateStore store = new FileStateStore(dir.resolve("governor-state.json"));
    var guards = Guards.builder(0, 100).cooldowns(Duration.ofMinutes(3), Duration.ofMinutes(10)).build();
    Controller c = Fixtures.controller(clock, s, fleet, HybridPolicy.ofDefaults(), guards).stateStore(store).build();
    queue(s, clock, "uploads", 1000, 0, 1);
    s.set(UPLOADS.serviceTimeSignal(), 10, clock.instant());
    assertInstanceOf(Launch.class, c.tick().action());
    assertTrue(Files.exists(store.file()));

    clock.advance(Duration.ofMinutes(1));
    Controller restarted = Fixtures.controller(clock, s, fleet, HybridPolicy.ofDefaults(), guards).stateStore(store)
        .build();
    assertEquals(T0, restarted.history().lastScaleOut(), "cooldown timer restored");
    assertEquals(10.0, restarted.serviceSeconds().get("uploads"));
    queue(s, clock, "uploads", 5000, 0, 1);
    TickReport r = restarted.tick();
    assertInstanceOf(Sleep.class, r.action(), "still in the restored scale-out cooldown: " + r.summary());
    assertEquals("cooldown", r.guards().get(0).guard());
  }

  @Test
  void aCorruptStateFileIsReportedKeptAsideAndTheControllerStartsAfresh(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("state.json");
    Files.writeString(f, "{\"version\":1,\"savedAt\":\"not a time\"}");
    ManualClock clock = new ManualClock(T0);
    ManualSignalSource s = new ManualSignalSource();
    Controller c = Fixtures.controller(clock, s, new InMemoryActuator(TYPE).withRunning(1, T0), HybridPolicy.ofDefaults(),
        Guards.standard(0, 1)).stateStore(new FileStateStore(f)).build();
    queue(s, clock, "uploads", 0, 0, 0);
    TickReport r = c.tick();
    assertTrue(r.errors().get(0).startsWith("state: IllegalStateException: state file " + f), r.errors().toString());
    assertTrue(r.errors().get(0).contains("'savedAt' must be an ISO-8601 instant"), r.errors().get(0));
    assertTrue(Files.readString(dir.resolve("state.json.corrupt")).contains("not a time"), "kept for a human");
    assertTrue(c.tick().errors().isEmpty(), "reported once; the next save replaced the file");
  }

  @Test
  void dryRunRecordsWhatItWouldDoAndActsOnNothing() {
    ManualClock clock = new ManualClock(T0);
    ManualSignalSource s = new ManualSignalSource();
    InMemoryActuator real = new InMemoryActuator(TYPE).withRunning(2, T0);
    DryRunActuator dry = new DryRunActuator(real::fleet);
    Controller c = Fixtures.controller(clock, s, dry, HybridPolicy.ofDefaults(), Guards.standard(1, 50)).build();
    queue(s, clock, "uploads", 2000, 8, 1);
    TickReport r = c.tick();
    assertEquals(ActionResult.Status.DRY_RUN, r.result().status());
    assertEquals(1, dry.recorded().size());
    assertEquals(2, real.fleet(clock.instant()).running(), "nothing launched");
  }

  @Test
  void predictorsLearnEachFreshObservationOnceAndTheirForecastReachesThePolicy() {
    ManualClock clock = new ManualClock(T0);
    ManualSignalSource s = new ManualSignalSource();
    List<Double> seen = new ArrayList<>();
    Predictor recording = new Predictor() {
      @Override
      public String name() {
        return "recording";
      }

      @Override
      public void observe(Instant t, double value) {
        seen.add(value);
      }

      @Override
      public Optional<Forecast> forecast(Instant now, Duration horizon) {
        return seen.isEmpty() ? Optional.empty() : Optional.of(new Forecast(now.plus(horizon), 10, 8, 12));
      }

      @Override
      public String saveState() {
        return "{}";
      }

      @Override
      public void restoreState(String state) {}
    };
    Controller c = Fixtures.controller(clock, s, new InMemoryActuator(TYPE), HybridPolicy.ofDefaults(),
        Guards.builder(0, 500).stepLimit(null).build()).predictArrivals(() -> recording).build();
    queue(s, clock, "uploads", 0, 0, 1);
    TickReport r1 = c.tick();
    clock.advance(Duration.ofMinutes(1));
    TickReport r2 = c.tick(); // same observation again: not learnt twice
    assertEquals(List.of(1.0), seen);
    assertEquals(T0.plusSeconds(60 + 120 + 60), r2.forecasts().get(UPLOADS.arrivalsSignal()).at());
    // 1/s now keeps 30 slots busy (8 instances); the forecast of 10/s at +3 min (300 slots) makes the
    // policy launch ahead for the rise: the queue may carry part of it within the 300 s objective
    assertTrue(r1.desired() >= 25, r1.summary());
    assertTrue(r1.proposal().reasons().get(1).message().contains("forecast"), r1.summary());
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheTick() {
    ManualClock clock = new ManualClock(T0);
    ManualSignalSource s = new ManualSignalSource();
    List<TickReport> got = new ArrayList<>();
    Controller c = Fixtures.controller(clock, s, new InMemoryActuator(TYPE), HybridPolicy.ofDefaults(),
        Guards.standard(0, 5)).listener(r -> {
          throw new RuntimeException("listener bug");
        }).listener(got::add).listener(new LoggingTickListener()).build();
    queue(s, clock, "uploads", 0, 0, 0);
    c.tick();
    assertEquals(1, got.size());
  }

  @Test
  void builderNamesWhatIsMissingOrWrong() {
    assertEquals("signals must be set",
        assertThrows(IllegalStateException.class, () -> Controller.builder().build()).getMessage());
    assertEquals("tick must be > 0, but was PT0S",
        assertThrows(IllegalArgumentException.class, () -> Controller.builder().tick(Duration.ZERO)).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Controller.builder().jobClass(UPLOADS).jobClass(UPLOADS)).getMessage().contains("'uploads' was added twice"));
  }

  @Test
  void reportsRoundTripThroughOneJsonLine() {
    ManualClock clock = new ManualClock(T0);
    ManualSignalSource s = new ManualSignalSource();
    Controller c = Fixtures.controller(clock, s, new InMemoryActuator(TYPE).withRunning(40, T0),
        HybridPolicy.ofDefaults(), Guards.standard(1, 100)).build();
    queue(s, clock, "uploads", 30_000, 10, 3.5);
    TickReport r = c.tick();
    String line = r.toJson();
    assertTrue(!line.contains("\n"));
    assertEquals(r, TickReport.fromJson(line));
    clock.advance(Duration.ofMinutes(1));
    queue(s, clock, "uploads", 0, 0, 0);
    TickReport sleep = c.tick();
    assertEquals(sleep, TickReport.fromJson(sleep.toJson()));
  }

  @Test
  void unusablePredictorStateStartsThePredictorAfreshInsteadOfFailing() {
    ManualClock clock = new ManualClock(T0);
    dev.governor.state.InMemoryStateStore store = new dev.governor.state.InMemoryStateStore();
    store.save(new dev.governor.state.ControllerState(T0, dev.governor.state.ScalingHistory.empty(),
        java.util.Map.of(UPLOADS.arrivalsSignal(), "{\"not\":\"a predictor\"}"), java.util.Map.of()));
    Controller c = Fixtures.controller(clock, new ManualSignalSource(), new InMemoryActuator(TYPE),
        HybridPolicy.ofDefaults(), Guards.standard(0, 5)).stateStore(store)
        .predictArrivals(dev.governor.predict.EnsemblePredictor::standard).build();
    assertEquals(0, c.history().entries().size());
  }
}
