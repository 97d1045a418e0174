package dev.governor.policy.baseline;

import dev.governor.fleet.JobClass;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import dev.governor.signal.SignalNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * KEDA's {@code aws-sqs-queue} ScaledObject as a {@link ScalingPolicy}: each tick the operator
 * step ({@link KedaSqs#operator}) may activate 0 → max(1, minReplicaCount) or deactivate to 0,
 * then the HPA KEDA created (External AverageValue metric per trigger, minReplicas
 * {@link KedaSqs#hpaMinReplicas}, maxReplicas = maxReplicaCount) runs its syncs. The syncs of a
 * tick come first (they are stamped up to now and see the replicas the scale target had), then the
 * operator's check at now; after the operator changed the replicas, the HPA's first sync to see the
 * change is one sync period later. So an activation 0 → 1 holds at 1 for that tick (the HPA reported
 * {@code ScalingDisabled} at 0 replicas) and the HPA scales from 1 on its following syncs, as real KEDA
 * does: 1,000 messages with {@code queueLength} 1 go 0 → 1, then 4, 8, 16, 32 on the next 15 s syncs
 * (legacy HPA, {@code max(2 × current, 4)} per sync). A trigger whose
 * queue signals are missing or stale is a failed read; failures are counted per trigger and per HPA
 * metric request, and reset by a good read. State kept between ticks: LastActiveTime, the creation
 * time, failure counts and the HPA's recommendations and scale events. The HPA's downscale
 * stabilization is Kubernetes' default, 300 s. Not thread-safe: one instance serves one controller.
 */
public final class KedaSqsPolicy implements ScalingPolicy {
  private final KedaSqsConfig config;
  private final HpaController hpa;
  private final Map<String, Integer> failures = new HashMap<>();
  private Instant createdAt;
  private Instant lastActiveTime;
  /** When the operator last changed the replicas itself (activation, deactivation, minReplicaCount), or null. */
  private Instant operatorScaledAt;

  /**
   * A fresh ScaledObject: created at its first tick, never active, with a fresh HPA.
   *
   * @param config the ScaledObject
   * @throws IllegalArgumentException if {@code config} is null
   */
  public KedaSqsPolicy(KedaSqsConfig config) {
    this.config = Check.notNull("config", config);
    this.hpa = new HpaController(KedaSqs.hpaMinReplicas(config.minReplicaCount()), config.maxReplicaCount(),
        config.hpaBehavior(), HpaConfig.DEFAULT_DOWNSCALE_STABILIZATION);
  }

  @Override
  public String name() {
    return config.name();
  }

  /**
   * What the HPA KEDA created remembers (empty before its first sync).
   *
   * @return a copy of the HPA's recommendations and scale events
   */
  public Optional<HpaController.History> hpaHistory() {
    return hpa.history();
  }

  /** The trigger's queue length, or -1 when a signal it needs is missing or stale. */
  private long read(PolicyContext ctx, String cls) {
    double v = ctx.snapshot().valueOr(SignalNames.visible(cls), Double.NaN);
    double f = config.scaleOnInFlight() ? ctx.snapshot().valueOr(SignalNames.inflight(cls), Double.NaN) : 0;
    double d = config.scaleOnDelayed() ? ctx.snapshot().valueOr(SignalNames.delayed(cls), Double.NaN) : 0;
    if (Double.isNaN(v) || Double.isNaN(f) || Double.isNaN(d)) {
      return -1;
    }
    return KedaSqs.queueLength((long) v, (long) f, (long) d, config.scaleOnInFlight(), config.scaleOnDelayed());
  }

  @Override
  public Proposal propose(PolicyContext ctx) {
    if (createdAt == null) {
      createdAt = ctx.now();
    }
    List<String> classes = triggers(ctx.jobClasses());
    Map<String, Long> lengths = new HashMap<>();
    boolean active = false;
    boolean error = false;
    for (String c : classes) {
      long len = read(ctx, c);
      lengths.put(c, len);
      if (len < 0) {
        error = true;
      } else if (KedaSqs.isActive(len, config.activationQueueLength())) {
        active = true;
      }
    }
    int current = ctx.currentCapacity();
    // The HPA's syncs of this tick run up to now, on what the scale target had; the operator's check
    // at now then acts on what they left. A sync stamped within one sync period after the operator
    // last set the replicas itself does not exist: the HPA first sees such a change at its next sync,
    // one period later (real KEDA's HPA reports ScalingDisabled while the target has 0 replicas).
    List<Reason> reasons = new ArrayList<>();
    int replicas = current;
    int n = HpaPolicy.syncsPerTick(ctx.tick(), config.syncPeriod());
    for (int i = 0; i < n; i++) {
      Instant t = ctx.now().minus(config.syncPeriod().multipliedBy(n - 1 - i));
      if (operatorScaledAt != null && t.isAfter(operatorScaledAt)
          && t.isBefore(operatorScaledAt.plus(config.syncPeriod()))) {
        reasons.add(Reason.of(name() + ".hpa.sync" + (i + 1) + "/" + n, "no sync: the operator set the replicas at "
            + operatorScaledAt + "; the HPA's next sync is one period (" + config.syncPeriod().toSeconds()
            + " s) after"));
        continue;
      }
      List<Hpa.MetricResult> results = new ArrayList<>();
      // at 0 replicas the HPA is disabled and asks for no metric (so no failure is counted)
      for (int k = 0; replicas > 0 && k < classes.size(); k++) {
        String c = classes.get(k);
        results.add(metric(k, c, lengths.get(c), replicas, ctx.fleet().running()));
      }
      HpaController.Sync s = hpa.sync(t, replicas, results);
      if (i == n - 1 || s.replicas() != replicas) {
        reasons.add(Reason.of(name() + ".hpa.sync" + (i + 1) + "/" + n, replicas + " → " + s.replicas() + ": "
            + s.explanation()));
      }
      replicas = s.replicas();
    }
    KedaSqs.OperatorDecision op = KedaSqs.operator(new KedaSqs.OperatorInputs(active, error,
        config.fallback() == null ? null : config.fallback().replicas(), replicas, config.minReplicaCount(),
        lastActiveTime, createdAt, config.cooldownPeriod(), config.initialCooldownPeriod(), ctx.now()));
    if (op.markActive()) {
      lastActiveTime = ctx.now();
    }
    reasons.add(Reason.of(name() + ".operator", "queue lengths " + lengths + " (activation > "
        + config.activationQueueLength() + "), " + replicas + " replicas: " + op.reason()));
    if (op.replicas() >= 0 && op.replicas() != replicas) {
      replicas = op.replicas();
      operatorScaledAt = ctx.now();
    }
    List<Reason> out = new ArrayList<>();
    out.add(Reason.of(name(), "desired " + replicas + " (current " + current + ", queueLength " + config.queueLength()
        + " per replica)"));
    out.addAll(reasons);
    return new Proposal(replicas, out);
  }

  private Hpa.MetricResult metric(int index, String cls, long length, int replicas, int running) {
    String name = "s" + index + "-aws-sqs-" + cls;
    double value;
    String note = "";
    if (length >= 0) {
      failures.put(cls, 0);
      value = length;
    } else {
      int f = failures.merge(cls, 1, Integer::sum);
      KedaSqsConfig.Fallback fb = config.fallback();
      if (fb == null || config.metricType() != HpaMetric.TargetType.AVERAGE_VALUE || f <= fb.failureThreshold()) {
        return Hpa.MetricResult.invalid(name, "queue " + cls + " unreadable (failure " + f + ")");
      }
      int r = KedaSqs.fallbackReplicas(fb.behavior(), fb.replicas(), replicas);
      value = KedaSqs.fallbackMetric(r, config.queueLength());
      note = "fallback " + fb.behavior() + " after " + f + " failures (> " + fb.failureThreshold() + "): " + r
          + " replicas; ";
    }
    Hpa.MetricResult m = config.metricType() == HpaMetric.TargetType.AVERAGE_VALUE
        ? Hpa.externalAverageValue(name, replicas, value, config.queueLength(), config.tolerance())
        : Hpa.externalValue(name, replicas, Math.min(running, replicas), value, config.queueLength(), config.tolerance());
    return note.isEmpty() ? m : new Hpa.MetricResult(m.metric(), m.valid(), m.replicas(), m.usage(), m.ratio(),
        note + m.detail());
  }

  private List<String> triggers(Collection<JobClass> all) {
    if (!config.classes().isEmpty()) {
      return config.classes();
    }
    List<String> out = new ArrayList<>();
    for (JobClass c : all) {
      out.add(c.name());
    }
    return out;
  }

  @Override
  public Set<String> requiredSignals(Collection<JobClass> jobClasses) {
    Set<String> s = new TreeSet<>();
    for (String c : triggers(jobClasses)) {
      s.add(SignalNames.visible(c));
      if (config.scaleOnInFlight()) {
        s.add(SignalNames.inflight(c));
      }
      if (config.scaleOnDelayed()) {
        s.add(SignalNames.delayed(c));
      }
    }
    return s;
  }
}
