package dev.governor.aws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StepSafeElapsedTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void stepsCountAsTheyAreUpToTheCapAndAStepBackCountsAsConfigured() {
    StepSafeElapsed e = new StepSafeElapsed(Duration.ofMinutes(5), Duration.ofSeconds(20));
    assertEquals(0, e.advance(T0));
    assertEquals(Duration.ofSeconds(60).toNanos(), e.advance(T0.plusSeconds(60)));
    assertFalse(e.wentBack());
    assertEquals(Duration.ofSeconds(80).toNanos(), e.advance(T0.minus(Duration.ofHours(1))));
    assertTrue(e.wentBack());
    assertEquals(Duration.ofSeconds(110).toNanos(), e.advance(T0.minus(Duration.ofHours(1)).plusSeconds(30)),
        "counting again from the new instant, not frozen until the old one");
    assertEquals(Duration.ofSeconds(410).toNanos(), e.advance(T0.plus(Duration.ofDays(3))), "a jump counts as the cap");
  }

  @Test
  void aStepOfCenturiesDoesNotOverflow() {
    StepSafeElapsed e = StepSafeElapsed.forMemory();
    e.advance(Instant.MIN);
    assertEquals(StepSafeElapsed.MAX_STEP.toNanos(), e.advance(Instant.MAX));
  }
}
