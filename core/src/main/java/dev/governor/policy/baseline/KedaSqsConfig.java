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
 * @param name policy name; not null (builder default {@code keda-sqs})
 * @param classes the job classes with a trigger; empty (default) means every class
 * @param queueLength target messages per replica (the HPA's AverageValue), &gt;= 1 (default
 *     {@link #DEFAULT_QUEUE_LENGTH}, 5)
 * @param activationQueueLength activation threshold, messages, &gt;= 0: a trigger is active above it
 *     (default {@link #DEFAULT_ACTIVATION_QUEUE_LENGTH}, 0)
 * @param scaleOnInFlight count in-flight messages (default true)
 * @param scaleOnDelayed count delayed messages (default false)
 * @param metricType AVERAGE_VALUE (default) or VALUE
 * @param minReplicaCount minReplicaCount, &gt;= 0 (default 0)
 * @param maxReplicaCount maxReplicaCount, &gt;= max(1, minReplicaCount) (default
 *     {@link #DEFAULT_MAX_REPLICA_COUNT}, 100)
 * @param cooldownPeriod cooldownPeriod, &gt;= 0, only for scaling to 0 (default
 *     {@link #DEFAULT_COOLDOWN_PERIOD}, 300 s)
 * @param initialCooldownPeriod initialCooldownPeriod, &gt;= 0 (default 0 s)
 * @param fallback the fallback, or null (default)
 * @param hpaBehavior advanced.horizontalPodAutoscalerConfig.behavior, or null (default: legacy)
 * @param tolerance the HPA controller's tolerance (default {@link Hpa.Tolerance#DEFAULT}, 0.1)
 * @param syncPeriod the HPA controller's sync period, &gt; 0 (default
 *     {@link HpaConfig#DEFAULT_SYNC_PERIOD}, 15 s)
 */
public record KedaSqsConfig(String name, List<String> classes, long queueLength, long activationQueueLength,
    boolean scaleOnInFlight, boolean scaleOnDelayed, HpaMetric.TargetType metricType, int minReplicaCount,
    int maxReplicaCount, Duration cooldownPeriod, Duration initialCooldownPeriod, Fallback fallback,
    HpaConfig.Behavior hpaBehavior, Hpa.Tolerance tolerance, Duration syncPeriod) {
  /** The aws-sqs-queue scaler's default queueLength: 5 messages per replica. */
  public static final long DEFAULT_QUEUE_LENGTH = 5;
  /** The aws-sqs-queue scaler's default activationQueueLength: 0 messages. */
  public static final long DEFAULT_ACTIVATION_QUEUE_LENGTH = 0;
  /** KEDA's default maxReplicaCount: 100. */
  public static final int DEFAULT_MAX_REPLICA_COUNT = 100;
  /** KEDA's default cooldownPeriod: 300 s. */
  public static final Duration DEFAULT_COOLDOWN_PERIOD = Duration.ofSeconds(300);

  /**
   * {@code spec.fallback}: after more than {@code failureThreshold} failures in a row, the HPA is
   * fed the metric of {@code replicas} (adjusted by {@code behavior}). Only with AverageValue.
   *
   * @param failureThreshold failed reads in a row tolerated before the fallback, &gt;= 0
   * @param replicas {@code fallback.replicas}, &gt;= 0
   * @param behavior which replicas the fallback stands for; null means
   *     {@link KedaSqs.FallbackBehavior#STATIC}
   */
  public record Fallback(int failureThreshold, int replicas, KedaSqs.FallbackBehavior behavior) {
    /**
     * Validates the fallback and defaults {@code behavior}.
     *
     * @param failureThreshold failed reads in a row tolerated before the fallback, &gt;= 0
     * @param replicas {@code fallback.replicas}, &gt;= 0
     * @param behavior which replicas the fallback stands for; null means
     *     {@link KedaSqs.FallbackBehavior#STATIC}
     * @throws IllegalArgumentException if {@code failureThreshold} or {@code replicas} is negative
     */
    public Fallback {
      Check.atLeast("fallback.failureThreshold", failureThreshold, 0);
      Check.atLeast("fallback.replicas", replicas, 0);
      behavior = behavior == null ? KedaSqs.FallbackBehavior.STATIC : behavior;
    }
  }

  /**
   * Validates the config and copies {@code classes}.
   *
   * @param name policy name; not null (builder default {@code keda-sqs})
   * @param classes the job classes with a trigger; empty (default) means every class
   * @param queueLength target messages per replica (the HPA's AverageValue), &gt;= 1 (default
   *     {@link #DEFAULT_QUEUE_LENGTH}, 5)
   * @param activationQueueLength activation threshold, messages, &gt;= 0: a trigger is active above it
   *     (default {@link #DEFAULT_ACTIVATION_QUEUE_LENGTH}, 0)
   * @param scaleOnInFlight count in-flight messages (default true)
   * @param scaleOnDelayed count delayed messages (default false)
   * @param metricType AVERAGE_VALUE (default) or VALUE
   * @param minReplicaCount minReplicaCount, &gt;= 0 (default 0)
   * @param maxReplicaCount maxReplicaCount, &gt;= max(1, minReplicaCount) (default
   *     {@link #DEFAULT_MAX_REPLICA_COUNT}, 100)
   * @param cooldownPeriod cooldownPeriod, &gt;= 0, only for scaling to 0 (default
   *     {@link #DEFAULT_COOLDOWN_PERIOD}, 300 s)
   * @param initialCooldownPeriod initialCooldownPeriod, &gt;= 0 (default 0 s)
   * @param fallback the fallback, or null (default)
   * @param hpaBehavior advanced.horizontalPodAutoscalerConfig.behavior, or null (default: legacy)
   * @param tolerance the HPA controller's tolerance (default {@link Hpa.Tolerance#DEFAULT}, 0.1)
   * @param syncPeriod the HPA controller's sync period, &gt; 0 (default
   *     {@link HpaConfig#DEFAULT_SYNC_PERIOD}, 15 s)
   * @throws IllegalArgumentException if {@code name}, {@code classes}, {@code metricType} or
   *     {@code tolerance} is null, {@code queueLength < 1}, {@code activationQueueLength < 0},
   *     {@code minReplicaCount < 0}, {@code maxReplicaCount < max(1, minReplicaCount)}, a cooldown
   *     is null or negative, or {@code syncPeriod} is null or not positive
   */
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

  /**
   * A builder with KEDA's defaults, name {@code keda-sqs}, a trigger for every class.
   *
   * @return a new builder
   */
  public static Builder custom() {
    return new Builder();
  }

  /** Builds a {@link KedaSqsConfig}; not thread-safe. Each setter returns this builder. */
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

    /**
     * Sets the policy name.
     *
     * @param v the name (default {@code keda-sqs})
     * @return this builder
     */
    public Builder name(String v) {
      name = v;
      return this;
    }

    /**
     * Sets the job classes with a trigger.
     *
     * @param v class names; empty (default) means every class
     * @return this builder
     */
    public Builder classes(List<String> v) {
      classes = v;
      return this;
    }

    /**
     * Sets queueLength, the target messages per replica.
     *
     * @param v messages, &gt;= 1 (default 5)
     * @return this builder
     */
    public Builder queueLength(long v) {
      queueLength = v;
      return this;
    }

    /**
     * Sets activationQueueLength.
     *
     * @param v messages, &gt;= 0 (default 0)
     * @return this builder
     */
    public Builder activationQueueLength(long v) {
      activation = v;
      return this;
    }

    /**
     * Sets whether in-flight (not visible) messages count.
     *
     * @param v true to count them (default true)
     * @return this builder
     */
    public Builder scaleOnInFlight(boolean v) {
      inFlight = v;
      return this;
    }

    /**
     * Sets whether delayed messages count.
     *
     * @param v true to count them (default false)
     * @return this builder
     */
    public Builder scaleOnDelayed(boolean v) {
      delayed = v;
      return this;
    }

    /**
     * Sets the trigger's metricType.
     *
     * @param v AVERAGE_VALUE (default) or VALUE
     * @return this builder
     */
    public Builder metricType(HpaMetric.TargetType v) {
      metricType = v;
      return this;
    }

    /**
     * Sets minReplicaCount.
     *
     * @param v instances, &gt;= 0 (default 0)
     * @return this builder
     */
    public Builder minReplicaCount(int v) {
      min = v;
      return this;
    }

    /**
     * Sets maxReplicaCount.
     *
     * @param v instances, &gt;= max(1, minReplicaCount) (default 100)
     * @return this builder
     */
    public Builder maxReplicaCount(int v) {
      max = v;
      return this;
    }

    /**
     * Sets cooldownPeriod, the wait after the last activity before scaling to 0.
     *
     * @param v the period, &gt;= 0 (default 300 s)
     * @return this builder
     */
    public Builder cooldownPeriod(Duration v) {
      cooldown = v;
      return this;
    }

    /**
     * Sets initialCooldownPeriod, the wait after creation before a never-active object may scale to 0.
     *
     * @param v the period, &gt;= 0 (default 0 s)
     * @return this builder
     */
    public Builder initialCooldownPeriod(Duration v) {
      initialCooldown = v;
      return this;
    }

    /**
     * Sets the fallback.
     *
     * @param v the fallback, or null (default) for none
     * @return this builder
     */
    public Builder fallback(Fallback v) {
      fallback = v;
      return this;
    }

    /**
     * Sets the behavior of the HPA KEDA creates.
     *
     * @param v the behavior, or null (default) for the legacy normalisation
     * @return this builder
     */
    public Builder hpaBehavior(HpaConfig.Behavior v) {
      behavior = v;
      return this;
    }

    /**
     * Sets the HPA controller's tolerance.
     *
     * @param v the tolerance (default 0.1 each way)
     * @return this builder
     */
    public Builder tolerance(Hpa.Tolerance v) {
      tolerance = v;
      return this;
    }

    /**
     * Sets the HPA controller's sync period.
     *
     * @param v the period, &gt; 0 (default 15 s)
     * @return this builder
     */
    public Builder syncPeriod(Duration v) {
      sync = v;
      return this;
    }

    /**
     * Builds the config.
     *
     * @return the validated config
     * @throws IllegalArgumentException as {@link KedaSqsConfig}'s constructor does
     */
    public KedaSqsConfig build() {
      return new KedaSqsConfig(name, classes, queueLength, activation, inFlight, delayed, metricType, min, max, cooldown,
          initialCooldown, fallback, behavior, tolerance, sync);
    }
  }
}
