package dev.governor.guard;

import static dev.governor.guard.GuardFixtures.T0;
import static dev.governor.guard.GuardFixtures.ctx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.state.HistoryEntry;
import dev.governor.state.ScalingHistory;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Guards at the edges of their arithmetic and of their windows. */
class GuardArithmeticTest {
  private static final Instant NOW = T0.plus(Duration.ofHours(1));

  @Test
  void aLargeBudgetDoesNotOverflowIntoBlockingScaleOut() {
    BudgetGuard g = new BudgetGuard(1e9);
    GuardEffect e = g.apply(ctx(NOW, 2, 5_000, ScalingHistory.empty()), 5_000);
    assertFalse(e.changed(), () -> "a budget of 1e9/h has room for 5,000 instances at 0.10/h: " + e);
    // and a budget with room for exactly some still says how many
    GuardEffect tight = new BudgetGuard(1.0).apply(ctx(NOW, 2, 50, ScalingHistory.empty()), 50);
    assertEquals(10, tight.after(), "2 × 0.10 = 0.20 spent, room for 8 more: " + tight);
    assertTrue(tight.reason().contains("room for 8 more"), tight.reason());
  }

  @Test
  void rateLimitsCountHugeChangesWithoutWrappingAround() {
    RateLimitGuard up = new RateLimitGuard(RateLimitGuard.Direction.UP, 10, Duration.ofMinutes(5));
    ScalingHistory h = ScalingHistory.empty()
        .plus(new HistoryEntry(NOW.minusSeconds(120), 0, 10, 10, Integer.MAX_VALUE), Duration.ofHours(1))
        .plus(new HistoryEntry(NOW.minusSeconds(60), 10, 10, 10, Integer.MAX_VALUE), Duration.ofHours(1));
    GuardEffect e = up.apply(ctx(NOW, 10, 100, h), 100);
    assertEquals(10, e.after(), () -> "the period's allowance is used up: " + e);
    StepLimitGuard step = new StepLimitGuard(Integer.MAX_VALUE, 1e300, 0, 0);
    assertEquals(Integer.MAX_VALUE, step.apply(ctx(NOW, 10, Integer.MAX_VALUE, h), Integer.MAX_VALUE).after());
  }

  @Test
  void theFirstBackoffPauseBlocksTheNextTickAtItsBoundary() {
    LaunchBackoffGuard g = LaunchBackoffGuard.ofDefaults(); // 1 min after the first failure
    ScalingHistory failed = ScalingHistory.empty().withLaunchFailure(NOW, "InsufficientInstanceCapacity");
    GuardEffect next = g.apply(ctx(NOW.plusSeconds(60), 2, 10, failed), 10);
    assertEquals(2, next.after(), "a 1-minute pause must block the tick 60 s later: " + next);
    assertFalse(g.apply(ctx(NOW.plusSeconds(61), 2, 10, failed), 10).changed());
  }
}
