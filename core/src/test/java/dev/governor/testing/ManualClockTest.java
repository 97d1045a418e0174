package dev.governor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void stepsEitherWayButAdvanceAndSetOnlyGoForward() {
    ManualClock c = new ManualClock(T);
    assertEquals(T.minus(Duration.ofHours(1)), c.step(Duration.ofHours(-1)).instant(), "a clock stepped back, as NTP does");
    assertEquals(T, c.step(Duration.ofHours(1)).instant());
    assertThrows(IllegalArgumentException.class, () -> c.advance(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> c.set(T.minusSeconds(1)));
  }
}
