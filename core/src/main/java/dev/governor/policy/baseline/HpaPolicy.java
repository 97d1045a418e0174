package dev.governor.policy.baseline;

import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.JobClass;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kubernetes HPA as a {@link ScalingPolicy}: current replicas are RUNNING + PENDING instances
 * (Kubernetes counts the pods that exist); each tick runs the syncs described in {@link HpaConfig}
 * through {@link HpaController}. For Pods metrics, replicas a sync adds are pending (not ready) for
 * the later syncs of the same tick, and replicas it removes are taken from the not-ready ones
 * first, as a ReplicaSet deletes them.
 */
public final class HpaPolicy implements ScalingPolicy {
  private final HpaConfig config;
  private final HpaController controller;

  public HpaPolicy(HpaConfig config) {
    this.config = Check.notNull("config", config);
    this.controller = new HpaController(config.minReplicas(), config.maxReplicas(), config.behavior(),
        config.downscaleStabilization());
  }

  public HpaConfig config() {
    return config;
  }

  @Override
  public String name() {
    return config.name();
  }

  /** Syncs per tick: {@code max(1, tick ÷ syncPeriod)}. */
  static int syncsPerTick(Duration tick, Duration syncPeriod) {
    return (int) Math.max(1, tick.toNanos() / syncPeriod.toNanos());
  }

  @Override
  public Proposal propose(PolicyContext ctx) {
    int current = ctx.currentCapacity();
    int n = syncsPerTick(ctx.tick(), config.syncPeriod());
    List<Hpa.PodSample> pods = new ArrayList<>();
    List<Reason> reasons = new ArrayList<>();
    int replicas = current;
    for (int i = 0; i < n; i++) {
      Instant t = ctx.now().minus(config.syncPeriod().multipliedBy(n - 1 - i));
      List<Hpa.MetricResult> results = new ArrayList<>();
      for (HpaMetric m : config.metrics()) {
        results.add(evaluate(m, ctx, replicas, current));
      }
      HpaController.Sync s = controller.sync(t, replicas, results);
      if (i == n - 1 || s.replicas() != replicas) {
        reasons.add(Reason.of(name() + ".sync" + (i + 1) + "/" + n, replicas + " → " + s.replicas() + ": "
            + s.explanation()));
      }
      replicas = s.replicas();
    }
    List<Reason> out = new ArrayList<>();
    out.add(Reason.of(name(), "desired " + replicas + " (current " + current + ", " + n + " HPA syncs this tick)"));
    out.addAll(reasons);
    return new Proposal(replicas, out);
  }

  private Hpa.MetricResult evaluate(HpaMetric m, PolicyContext ctx, int replicas, int tickReplicas) {
    if (m instanceof HpaMetric.External e) {
      double total = 0;
      for (String s : e.signals()) {
        double v = ctx.snapshot().valueOr(s, Double.NaN);
        if (Double.isNaN(v)) {
          return Hpa.MetricResult.invalid(e.name(), "unable to get external metric: " + s + " missing or stale");
        }
        total += v;
      }
      if (e.targetType() == HpaMetric.TargetType.AVERAGE_VALUE) {
        return Hpa.externalAverageValue(e.name(), replicas, total, e.target(), config.tolerance());
      }
      int ready = Math.min(ctx.fleet().running(), replicas);
      return Hpa.externalValue(e.name(), replicas, ready, total, e.target(), config.tolerance());
    }
    HpaMetric.Pods p = (HpaMetric.Pods) m;
    return Hpa.podsAverageValue(p.name(), replicas, samples(p, ctx, replicas, tickReplicas), p.targetAverageValue(),
        config.tolerance());
  }

  static List<Hpa.PodSample> samples(HpaMetric.Pods p, PolicyContext ctx, int replicas, int tickReplicas) {
    List<Hpa.PodSample> ready = new ArrayList<>();
    List<Hpa.PodSample> unready = new ArrayList<>();
    List<Hpa.PodSample> ignored = new ArrayList<>();
    for (Instance i : ctx.fleet().instances()) {
      if (i.state() == InstanceState.PENDING) {
        unready.add(Hpa.PodSample.unready());
      } else if (i.state() == InstanceState.RUNNING) {
        double v = p.source() == HpaMetric.PodSource.BUSY_SLOTS ? i.busySlots()
            : ctx.snapshot().valueOr(p.signalFor(i.id()), Double.NaN);
        ready.add(new Hpa.PodSample(Hpa.PodState.READY, v));
      } else {
        ignored.add(new Hpa.PodSample(Hpa.PodState.IGNORED, Double.NaN));
      }
    }
    for (int k = tickReplicas; k < replicas; k++) {
      unready.add(Hpa.PodSample.unready());
    }
    for (int k = replicas; k < tickReplicas; k++) {
      if (!unready.isEmpty()) {
        unready.remove(unready.size() - 1);
      } else if (!ready.isEmpty()) {
        ready.remove(ready.size() - 1);
      }
    }
    List<Hpa.PodSample> all = new ArrayList<>(ready);
    all.addAll(unready);
    all.addAll(ignored);
    return all;
  }

  @Override
  public Set<String> requiredSignals(Collection<JobClass> jobClasses) {
    Set<String> s = new TreeSet<>();
    for (HpaMetric m : config.metrics()) {
      if (m instanceof HpaMetric.External e) {
        s.addAll(e.signals());
      }
    }
    return s;
  }
}
