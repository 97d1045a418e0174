package dev.governor.guard;

import static dev.governor.guard.GuardFixtures.T0;
import static dev.governor.guard.GuardFixtures.ctx;
import static dev.governor.guard.GuardFixtures.history;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.state.HistoryEntry;
import dev.governor.state.ScalingHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardsTest {
  private static final Instant NOW = T0.plus(Duration.ofHours(1));
  private static final ScalingHistory NONE = ScalingHistory.empty();

  @Test
  void boundsClampBothWaysAndValidate() {
    BoundsGuard g = new BoundsGuard(2, 20);
    assertEquals(2, g.apply(ctx(NOW, 5, 0, NONE), 0).after());
    assertEquals(20, g.apply(ctx(NOW, 5, 50, NONE), 50).after());
    GuardEffect same = g.apply(ctx(NOW, 5, 7, NONE), 7);
    assertFalse(same.changed());
    assertEquals("max must be >= min (5), but was 4",
        assertThrows(IllegalArgumentException.class, () -> new BoundsGuard(5, 4)).getMessage());
    assertEquals("min must be >= 0, but was -1",
        assertThrows(IllegalArgumentException.class, () -> new BoundsGuard(-1, 4)).getMessage());
  }

  @Test
  void stepLimitsPerDirectionWithPercentAllowance() {
    StepLimitGuard g = new StepLimitGuard(4, 50, 1, 10);
    // up: max(4, ceil(20 * 0.5)) = 10
    GuardEffect up = g.apply(ctx(NOW, 20, 100, NONE), 100);
    assertEquals(30, up.after());
    assertTrue(up.reason().contains("+10"));
    // up from 2: max(4, 1) = 4
    assertEquals(6, g.apply(ctx(NOW, 2, 100, NONE), 100).after());
    // down: max(1, ceil(20 * 0.1)) = 2
    assertEquals(18, g.apply(ctx(NOW, 20, 0, NONE), 0).after());
    assertFalse(g.apply(ctx(NOW, 20, 19, NONE), 19).changed());
  }

  @Test
  void rateLimitCountsChangesActuallyMadeInThePeriod() {
    RateLimitGuard g = new RateLimitGuard(RateLimitGuard.Direction.UP, 10, Duration.ofMinutes(5));
    ScalingHistory h = ScalingHistory.empty()
        .plus(new HistoryEntry(NOW.minusSeconds(400), 0, 6, 6, 6), Duration.ofHours(1)) // outside the period
        .plus(new HistoryEntry(NOW.minusSeconds(200), 6, 12, 12, 6), Duration.ofHours(1))
        .plus(new HistoryEntry(NOW.minusSeconds(100), 12, 13, 13, 1), Duration.ofHours(1));
    GuardEffect e = g.apply(ctx(NOW, 13, 30, h), 30);
    assertEquals(16, e.after(), "10 per 5 min, 7 used, 3 left");
    assertTrue(e.reason().contains("7 used, 3 left"), e.reason());
    RateLimitGuard down = new RateLimitGuard(RateLimitGuard.Direction.DOWN, 2, Duration.ofMinutes(5));
    assertFalse(down.apply(ctx(NOW, 13, 30, h), 30).changed(), "down limit ignores scale-out");
    assertEquals(11, down.apply(ctx(NOW, 13, 5, h), 5).after());
  }

  @Test
  void stabilizationKeepsTheHighestRecentProposalOnScaleIn() {
    StabilizationGuard g = new StabilizationGuard(Duration.ofMinutes(5));
    // proposals 1..7 minutes ago: 12 (7 min ago, outside), 9, 8, 11, 7, 6
    ScalingHistory h = history(NOW, 12, 9, 8, 11, 7, 6, 6);
    GuardEffect e = g.apply(ctx(NOW, 10, 4, h), 4);
    assertEquals(10, e.after(), "highest in window is 11, capped at current 10");
    ScalingHistory lower = history(NOW, 12, 12, 12, 8, 7, 6, 6);
    assertEquals(8, g.apply(ctx(NOW, 10, 4, lower), 4).after());
    assertFalse(g.apply(ctx(NOW, 10, 15, h), 15).changed(), "scale-out is never delayed");
  }

  @Test
  void cooldownsAreIndependentPerDirection() {
    CooldownGuard g = new CooldownGuard(Duration.ofMinutes(3), Duration.ofMinutes(10));
    ScalingHistory outAgo2 = ScalingHistory.empty()
        .plus(new HistoryEntry(NOW.minus(Duration.ofMinutes(2)), 5, 10, 10, 5), Duration.ofHours(1));
    assertEquals(10, g.apply(ctx(NOW, 10, 20, outAgo2), 20).after(), "scale-out within up cooldown");
    assertEquals(10, g.apply(ctx(NOW, 10, 3, outAgo2), 3).after(), "scale-in within down cooldown of a scale-out");
    Instant later = NOW.plus(Duration.ofMinutes(2));
    assertEquals(20, g.apply(ctx(later, 10, 20, outAgo2), 20).after(), "up cooldown over after 3 min");
    assertEquals(10, g.apply(ctx(later, 10, 3, outAgo2), 3).after(), "down cooldown still on");
    Instant muchLater = NOW.plus(Duration.ofMinutes(9));
    assertEquals(3, g.apply(ctx(muchLater, 10, 3, outAgo2), 3).after());
    ScalingHistory inAgo1 = ScalingHistory.empty()
        .plus(new HistoryEntry(NOW.minus(Duration.ofMinutes(1)), 12, 10, 10, -2), Duration.ofHours(1));
    assertEquals(20, g.apply(ctx(NOW, 10, 20, inAgo1), 20).after(), "a scale-in does not block scale-out");
    assertEquals(10, g.apply(ctx(NOW, 10, 8, inAgo1), 8).after());
  }

  @Test
  void failSafeForbidsScaleInOnStaleSignalsButAllowsScaleOut() {
    FailSafeGuard g = new FailSafeGuard();
    Set<String> stale = Set.of("queue.uploads.visible");
    GuardEffect e = g.apply(ctx(NOW, 10, 2, NONE, stale), 2);
    assertEquals(10, e.after());
    assertTrue(e.reason().contains("queue.uploads.visible"));
    assertEquals(14, g.apply(ctx(NOW, 10, 14, NONE, stale), 14).after());
    assertEquals(2, g.apply(ctx(NOW, 10, 2, NONE), 2).after(), "fresh signals: scale-in allowed");
  }

  @Test
  void budgetLimitsGrowthButNeverRemovesCapacity() {
    BudgetGuard g = new BudgetGuard(1.55); // 10 running at 0.10/h = 1.00/h; room for 5 more
    GuardEffect e = g.apply(ctx(NOW, 10, 30, NONE), 30);
    assertEquals(15, e.after());
    assertTrue(e.reason().contains("room for 5 more"), e.reason());
    BudgetGuard tight = new BudgetGuard(0.5); // already over budget
    assertEquals(10, tight.apply(ctx(NOW, 10, 30, NONE), 30).after());
    assertFalse(tight.apply(ctx(NOW, 10, 4, NONE), 4).changed());
  }

  @Test
  void theChainRecordsEveryChangeInOrderAndBoundsHaveTheLastWord() {
    GuardChain chain = Guards.builder(3, 12)
        .cooldowns(Duration.ZERO, Duration.ofMinutes(5))
        .stepLimit(StepLimitGuard.of(4, 2))
        .build();
    GuardChain.Outcome o = chain.apply(ctx(NOW, 5, 40, NONE), 40);
    assertEquals(9, o.desired());
    assertEquals(List.of("step-limit"), o.effects().stream().map(GuardEffect::guard).toList());
    GuardChain.Outcome stale = chain.apply(ctx(NOW, 20, 1, NONE, Set.of("x")), 1);
    assertEquals(12, stale.desired(), "fail-safe holds 20, bounds bring it to max 12");
    assertEquals(List.of("fail-safe", "bounds"), stale.effects().stream().map(GuardEffect::guard).toList());
  }

  @Test
  void failedLaunchesBackOffExponentiallyAndOnlyScaleOut() {
    LaunchBackoffGuard g = new LaunchBackoffGuard(Duration.ofMinutes(1), Duration.ofMinutes(8));
    assertEquals(Duration.ofMinutes(1), g.pause(1));
    assertEquals(Duration.ofMinutes(4), g.pause(3));
    assertEquals(Duration.ofMinutes(8), g.pause(10));
    ScalingHistory h = ScalingHistory.empty()
        .withLaunchFailure(NOW.minusSeconds(200), "InsufficientInstanceCapacity: no c7g.large in us-east-1a")
        .withLaunchFailure(NOW.minusSeconds(100), "InsufficientInstanceCapacity: no c7g.large in us-east-1a")
        .withLaunchFailure(NOW.minusSeconds(30), "InsufficientInstanceCapacity: no c7g.large in us-east-1a");
    GuardEffect held = g.apply(ctx(NOW, 10, 20, h), 20);
    assertEquals(10, held.after());
    assertTrue(held.reason().contains("after 3 failed launches: InsufficientInstanceCapacity"), held.reason());
    assertEquals(20, g.apply(ctx(NOW.plus(Duration.ofMinutes(4)), 10, 20, h), 20).after(), "pause over");
    assertEquals(5, g.apply(ctx(NOW, 10, 5, h), 5).after(), "scale-in unaffected");
    assertEquals(20, g.apply(ctx(NOW, 10, 20, h.withLaunchSuccess()), 20).after(), "a working launch resets it");
    assertThrows(IllegalArgumentException.class, () -> new LaunchBackoffGuard(Duration.ofMinutes(2), Duration.ofMinutes(1)));
  }
}
