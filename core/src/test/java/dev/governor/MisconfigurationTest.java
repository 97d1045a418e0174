package dev.governor;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static dev.governor.Fixtures.UPLOADS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.actuator.InMemoryActuator;
import dev.governor.fleet.BillingModel;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridPolicy;
import dev.governor.predict.EnsemblePredictor;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.SignalNames;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Cross-field mistakes fail when built, or are reported by the first ticks: never silence. */
class MisconfigurationTest {
  private final ManualClock clock = new ManualClock(T0);
  private final ManualSignalSource signals = new ManualSignalSource();

  private Controller.Builder builder() {
    return Fixtures.controller(clock, signals, new InMemoryActuator(TYPE), HybridPolicy.ofDefaults(), Guards.standard(0, 10));
  }

  private static String message(Runnable r) {
    return assertThrows(RuntimeException.class, r::run).getMessage();
  }

  @Test
  void aRequiredSignalNamingAClassOrSignalNobodyHasFailsWhenBuilt() {
    String m = message(() -> builder().requireSignal("queue.upload.visible").build());
    assertTrue(m.contains("requireSignal 'queue.upload.visible'") && m.contains("job class 'upload'")
        && m.contains("[uploads]"), m);
    String s = message(() -> builder().requireSignal("queue.uploads.visble").build());
    assertTrue(s.contains("'visble'") && s.contains("visible"), s);
    String f = message(() -> builder().requireSignal("fleet.runing").build());
    assertTrue(f.contains("fleet.running"), f);
  }

  @Test
  void everySignalNameTheLibraryItselfMakesPassesTheBuildersCheck() {
    for (String name : java.util.List.of(SignalNames.visible("uploads"), SignalNames.inflight("uploads"),
        SignalNames.delayed("uploads"), SignalNames.oldestAge("uploads"), SignalNames.arrivals("uploads"),
        SignalNames.completions("uploads"), SignalNames.serviceTime("uploads"), SignalNames.late("uploads"),
        SignalNames.FLEET_RUNNING, SignalNames.FLEET_PENDING, SignalNames.FLEET_DRAINING, SignalNames.FLEET_BUSY_SLOTS,
        SignalNames.FLEET_SLOTS, SignalNames.FLEET_IN_FLIGHT)) {
      assertEquals(null, SignalNames.checkConventional(name, java.util.List.of("uploads")), name);
      builder().requireSignal(name).build();
    }
  }

  @Test
  void aRequiredSignalTheSourceNeverReportsIsInEveryTicksErrors() {
    Controller c = builder().requireSignal("host.cpu").build();
    for (int k = 0; k < 3; k++) {
      Fixtures.queue(signals, clock, "uploads", 0, 0, 0);
      TickReport r = c.tick();
      assertTrue(r.errors().stream().anyMatch(e -> e.contains("'host.cpu' has never been reported")), r.errors()::toString);
      clock.advance(Duration.ofMinutes(1));
    }
  }

  @Test
  void sourceAndClassNamesThatDoNotMatchAreReportedByTheFirstTick() {
    Controller c = builder().build();
    Instant now = clock.instant();
    signals.set(SignalNames.visible("upload"), 50_000, now).set(SignalNames.inflight("upload"), 0, now);
    TickReport r = c.tick();
    assertTrue(r.errors().stream().anyMatch(e -> e.contains("'queue.upload.visible' names job class 'upload'")),
        r.errors()::toString);
    assertTrue(r.errors().stream().anyMatch(e -> e.contains("'queue.uploads.visible' has never been reported")),
        r.errors()::toString);
  }

  @Test
  void aLaunchTypeTheActuatorCannotLaunchFailsWhenBuilt() {
    InstanceType other = InstanceType.of("m7i.large", 2, 0.1);
    String m = message(() -> builder().launchType(other).build());
    assertTrue(m.contains("launchType must be one the actuator can launch [c7g.large], but was 'm7i.large'"), m);
  }

  @Test
  void aStabilizationWindowLongerThanTheHistoryFailsWhenBuilt() {
    String m = message(() -> builder().guards(Guards.builder(0, 10).stabilization(Duration.ofHours(3)).build()).build());
    assertTrue(m.contains("stabilization") && m.contains("PT3H") && m.contains("historyRetention") && m.contains("PT2H"), m);
    builder().guards(Guards.builder(0, 10).stabilization(Duration.ofHours(3)).build()).historyRetention(Duration.ofHours(3))
        .build();
  }

  @Test
  void predictArrivalsBeforeAnyJobClassFails() {
    String m = message(() -> Controller.builder().predictArrivals(EnsemblePredictor::standard));
    assertTrue(m.contains("call jobClass(...) before predictArrivals(...)"), m);
  }

  @Test
  void anInstanceWithAnInfinitePriceOrAnEmptyIdFails() {
    assertEquals("hourlyPrice of i-1 must be >= 0 and finite, but was Infinity", message(() -> new Instance("i-1",
        "c7g.large", InstanceState.RUNNING, T0, 4, 0, Double.POSITIVE_INFINITY, BillingModel.PER_SECOND)));
    assertEquals("id must not be blank, but was ''", message(() -> new Instance("", "c7g.large", InstanceState.RUNNING,
        T0, 4, 0, 0.1, BillingModel.PER_SECOND)));
  }
}
