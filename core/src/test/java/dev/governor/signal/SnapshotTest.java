package dev.governor.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void nanInfiniteAndNegativeValuesAreRejectedNamingTheSignal() {
    InvalidSignalException nan = assertThrows(InvalidSignalException.class,
        () -> new Reading("queue.uploads.visible", Double.NaN, T));
    assertEquals("signal 'queue.uploads.visible': value must be a number, but was NaN", nan.getMessage());
    assertEquals("queue.uploads.visible", nan.signal());
    InvalidSignalException inf = assertThrows(InvalidSignalException.class,
        () -> new Reading("queue.uploads.inflight", Double.POSITIVE_INFINITY, T));
    assertTrue(inf.getMessage().contains("queue.uploads.inflight") && inf.getMessage().contains("finite"));
    InvalidSignalException neg = assertThrows(InvalidSignalException.class,
        () -> new Reading("fleet.running", -1, T));
    assertEquals("signal 'fleet.running': value must be >= 0, but was -1.0", neg.getMessage());
  }

  @Test
  void manualSourceRejectsBadValuesAtTheSource() {
    ManualSignalSource s = new ManualSignalSource();
    assertThrows(InvalidSignalException.class, () -> s.set("queue.a.visible", -5, T));
    assertEquals(List.of(), List.copyOf(s.read(T)));
  }

  @Test
  void readingsOlderThanTheirMaxAgeAreStale() {
    Freshness f = Freshness.maxAge(Duration.ofMinutes(2)).with("queue.a.oldest_age_s", Duration.ofMinutes(10));
    Snapshot s = Snapshot.of(T, List.of(
        new Reading("queue.a.visible", 10, T.minusSeconds(120)),
        new Reading("queue.a.inflight", 3, T.minusSeconds(121)),
        new Reading("queue.a.oldest_age_s", 30, T.minusSeconds(500))), f);
    assertFalse(s.isStale("queue.a.visible"), "exactly max age is still fresh");
    assertTrue(s.isStale("queue.a.inflight"));
    assertFalse(s.isStale("queue.a.oldest_age_s"), "override");
    assertTrue(s.isStale("queue.b.visible"), "missing is stale");
    assertEquals(Set.of("queue.a.inflight", "queue.b.visible"),
        s.staleAmong(List.of("queue.a.visible", "queue.a.inflight", "queue.b.visible")));
    assertEquals(0.0, s.valueOr("queue.a.inflight", 0.0), "stale value is not used");
    assertEquals(3.0, s.lastKnownOr("queue.a.inflight", 0.0));
  }

  @Test
  void theNewestObservationOfANameWinsAndFutureReadingsCountAsNow() {
    Snapshot s = Snapshot.of(T, List.of(
        new Reading("x", 1, T.minusSeconds(30)),
        new Reading("x", 2, T.minusSeconds(10)),
        new Reading("x", 3, T.minusSeconds(20)),
        new Reading("y", 4, T.plusSeconds(60))), Freshness.ofDefaults());
    assertEquals(2.0, s.valueOr("x", -1));
    assertEquals(Duration.ZERO, s.ageOf(s.reading("y")));
  }

  @Test
  void compositeSourcesConcatenateAndFreshnessValidates() {
    ManualSignalSource a = new ManualSignalSource().set("a", 1, T);
    ManualSignalSource b = new ManualSignalSource().set("b", 2, T);
    assertEquals(2, SignalSource.composite(a, b).read(T).size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Freshness.maxAge(Duration.ZERO));
    assertEquals("defaultMaxAge must be > 0, but was PT0S", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CompositeSignalSource(List.of()));
  }
}
