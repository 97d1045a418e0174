package dev.governor.policy.baseline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants the originals guarantee, over random inputs. */
class BaselineProperties {
  static final Instant NOW = Ctx.T0;

  @Property(tries = 300)
  void percentRoundingNeverDropsAChangeNorFlipsItsSign(@ForAll @DoubleRange(min = -500, max = 500) double v) {
    int r = StepScaling.roundPercentChange(v);
    if (v > 0) {
      assertTrue(r >= 1 && r <= Math.ceil(v), v + " → " + r);
    } else if (v < 0) {
      assertTrue(r <= -1 && r >= Math.floor(v), v + " → " + r);
    }
  }

  @Property(tries = 300)
  void hpaBehaviorStaysWithinTheRateLimitsAndBounds(@ForAll @IntRange(min = 1, max = 300) int current,
      @ForAll @IntRange(min = 0, max = 1000) int desired) {
    Hpa.Limited l = Hpa.convertWithBehaviorRate(current, desired, 1, 500, List.of(), List.of(), Hpa.DEFAULT_SCALE_UP,
        Hpa.DEFAULT_SCALE_DOWN, NOW);
    assertTrue(l.replicas() >= 1 && l.replicas() <= Math.max(500, current), l.toString());
    if (desired > current) {
      assertTrue(l.replicas() <= Math.max(current + 4, 2 * current), l.toString());
      assertTrue(l.replicas() >= current, l.toString());
    }
    if (desired < current) {
      assertTrue(l.replicas() <= current, l.toString());
    }
  }

  @Property(tries = 300)
  void targetTrackingMovesOnlyTheWayItsAlarmSays(@ForAll @DoubleRange(min = 0, max = 10_000) double metric,
      @ForAll @IntRange(min = 0, max = 200) int desired, @ForAll @IntRange(min = 0, max = 200) int warming,
      @ForAll boolean high) {
    int warmed = Math.max(0, desired - warming);
    TargetTracking.Recommendation r = TargetTracking.recommend(new TargetTracking.Inputs(metric, 100, desired, warmed,
        high, !high, warmed < desired, false, 0, 1000));
    if (high) {
      assertTrue(r.desired() >= desired, r.toString());
    } else {
      assertTrue(r.desired() <= desired, r.toString());
    }
  }

  @Property(tries = 200)
  void externalAverageValueNeverLeavesTheQueueUncovered(@ForAll @IntRange(min = 0, max = 100_000) int messages,
      @ForAll @IntRange(min = 1, max = 500) int replicas, @ForAll @IntRange(min = 1, max = 1000) int perReplica) {
    Hpa.MetricResult r = Hpa.externalAverageValue("q", replicas, messages, perReplica, Hpa.Tolerance.DEFAULT);
    // outside the tolerance, replicas × target covers the queue
    if (!Hpa.Tolerance.DEFAULT.isWithin(r.ratio())) {
      assertTrue((long) r.replicas() * perReplica >= messages, r.toString());
    }
  }
}
