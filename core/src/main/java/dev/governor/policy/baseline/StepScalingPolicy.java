package dev.governor.policy.baseline;

import dev.governor.fleet.JobClass;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * EC2 step and simple scaling as a {@link ScalingPolicy}. Each tick adds a datapoint, evaluates
 * every policy's alarm, runs {@link StepScaling} for those in ALARM and keeps the largest resulting
 * capacity (AWS: "chooses the policy that provides the largest capacity"). State between ticks:
 * the datapoints, and for simple scaling the end of the running activity and its cooldown. A
 * simple scale-out's activity runs until no instance is PENDING, then its cooldown starts; a simple
 * scale-in's cooldown starts at once. While either lasts, simple policies do not act (step policies
 * still do). With no policy in ALARM it holds the current capacity, clamped to the group's bounds.
 * Not thread-safe: one instance serves one controller.
 */
public final class StepScalingPolicy implements ScalingPolicy {
  private final StepScalingConfig config;
  private final Datapoints datapoints;
  /** Simple scaling: a scale-out activity is running until no instance is pending. */
  private boolean simpleActivityRunning;
  private Instant cooldownUntil;
  private java.time.Duration pendingCooldown = java.time.Duration.ZERO;

  /**
   * A policy with no datapoints yet, keeping as many as the longest alarm evaluates.
   *
   * @param config the group, its metric and its scaling policies
   * @throws IllegalArgumentException if {@code config} is null
   */
  public StepScalingPolicy(StepScalingConfig config) {
    this.config = Check.notNull("config", config);
    int n = 1;
    for (StepScalingConfig.Policy p : config.policies()) {
      n = Math.max(n, p.alarm().evaluationPeriods());
    }
    this.datapoints = new Datapoints(n);
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public Proposal propose(PolicyContext ctx) {
    Instant now = ctx.now();
    int current = ctx.currentCapacity();
    double metric = config.metric().value(ctx);
    datapoints.add(metric);
    if (simpleActivityRunning && ctx.fleet().pending() == 0) {
      simpleActivityRunning = false;
      cooldownUntil = now.plus(pendingCooldown);
    }
    int warmed = Warmup.warmedCapacity(ctx.fleet(), now, config.instanceWarmup());
    boolean warming = Warmup.warming(ctx.fleet(), now, config.instanceWarmup()) > 0;
    int best = -1;
    StepScalingConfig.Policy winner = null;
    List<Reason> reasons = new ArrayList<>();
    for (StepScalingConfig.Policy p : config.policies()) {
      Alarm.State state = p.alarm().evaluate(datapoints.asList());
      String head = p.name() + " alarm " + p.alarm().describe() + " is " + state;
      if (state != Alarm.State.ALARM) {
        reasons.add(Reason.of(name() + "." + p.name(), head));
        continue;
      }
      StepScaling.Result r;
      if (p.kind() == StepScalingConfig.Kind.SIMPLE) {
        if (simpleActivityRunning || (cooldownUntil != null && now.isBefore(cooldownUntil))) {
          reasons.add(Reason.of(name() + "." + p.name(), head + "; simple scaling waits for "
              + (simpleActivityRunning ? "the scaling activity to complete" : "its cooldown until " + cooldownUntil)));
          continue;
        }
        r = StepScaling.simpleScaling(p.adjustmentType(), p.simpleAdjustment(), p.minAdjustmentMagnitude(), current,
            config.minCapacity(), config.maxCapacity());
      } else {
        r = StepScaling.stepScaling(new StepScaling.StepInputs(p.adjustmentType(), p.steps(), p.minAdjustmentMagnitude(),
            metric, p.alarm().threshold(), current, warmed, warming, config.minCapacity(), config.maxCapacity()));
      }
      reasons.add(Reason.of(name() + "." + p.name(), head + "; " + r.rule() + " → " + r.desired()));
      if (r.desired() > best) {
        best = r.desired();
        winner = p;
      }
    }
    int desired = best >= 0 ? best : Check.clamp(current, config.minCapacity(), config.maxCapacity());
    if (winner != null && winner.kind() == StepScalingConfig.Kind.SIMPLE && desired != current) {
      pendingCooldown = winner.cooldown();
      if (desired > current) {
        simpleActivityRunning = true;
      } else {
        cooldownUntil = now.plus(winner.cooldown());
      }
    }
    List<Reason> out = new ArrayList<>();
    out.add(Reason.of(name(), config.metric().describe() + " " + Check.n(metric) + "; desired " + desired + " (current "
        + current + ", warmed " + warmed + ")" + (winner != null ? " by " + winner.name() : ", no policy acted")));
    out.addAll(reasons);
    return new Proposal(desired, out);
  }

  @Override
  public Set<String> requiredSignals(Collection<JobClass> jobClasses) {
    return config.metric().signals(jobClasses);
  }
}
