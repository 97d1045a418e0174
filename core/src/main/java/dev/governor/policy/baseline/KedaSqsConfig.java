package dev.governor.policy.baseline;

import java.time.Duration;
import java.util.List;

/**
 * A KEDA ScaledObject with one {@code aws-sqs-queue} trigger per job class. Immutable; build with
 * {@link #custom()}. Defaults are KEDA's: queueLength 5, activationQueueLength 0,
 * scaleOnInFlight true, scaleOnDelayed false, metricType AverageValue, minReplicaCount 0,
 * maxReplicaCount 100, cooldownPeriod 300 s, initialCooldownPeriod 0 s, no fallback, no HPA
 * {@code behavior} (so the HPA's legacy behaviour). The operator's check runs once per tick (its
 * pollingInterval, 30 s by default, is shorter than a 60 s tick; the result is the same for one
 * reading); the HPA syncs every {@code syncPeriod} as in {@link HpaConfig}.
 *
 * @param name policy name
 * @param classes the job classes with a trigger; empty means every class
 * @param queueLength target messages per replica (the HPA's AverageValue)
 * @param activationQueueLength activation threshold
 * @param scaleOnInFlight count in-flight messages
 * @param scaleOnDelayed count delayed messages
 * @param metricType AVERAGE_VALUE (default) or VALUE
 * @param minReplicaCount minReplicaCount
 * @param maxReplicaCount maxReplicaCount
 * @param cooldownPeriod cooldownPeriod (only for scaling to 0)
 * @param initialCooldownPeriod initialCooldownPeriod
 * @param fallback the fallback, or null
 * @param hpaBehavior advanced.horizontalPodAutoscalerConfig.behavior, or null
 * @param tolerance the HPA controller's tolerance
 * @param syncPeriod the HPA controller's sync period
 */
public record KedaSqsConfig(String name, List<String> classes, long queueLength, long activationQueueLength,
    boolean scaleOnInFlight, boolean scaleOnDelayed, HpaMetric.TargetType metricType, int minReplicaCount,
    int maxReplicaCount, Duration cooldownPeriod, Duration initialCooldownPeriod, Fallback fallback,
    HpaConfig.Behavior hpaBehavior, Hpa.Tolerance tolerance, Duration syncPeriod) {
  public static final long DEFAULT_QUEUE_LENGTH = 5;
  public static final long DEFAULT_ACTIVATION_QUEUE_LENGTH = 0;
  public static final int DEFAULT_MAX_REPLICA_COUNT = 100;
  public static final Duration DEFAULT_COOLDOWN_PERIOD = Duration.ofSeconds(300);

  /**
   * {@code spec.fallback}: after more than {@code failureThreshold} failures in a row, the HPA is
   * fed the metric of {@code replicas} (adjusted by {@code behavior}). Only with AverageValue.
   */
  public record Fallback(int failureThreshold, int replicas, KedaSqs.FallbackBehavior behavior) {
    public Fallback {
      Check.atLeast("fallback.failureThreshold", failureThreshold, 0);
      Check.atLeast("fallback.replicas", replicas, 0);
      behavior = behavior == null ? KedaSqs.FallbackBehavior.STATIC : behavior;
    }
  }

  public KedaSqsConfig {
    Check.notNull("name", name);
    classes = List.copyOf(Check.notNull("classes", classes));
    Check.atLeast("queueLength", queueLength, 1);
    Check.atLeast("activationQueueLength", activationQueueLength, 0);
    Check.notNull("metricType", metricType);
    Check.atLeast("minReplicaCount", minReplicaCount, 0);
    if (maxReplicaCount < Math.max(1, minReplicaCount)) {
      throw new IllegalArgumentException("maxReplicaCount must be >= max(1, minReplicaCount) (" + Math.max(1,
          minReplicaCount) + "), but was " + maxReplicaCount);
    }
    Check.nonNegative("cooldownPeriod", cooldownPeriod);
    Check.nonNegative("initialCooldownPeriod", initialCooldownPeriod);
    Check.notNull("tolerance", tolerance);
    Check.positive("syncPeriod", syncPeriod);
  }

  public static Builder custom() {
    return new Builder();
  }

  public static final class Builder {
    private String name = "keda-sqs";
    private List<String> classes = List.of();
    private long queueLength = DEFAULT_QUEUE_LENGTH;
    private long activation = DEFAULT_ACTIVATION_QUEUE_LENGTH;
    private boolean inFlight = true;
    private boolean delayed = false;
    private HpaMetric.TargetType metricType = HpaMetric.TargetType.AVERAGE_VALUE;
    private int min = 0;
    private int max = DEFAULT_MAX_REPLICA_COUNT;
    private Duration cooldown = DEFAULT_COOLDOWN_PERIOD;
    private Duration initialCooldown = Duration.ZERO;
    private Fallback fallback;
    private HpaConfig.Behavior behavior;
    private Hpa.Tolerance tolerance = Hpa.Tolerance.DEFAULT;
    private Duration sync = HpaConfig.DEFAULT_SYNC_PERIOD;

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder classes(List<String> v) {
      classes = v;
      return this;
    }

    public Builder queueLength(long v) {
      queueLength = v;
      return this;
    }

    public Builder activationQueueLength(long v) {
      activation = v;
      return this;
    }

    public Builder scaleOnInFlight(boolean v) {
      inFlight = v;
      return this;
    }

    public Builder scaleOnDelayed(boolean v) {
      delayed = v;
      return this;
    }

    public Builder metricType(HpaMetric.TargetType v) {
      metricType = v;
      return this;
    }

    public Builder minReplicaCount(int v) {
      min = v;
      return this;
    }

    public Builder maxReplicaCount(int v) {
      max = v;
      return this;
    }

    public Builder cooldownPeriod(Duration v) {
      cooldown = v;
      return this;
    }

    public Builder initialCooldownPeriod(Duration v) {
      initialCooldown = v;
      return this;
    }

    public Builder fallback(Fallback v) {
      fallback = v;
      return this;
    }

    public Builder hpaBehavior(HpaConfig.Behavior v) {
      behavior = v;
      return this;
    }

    public Builder tolerance(Hpa.Tolerance v) {
      tolerance = v;
      return this;
    }

    public Builder syncPeriod(Duration v) {
      sync = v;
      return this;
    }

    public KedaSqsConfig build() {
      return new KedaSqsConfig(name, classes, queueLength, activation, inFlight, delayed, metricType, min, max, cooldown,
          initialCooldown, fallback, behavior, tolerance, sync);
    }
  }
}
