package dev.governor.policy.baseline;

import dev.governor.fleet.JobClass;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * EC2 Auto Scaling target tracking as a {@link ScalingPolicy}. Each tick adds one datapoint per
 * tracked metric, evaluates AlarmHigh ({@code > target}, M = N = 3) and AlarmLow
 * ({@code < ratio × target}, M = N = 15), and asks {@link TargetTracking#recommend} what to do;
 * several policies combine with {@link TargetTracking#combine}. The only state kept between ticks
 * is the datapoints of the alarms. An alarm in ALARM acts on every tick it stays there, as
 * CloudWatch re-invokes Auto Scaling actions each period. The result is clamped to the group's
 * {@code [minCapacity, maxCapacity]}. Not thread-safe: one instance serves one controller.
 */
public final class TargetTrackingPolicy implements ScalingPolicy {
  private final TargetTrackingConfig config;
  private final List<Datapoints> datapoints = new ArrayList<>();

  /**
   * A policy with no datapoints yet (both alarms start in INSUFFICIENT_DATA).
   *
   * @param config the group and its target tracking policies
   * @throws IllegalArgumentException if {@code config} is null
   */
  public TargetTrackingPolicy(TargetTrackingConfig config) {
    this.config = Check.notNull("config", config);
    for (int i = 0; i < config.metrics().size(); i++) {
      datapoints.add(new Datapoints(Math.max(config.scaleOutDatapoints(), config.scaleInDatapoints())));
    }
  }

  /**
   * The configuration this policy runs.
   *
   * @return the config given at construction
   */
  public TargetTrackingConfig config() {
    return config;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public Proposal propose(PolicyContext ctx) {
    int current = ctx.currentCapacity();
    int warmed = Warmup.warmedCapacity(ctx.fleet(), ctx.now(), config.instanceWarmup());
    boolean warming = Warmup.warming(ctx.fleet(), ctx.now(), config.instanceWarmup()) > 0;
    List<TargetTracking.Recommendation> recs = new ArrayList<>();
    List<Boolean> disabled = new ArrayList<>();
    List<Reason> reasons = new ArrayList<>();
    for (int i = 0; i < config.metrics().size(); i++) {
      TargetTrackingConfig.Tracked t = config.metrics().get(i);
      double value = t.metric().value(ctx);
      Datapoints dp = datapoints.get(i);
      dp.add(value);
      Alarm high = new Alarm(t.targetValue(), Alarm.Comparison.GREATER_THAN, config.scaleOutDatapoints(),
          config.scaleOutDatapoints());
      Alarm low = new Alarm(t.targetValue() * config.scaleInThresholdRatio(), Alarm.Comparison.LESS_THAN,
          config.scaleInDatapoints(), config.scaleInDatapoints());
      boolean highAlarm = high.evaluate(dp.asList()) == Alarm.State.ALARM;
      boolean lowAlarm = low.evaluate(dp.asList()) == Alarm.State.ALARM;
      TargetTracking.Recommendation r = TargetTracking.recommend(new TargetTracking.Inputs(value, t.targetValue(),
          current, warmed, highAlarm, lowAlarm, warming, t.disableScaleIn(), config.minCapacity(),
          config.maxCapacity()));
      recs.add(r);
      disabled.add(t.disableScaleIn());
      reasons.add(Reason.of(name() + "." + t.metric().describe(), r.rule() + " → " + r.desired()));
    }
    int desired = Check.clamp(TargetTracking.combine(current, recs, disabled), config.minCapacity(),
        config.maxCapacity());
    List<Reason> out = new ArrayList<>();
    out.add(Reason.of(name(), "desired " + desired + " (current " + current + ", warmed " + warmed + ")"));
    out.addAll(reasons);
    return new Proposal(desired, out);
  }

  @Override
  public Set<String> requiredSignals(Collection<JobClass> jobClasses) {
    Set<String> s = new TreeSet<>();
    for (TargetTrackingConfig.Tracked t : config.metrics()) {
      s.addAll(t.metric().signals(jobClasses));
    }
    return s;
  }
}
