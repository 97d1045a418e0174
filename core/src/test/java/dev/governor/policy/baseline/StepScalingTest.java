package dev.governor.policy.baseline;

import static dev.governor.policy.baseline.StepScaling.AdjustmentType.CHANGE_IN_CAPACITY;
import static dev.governor.policy.baseline.StepScaling.AdjustmentType.EXACT_CAPACITY;
import static dev.governor.policy.baseline.StepScaling.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.policy.baseline.StepScaling.StepAdjustment;
import dev.governor.policy.baseline.StepScaling.StepInputs;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepScalingTest {
  // The AWS user guide's example: breach threshold 50, PercentChangeInCapacity.
  static final List<StepAdjustment> OUT = List.of(StepAdjustment.of(0.0, 10.0, 0), StepAdjustment.of(10.0, 20.0, 10),
      StepAdjustment.of(20.0, null, 30));
  static final List<StepAdjustment> IN = List.of(StepAdjustment.of(-10.0, 0.0, 0), StepAdjustment.of(-20.0, -10.0, -10),
      StepAdjustment.of(null, -20.0, -30));

  private static int step(List<StepAdjustment> steps, double metric, int desired, int warmed) {
    return StepScaling.stepScaling(new StepInputs(PERCENT_CHANGE_IN_CAPACITY, steps, null, metric, 50, desired, warmed,
        desired > warmed, 0, 100)).desired();
  }

  @Test
  void percentChangeRoundingFollowsAws() {
    assertEquals(12, StepScaling.roundPercentChange(12.7));
    assertEquals(1, StepScaling.roundPercentChange(0.67));
    assertEquals(-1, StepScaling.roundPercentChange(-0.58));
    assertEquals(-6, StepScaling.roundPercentChange(-6.67));
    assertEquals(3, StepScaling.roundPercentChange(3.0));
    assertEquals(0, StepScaling.roundPercentChange(0.0));
  }

  @Test
  void adjustmentTypesFromTheGuide() {
    assertEquals(5, StepScaling.change(CHANGE_IN_CAPACITY, 5, 3, null)); // 3 + 5 = 8
    assertEquals(2, StepScaling.change(EXACT_CAPACITY, 5, 3, null)); // 3 → 5
    assertEquals(1, StepScaling.change(PERCENT_CHANGE_IN_CAPACITY, 10, 10, null)); // 10 % of 10
  }

  @Test
  void minAdjustmentMagnitudeRaisesSmallChanges() {
    // 25 % of 4 is 1; MinAdjustmentMagnitude 2 adds 2
    assertEquals(1, StepScaling.change(PERCENT_CHANGE_IN_CAPACITY, 25, 4, null));
    assertEquals(2, StepScaling.change(PERCENT_CHANGE_IN_CAPACITY, 25, 4, 2));
    assertEquals(-2, StepScaling.change(PERCENT_CHANGE_IN_CAPACITY, -25, 4, 2));
    assertEquals(1, StepScaling.change(PERCENT_CHANGE_IN_CAPACITY, 50, 0, 1));
  }

  @Test
  void stepBoundsAreRelativeToTheThreshold() {
    assertEquals(0, StepScaling.select(OUT, 55, 50).scalingAdjustment());
    assertEquals(10, StepScaling.select(OUT, 60, 50).scalingAdjustment()); // lower inclusive above
    assertEquals(30, StepScaling.select(OUT, 70, 50).scalingAdjustment());
    assertEquals(0, StepScaling.select(IN, 50, 50).scalingAdjustment()); // upper inclusive below
    assertEquals(-10, StepScaling.select(IN, 40, 50).scalingAdjustment());
    assertEquals(-30, StepScaling.select(IN, 30, 50).scalingAdjustment());
    assertNull(StepScaling.select(OUT, 40, 50));
  }

  @Test
  void guideWalkThrough() {
    // 10 instances; metric 60 → +10 % of 10 = 11
    assertEquals(11, step(OUT, 60, 10, 10));
    // warmed to 11; metric 70 → +30 % of 11 = 3.3 → 3 → 14
    assertEquals(14, step(OUT, 70, 11, 11));
    // metric 40 → −10 % of 14 = 1.4 → 1 → 13
    assertEquals(13, step(IN, 40, 14, 14));
    // metric 30 → −30 % of 13 = 3.9 → 3 → 10
    assertEquals(10, step(IN, 30, 13, 13));
  }

  @Test
  void warmupExampleFromTheGuide() {
    // desired 11, the new instance still warming: metric 62 → 10 % of 10 = 1 → 11, no change
    assertEquals(11, step(OUT, 62, 11, 10));
    // metric 70 → 30 % of 10 = 3 → 13, i.e. only 2 more
    assertEquals(13, step(OUT, 70, 11, 10));
  }

  @Test
  void noScaleInWhileScaleOutInProgress() {
    assertEquals(11, step(IN, 30, 11, 10));
  }

  @Test
  void stepRulesAreValidated() {
    IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> StepScaling.validateSteps(List.of(
        StepAdjustment.of(0.0, 10.0, 1), StepAdjustment.of(20.0, null, 2))));
    assertTrue(gap.getMessage().startsWith("steps must neither overlap nor leave a gap"), gap.getMessage());
    assertThrows(IllegalArgumentException.class, () -> StepScaling.validateSteps(List.of(
        StepAdjustment.of(0.0, 10.0, 1))));
    assertThrows(IllegalArgumentException.class, () -> StepScaling.validateSteps(List.of(
        StepAdjustment.of(null, 0.0, 1), StepAdjustment.of(null, 10.0, 2))));
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> StepAdjustment.of(null, null, 1));
    assertEquals("lowerBound and upperBound must not both be null", both.getMessage());
    StepScaling.validateSteps(OUT);
    StepScaling.validateSteps(IN);
  }

  @Test
  void alarmIsMOutOfN() {
    Alarm a = Alarm.above(100, 2, 3);
    assertEquals(Alarm.State.ALARM, a.evaluate(Arrays.asList(150.0, 50.0, 120.0)));
    assertEquals(Alarm.State.OK, a.evaluate(Arrays.asList(150.0, 50.0, 20.0)));
    assertEquals(Alarm.State.OK, a.evaluate(Arrays.asList(150.0, Double.NaN, 20.0)));
    assertEquals(Alarm.State.INSUFFICIENT_DATA, a.evaluate(Arrays.asList(Double.NaN, Double.NaN)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Alarm.above(1, 4, 3));
    assertEquals("datapointsToAlarm must be in [1, 3], but was 4", e.getMessage());
  }

  @Test
  void simpleScalingWaitsForActivityAndCooldown() {
    StepScalingPolicy p = new StepScalingPolicy(StepScalingConfig.custom().maxCapacity(100)
        .metric(QueueMetric.queueDepth())
        .policy(StepScalingConfig.Policy.simple("add-2", Alarm.above(100, 1, 1), CHANGE_IN_CAPACITY, 2, null,
            Duration.ofSeconds(300)))
        .build());
    assertEquals(4, p.propose(Ctx.atMinute(0).running(2).visible(500).build()).desired());
    // activity running: 2 pending
    assertEquals(4, p.propose(Ctx.atMinute(1).running(2).pending(2).visible(500).build()).desired());
    // activity completed at minute 2: cooldown until minute 7
    assertEquals(4, p.propose(Ctx.atMinute(2).running(4).visible(500).build()).desired());
    assertEquals(4, p.propose(Ctx.atMinute(6).running(4).visible(500).build()).desired());
    assertEquals(6, p.propose(Ctx.atMinute(7).running(4).visible(500).build()).desired());
  }

  @Test
  void stepPolicyThroughTheWrapperUsesWarmedCapacity() {
    StepScalingPolicy p = new StepScalingPolicy(StepScalingConfig.custom().maxCapacity(100)
        .metric(QueueMetric.queueDepth())
        .policy(StepScalingConfig.Policy.step("out", Alarm.above(50, 1, 1), PERCENT_CHANGE_IN_CAPACITY, null, OUT))
        .policy(StepScalingConfig.Policy.step("in", Alarm.below(50, 1, 1), PERCENT_CHANGE_IN_CAPACITY, null, IN))
        .build());
    assertEquals(11, p.propose(Ctx.atMinute(0).running(10).visible(60).build()).desired());
    assertEquals(13, p.propose(Ctx.atMinute(1).running(10).pending(1).visible(70).build()).desired());
    assertEquals(13, p.propose(Ctx.atMinute(20).running(13).visible(45).build()).desired());
    assertEquals(12, p.propose(Ctx.atMinute(21).running(13).visible(40).build()).desired());
  }
}
