package dev.governor.policy.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.policy.Proposal;
import dev.governor.policy.baseline.TargetTracking.Direction;
import dev.governor.policy.baseline.TargetTracking.Inputs;
import dev.governor.policy.baseline.TargetTracking.Recommendation;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetTrackingTest {
  private static Inputs out(double metric, double target, int desired, int warmed) {
    return new Inputs(metric, target, desired, warmed, true, false, desired > warmed, false, 0, 1000);
  }

  private static Inputs in(double metric, double target, int desired) {
    return new Inputs(metric, target, desired, desired, false, true, false, false, 0, 1000);
  }

  @Test
  void awsSqsWorkedExampleAddsFiveInstances() {
    // AWS guide: 1,500 messages, 10 instances, 0.1 s per message, 10 s acceptable latency.
    double target = TargetTracking.acceptableBacklogPerInstance(10, 0.1);
    assertEquals(100, target, 1e-9);
    double backlogPerInstance = 1500.0 / 10;
    Recommendation r = TargetTracking.recommend(out(backlogPerInstance, target, 10, 10));
    assertEquals(15, r.desired());
    assertEquals(Direction.OUT, r.direction());
    assertTrue(r.rule().contains("ratio 1.5"), r.rule());
  }

  @Test
  void roundingIsConservativeInBothDirections() {
    // Amazon EC2 Auto Scaling User Guide, "Target tracking scaling policies", Considerations: gaps
    // between the target and the metric come from acting "conservatively by rounding up or down when
    // determining how many instances to add or remove": never too few added, never too many removed.
    // 10 instances at 1.26 × target want 12.6: add 2.6 → 3 (13); at 0.74 × target want 7.4: remove
    // 2.6 → 2 (8). Whole results are not rounded: 1.2 × 10 → 12, 0.8 × 10 → 8.
    assertEquals(13, TargetTracking.recommend(out(126, 100, 10, 10)).desired());
    assertEquals(8, TargetTracking.recommend(in(74, 100, 10)).desired());
    assertEquals(12, TargetTracking.recommend(out(120, 100, 10, 10)).desired());
    assertEquals(8, TargetTracking.recommend(in(80, 100, 10)).desired());
    // binary noise is not a fraction: 3 × (0.7 / 0.1) is 21, not 22
    assertEquals(21, TargetTracking.recommend(out(0.7, 0.1, 3, 3)).desired());
  }

  @Test
  void instancesAddedAreRoundedUp() {
    // 1.5 instances to add → 2
    assertEquals(5, TargetTracking.recommend(out(150, 100, 3, 3)).desired());
  }

  @Test
  void instancesRemovedAreRoundedDown() {
    // 3 × 0.5 = 1.5 to remove → remove 1
    Recommendation r = TargetTracking.recommend(in(50, 100, 3));
    assertEquals(2, r.desired());
    assertEquals(Direction.IN, r.direction());
  }

  @Test
  void warmingInstancesAreNotCountedOnScaleOut() {
    // desired 5 = 4 warmed + 1 warming; +1 of 4 again → 5: nothing new
    assertEquals(5, TargetTracking.recommend(out(125, 100, 5, 4)).desired());
    // metric went up: 4 × 1.5 = 6 → one more
    assertEquals(6, TargetTracking.recommend(out(150, 100, 5, 4)).desired());
  }

  @Test
  void noScaleInWhileScaleOutInProgress() {
    Inputs i = new Inputs(10, 100, 10, 8, false, true, true, false, 0, 100);
    assertEquals(10, TargetTracking.recommend(i).desired());
  }

  @Test
  void missingDatapointNeverScales() {
    Inputs i = new Inputs(Double.NaN, 100, 10, 10, true, true, false, false, 0, 100);
    Recommendation r = TargetTracking.recommend(i);
    assertEquals(10, r.desired());
    assertEquals(Direction.NONE, r.direction());
  }

  @Test
  void disableScaleInKeepsCapacity() {
    Inputs i = new Inputs(10, 100, 10, 10, false, true, false, true, 0, 100);
    assertEquals(10, TargetTracking.recommend(i).desired());
  }

  @Test
  void boundedByMinAndMax() {
    assertEquals(12, TargetTracking.recommend(new Inputs(1500.0 / 10, 100, 10, 10, true, false, false, false, 1, 12))
        .desired());
    assertEquals(4, TargetTracking.recommend(new Inputs(1, 100, 10, 10, false, true, false, false, 4, 12)).desired());
  }

  @Test
  void severalPoliciesOutIfAnyInOnlyIfAll() {
    Recommendation up = new Recommendation(12, Direction.OUT, "");
    Recommendation down = new Recommendation(8, Direction.IN, "");
    Recommendation down9 = new Recommendation(9, Direction.IN, "");
    Recommendation hold = new Recommendation(10, Direction.NONE, "");
    assertEquals(12, TargetTracking.combine(10, List.of(down, up), List.of(false, false)));
    assertEquals(10, TargetTracking.combine(10, List.of(down, hold), List.of(false, false)));
    assertEquals(9, TargetTracking.combine(10, List.of(down, down9), List.of(false, false)));
    // a policy with scale-in disabled does not veto
    assertEquals(8, TargetTracking.combine(10, List.of(down, hold), List.of(false, true)));
  }

  @Test
  void alarmHighNeedsThreeOfThreeDatapoints() {
    TargetTrackingPolicy p = new TargetTrackingPolicy(TargetTrackingConfig.custom().maxCapacity(100)
        .backlogPerInstanceTarget(100).build());
    assertEquals(10, p.propose(Ctx.atMinute(0).running(10).visible(1500).build()).desired());
    assertEquals(10, p.propose(Ctx.atMinute(1).running(10).visible(1500).build()).desired());
    Proposal third = p.propose(Ctx.atMinute(2).running(10).visible(1500).build());
    assertEquals(15, third.desired());
    assertTrue(third.reasons().toString().contains("AlarmHigh"), third.reasons().toString());
  }

  @Test
  void alarmLowNeedsFifteenOfFifteenAndMissingDataResetsIt() {
    TargetTrackingPolicy p = new TargetTrackingPolicy(TargetTrackingConfig.custom().maxCapacity(100)
        .backlogPerInstanceTarget(100).build());
    for (int m = 0; m < 14; m++) {
      assertEquals(10, p.propose(Ctx.atMinute(m).running(10).visible(100).build()).desired(), "minute " + m);
    }
    // the 15th low datapoint is missing: no scale-in on missing data
    assertEquals(10, p.propose(Ctx.atMinute(14).running(10).build()).desired());
    for (int m = 15; m < 29; m++) {
      assertEquals(10, p.propose(Ctx.atMinute(m).running(10).visible(100).build()).desired(), "minute " + m);
    }
    // 15 of 15 below 90: 10 × 10/100 = 1
    assertEquals(1, p.propose(Ctx.atMinute(29).running(10).visible(100).build()).desired());
  }

  @Test
  void noDatapointWithoutInServiceInstances() {
    TargetTrackingPolicy p = new TargetTrackingPolicy(TargetTrackingConfig.custom().maxCapacity(100)
        .backlogPerInstanceTarget(100).scaleOutDatapoints(1).build());
    assertEquals(0, p.propose(Ctx.atMinute(0).visible(5000).build()).desired());
  }

  @Test
  void warmupCountsFromLaunch() {
    TargetTrackingPolicy p = new TargetTrackingPolicy(TargetTrackingConfig.custom().maxCapacity(100)
        .backlogPerInstanceTarget(100).scaleOutDatapoints(1).instanceWarmup(Duration.ofSeconds(300)).build());
    // 4 warm, 1 launched 2 minutes ago: backlog 625/5 = 125 → 4 × 1.25 = 5 → no new instance
    var ctx = Ctx.atMinute(10).running(4).runningSince(1, Ctx.atMinute(8).build().now()).visible(625).build();
    assertEquals(5, p.propose(ctx).desired());
  }

  @Test
  void requiredSignalsAreTheVisibleDepths() {
    TargetTrackingPolicy p = new TargetTrackingPolicy(TargetTrackingConfig.custom().backlogPerInstanceTarget(100).build());
    assertEquals(Set.of("queue.uploads.visible"), p.requiredSignals(List.of(Ctx.UPLOADS)));
  }

  @Test
  void configErrorsNameFieldRuleAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetTrackingConfig.custom()
        .backlogPerInstanceTarget(100).scaleInThresholdRatio(1.5).build());
    assertEquals("scaleInThresholdRatio must be in (0, 1], but was 1.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TargetTrackingConfig.custom().backlogPerInstanceTarget(-1));
    assertEquals("targetValue must be > 0 and finite, but was -1.0", e.getMessage());
  }
}
