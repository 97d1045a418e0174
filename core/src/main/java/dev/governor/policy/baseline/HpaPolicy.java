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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The Kubernetes HPA as a {@link ScalingPolicy}: current replicas are RUNNING + PENDING instances
 * (Kubernetes counts the pods that exist); each tick runs the syncs described in {@link HpaConfig}
 * through {@link HpaController}. Pods are the instances ({@link #pods}); replicas a sync adds are
 * pending for the later syncs of the same tick, and replicas it removes are taken from the pending
 * and not-ready ones first, as a ReplicaSet deletes them. Not thread-safe: one instance serves
 * one controller.
 */
public final class HpaPolicy implements ScalingPolicy {
  private final HpaConfig config;
  private final HpaController controller;

  /**
   * A fresh HPA: no history, as after the controller manager starts.
   *
   * @param config the HPA
   * @throws IllegalArgumentException if {@code config} is null
   */
  public HpaPolicy(HpaConfig config) {
    this(config, null);
  }

  /**
   * An HPA whose controller starts from {@code history} (null: none). {@link HpaController.History#empty()}
   * skips the initial recommendation that otherwise holds the starting replicas for the downscale
   * stabilization window.
   *
   * @param config the HPA
   * @param history the controller's starting history, or null for none
   * @throws IllegalArgumentException if {@code config} is null
   */
  public HpaPolicy(HpaConfig config, HpaController.History history) {
    this.config = Check.notNull("config", config);
    this.controller = new HpaController(config.minReplicas(), config.maxReplicas(), config.behavior(),
        config.downscaleStabilization(), history);
  }

  /**
   * What the HPA controller remembers (empty before the first tick of a fresh one).
   *
   * @return a copy of the recommendations and scale events, e.g. to persist and pass back to
   *     {@link #HpaPolicy(HpaConfig, HpaController.History)}
   */
  public Optional<HpaController.History> history() {
    return controller.history();
  }

  /**
   * The configuration this policy runs.
   *
   * @return the config given at construction
   */
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
      int ready = Hpa.readyPods(pods(ctx, replicas, tickReplicas, config.readinessDelay(), i -> Double.NaN));
      return Hpa.externalValue(e.name(), replicas, ready, total, e.target(), config.tolerance());
    }
    HpaMetric.Pods p = (HpaMetric.Pods) m;
    return Hpa.podsAverageValue(p.name(), replicas, samples(p, ctx, replicas, tickReplicas, config.readinessDelay()),
        p.targetAverageValue(), config.tolerance());
  }

  static List<Hpa.PodSample> samples(HpaMetric.Pods p, PolicyContext ctx, int replicas, int tickReplicas,
      Duration readinessDelay) {
    return pods(ctx, replicas, tickReplicas, readinessDelay, i -> p.source() == HpaMetric.PodSource.BUSY_SLOTS
        ? i.busySlots() : ctx.snapshot().valueOr(p.signalFor(i.id()), Double.NaN));
  }

  /**
   * The pods a sync sees: PENDING instances pending, RUNNING ones Ready once {@code readinessDelay}
   * after their launch (Running but not Ready before), DRAINING and TERMINATING ones being deleted;
   * replicas an earlier sync of this tick added are pending, and replicas it removed are taken from
   * the pending, then the not-ready, then the ready ones, as a ReplicaSet deletes them.
   */
  static List<Hpa.PodSample> pods(PolicyContext ctx, int replicas, int tickReplicas, Duration readinessDelay,
      ToDoubleFunction<Instance> value) {
    List<Hpa.PodSample> ready = new ArrayList<>();
    List<Hpa.PodSample> notReady = new ArrayList<>();
    List<Hpa.PodSample> pending = new ArrayList<>();
    List<Hpa.PodSample> ignored = new ArrayList<>();
    double delay = readinessDelay.toNanos() / 1e9;
    for (Instance i : ctx.fleet().instances()) {
      if (i.state() == InstanceState.PENDING) {
        pending.add(Hpa.PodSample.pending());
      } else if (i.state() == InstanceState.RUNNING) {
        double v = value.applyAsDouble(i);
        if (i.ageSeconds(ctx.now()) < delay) {
          notReady.add(Hpa.PodSample.notReady(v));
        } else {
          ready.add(Hpa.PodSample.ready(v));
        }
      } else {
        ignored.add(Hpa.PodSample.ignored());
      }
    }
    for (int k = tickReplicas; k < replicas; k++) {
      pending.add(Hpa.PodSample.pending());
    }
    for (int k = replicas; k < tickReplicas; k++) {
      List<Hpa.PodSample> from = !pending.isEmpty() ? pending : !notReady.isEmpty() ? notReady : ready;
      if (!from.isEmpty()) {
        from.remove(from.size() - 1);
      }
    }
    List<Hpa.PodSample> all = new ArrayList<>(ready);
    all.addAll(notReady);
    all.addAll(pending);
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
