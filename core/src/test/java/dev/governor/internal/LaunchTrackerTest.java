package dev.governor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import dev.governor.state.InFlightLaunch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A launch's verdict: worked at its first arrival, failed only when nothing of it ever ran. */
class LaunchTrackerTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final InstanceType TYPE = InstanceType.of("c7g.large", 4, 0.10);
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private static Instance in(String id, InstanceState s) {
    return Instance.launched(id, TYPE, s, T0).withLaunchToken("tok");
  }

  private static Fleet fleet(Instance... is) {
    return Fleet.of(List.of(is));
  }

  @Test
  void aLaunchThatRanAndWasScaledInBeforeItsTimeoutIsNotReportedAsNeverRunning() {
    List<InFlightLaunch> l = List.of(InFlightLaunch.started("tok", TYPE.name(), 2, T0, List.of("i-1", "i-2")));
    LaunchTracker.Result r = LaunchTracker.reconcile(l, fleet(in("i-1", InstanceState.RUNNING), in("i-2", InstanceState.PENDING)),
        T0.plusSeconds(120), TIMEOUT);
    assertEquals(1, r.worked().size());
    List<InFlightLaunch> afterScaleIn = LaunchTracker.terminated(r.inFlight(), List.of("i-1"));
    r = LaunchTracker.reconcile(afterScaleIn, fleet(in("i-2", InstanceState.PENDING)), T0.plusSeconds(180), TIMEOUT);
    assertEquals(1, r.inFlight().size(), "i-2 is still coming");
    r = LaunchTracker.reconcile(r.inFlight(), fleet(), T0.plus(TIMEOUT), TIMEOUT);
    assertTrue(r.failed().isEmpty(), "one of its instances ran: " + r.failed());
  }

  @Test
  void aRunningInstanceTheProviderTerminatesStillCountsAsArrived() {
    List<InFlightLaunch> l = List.of(InFlightLaunch.started("tok", TYPE.name(), 2, T0, List.of("i-1", "i-2")));
    LaunchTracker.Result r = LaunchTracker.reconcile(l, fleet(in("i-1", InstanceState.RUNNING)), T0.plusSeconds(120), TIMEOUT);
    r = LaunchTracker.reconcile(r.inFlight(), fleet(in("i-1", InstanceState.TERMINATING)), T0.plusSeconds(180), TIMEOUT);
    assertEquals(List.of("i-1"), r.inFlight().get(0).arrived());
    r = LaunchTracker.reconcile(r.inFlight(), fleet(), T0.plus(TIMEOUT), TIMEOUT);
    assertTrue(r.failed().isEmpty(), r.failed().toString());
  }

  @Test
  void aLaunchTheControllerTookBackWholeBeforeItRanGetsNoVerdict() {
    List<InFlightLaunch> l = List.of(InFlightLaunch.started("tok", TYPE.name(), 2, T0, List.of("i-1", "i-2")));
    LaunchTracker.Result r = LaunchTracker.reconcile(l, fleet(in("i-1", InstanceState.PENDING), in("i-2", InstanceState.PENDING)),
        T0.plusSeconds(60), TIMEOUT);
    assertTrue(LaunchTracker.terminated(r.inFlight(), List.of("i-1", "i-2")).isEmpty(), "dropped, not failed");
  }

  @Test
  void aLaunchNothingOfWhichEverRanFails() {
    List<InFlightLaunch> l = List.of(InFlightLaunch.started("tok", TYPE.name(), 2, T0, List.of("i-1", "i-2")));
    LaunchTracker.Result r = LaunchTracker.reconcile(l, fleet(in("i-1", InstanceState.PENDING), in("i-2", InstanceState.PENDING)),
        T0.plusSeconds(60), TIMEOUT);
    List<InFlightLaunch> half = LaunchTracker.terminated(r.inFlight(), List.of("i-1"));
    assertEquals(1, half.size(), "half taken back: the other half still decides");
    r = LaunchTracker.reconcile(half, fleet(in("i-2", InstanceState.TERMINATING)), T0.plusSeconds(120), TIMEOUT);
    assertEquals(1, r.failed().size(), "i-2 died at boot and i-1 never ran");
  }
}
