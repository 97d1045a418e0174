package dev.governor.policy.baseline;

import dev.governor.fleet.JobClass;
import dev.governor.policy.ScalingPolicy;
import dev.governor.signal.SignalNames;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The named baselines, each created from a few scenario parameters ({@link Params}) with the
 * configuration a team would typically give the original. Every name maps to a fresh policy
 * (policies keep state). An unknown name fails with the list of known names.
 *
 * <p>From the parameters, {@code B} = the backlog one instance clears within the deadline,
 * {@code deadline ÷ service time × slots} (AWS's "acceptable backlog per instance" = acceptable
 * latency ÷ processing time per message, with {@code slots} messages processed at once):
 *
 * <ul>
 *   <li>{@code target-tracking}: one target tracking policy on backlog per instance (Σ visible ÷
 *       in-service), target {@code B}; AWS defaults (3 of 3 / 15 of 15, warmup 300 s); the minimum
 *       is raised to 1 because backlog per instance has no datapoint without an instance in
 *       service, so target tracking cannot scale out from 0.
 *   <li>{@code step}: step scaling on backlog per instance as a user-published metric (visible ÷
 *       max(1, in service), so it can start from 0), PercentChangeInCapacity with
 *       MinAdjustmentMagnitude 1: out when {@code ≥ B} for 3 of 3 datapoints, +50 % below
 *       {@code 2B}, +100 % above; in when {@code ≤ B/2} for 15 of 15, −20 %; warmup 300 s.
 *   <li>{@code hpa}: an HPA with one External metric per class (the visible messages, as a
 *       CloudWatch metrics adapter serves them), AverageValue target {@code B}, no
 *       {@code behavior}; minReplicas = max(1, min).
 *   <li>{@code keda-sqs}: a ScaledObject with one aws-sqs-queue trigger per class, queueLength =
 *       max(1, floor(B)), KEDA's other defaults (in-flight counted, delayed not, activation 0,
 *       cooldown 300 s), minReplicaCount = min, maxReplicaCount = max.
 *   <li>{@code aws-predictive}: predictive scaling in ForecastAndScale mode, target load per
 *       instance = slots × {@value #PREDICTIVE_TARGET_UTILIZATION} busy slots, combined by max
 *       with the {@code target-tracking} policy above (AWS's recommended pairing; alone it would
 *       never scale in).
 *   <li>{@code static}: {@code max} instances, always.
 *   <li>{@code scheduled}: {@code max} instances Monday–Friday 08:00–20:00 UTC, {@code min}
 *       otherwise.
 * </ul>
 */
public final class Baselines {
  private Baselines() {}

  /**
   * The fraction of an instance's slots the {@code aws-predictive} baseline plans to keep busy:
   * 0.8, so its target load per instance is {@code 0.8 × slots}.
   */
  public static final double PREDICTIVE_TARGET_UTILIZATION = 0.8;

  /**
   * The common scenario parameters.
   *
   * @param slotsPerInstance jobs one instance runs at once, &gt;= 1
   * @param serviceTime the time one job takes, &gt; 0
   * @param deadline the acceptable queue wait, &gt; 0
   * @param minInstances the fleet minimum, instances, &gt;= 0
   * @param maxInstances the fleet maximum, instances, &gt;= max(1, minInstances)
   * @param tick the controller interval, &gt; 0
   * @param jobClasses the job classes (their queues); not empty
   */
  public record Params(int slotsPerInstance, Duration serviceTime, Duration deadline, int minInstances,
      int maxInstances, Duration tick, List<JobClass> jobClasses) {
    /**
     * Validates the parameters and copies {@code jobClasses}.
     *
     * @param slotsPerInstance jobs one instance runs at once, &gt;= 1
     * @param serviceTime the time one job takes, &gt; 0
     * @param deadline the acceptable queue wait, &gt; 0
     * @param minInstances the fleet minimum, instances, &gt;= 0
     * @param maxInstances the fleet maximum, instances, &gt;= max(1, minInstances)
     * @param tick the controller interval, &gt; 0
     * @param jobClasses the job classes (their queues); not empty
     * @throws IllegalArgumentException if a value is out of the range given for it above, or
     *     {@code jobClasses} is null or empty
     */
    public Params {
      Check.atLeast("slotsPerInstance", slotsPerInstance, 1);
      Check.positive("serviceTime", serviceTime);
      Check.positive("deadline", deadline);
      Check.minMax(minInstances, maxInstances);
      if (maxInstances < 1) {
        throw new IllegalArgumentException("maxInstances must be >= 1, but was " + maxInstances);
      }
      Check.positive("tick", tick);
      jobClasses = List.copyOf(Check.notNull("jobClasses", jobClasses));
      if (jobClasses.isEmpty()) {
        throw new IllegalArgumentException("jobClasses must not be empty");
      }
    }

    /**
     * Parameters from job classes: the longest service-time prior and the tightest deadline, a
     * conservative single target for every queue.
     *
     * @param classes the job classes; not empty
     * @param slotsPerInstance jobs one instance runs at once, &gt;= 1
     * @param min the fleet minimum, instances
     * @param max the fleet maximum, instances
     * @param tick the controller interval
     * @return the parameters
     * @throws IllegalArgumentException if {@code classes} is null or empty, or a value is out of range
     */
    public static Params forJobClasses(List<JobClass> classes, int slotsPerInstance, int min, int max, Duration tick) {
      Check.notNull("jobClasses", classes);
      if (classes.isEmpty()) {
        throw new IllegalArgumentException("jobClasses must not be empty");
      }
      Duration service = Duration.ZERO;
      Duration deadline = null;
      for (JobClass c : classes) {
        service = c.serviceTimePrior().compareTo(service) > 0 ? c.serviceTimePrior() : service;
        deadline = deadline == null || c.maxQueueWait().compareTo(deadline) < 0 ? c.maxQueueWait() : deadline;
      }
      return new Params(slotsPerInstance, service, deadline, min, max, tick, classes);
    }

    /**
     * The backlog one instance clears within the deadline, the target of the queue baselines.
     *
     * @return {@code B = deadline ÷ service time × slots}, messages per instance
     */
    public double targetBacklogPerInstance() {
      return seconds(deadline) / seconds(serviceTime) * slotsPerInstance;
    }
  }

  private static final Map<String, Function<Params, ScalingPolicy>> FACTORIES = new LinkedHashMap<>();

  static {
    FACTORIES.put("target-tracking", p -> new TargetTrackingPolicy(targetTracking(p)));
    FACTORIES.put("step", p -> new StepScalingPolicy(step(p)));
    FACTORIES.put("hpa", p -> new HpaPolicy(hpa(p)));
    FACTORIES.put("keda-sqs", p -> new KedaSqsPolicy(keda(p)));
    FACTORIES.put("aws-predictive", p -> AwsPredictivePolicy.withDynamic(predictive(p),
        new TargetTrackingPolicy(targetTracking(p))));
    FACTORIES.put("static", p -> new StaticPolicy("static", p.maxInstances()));
    FACTORIES.put("scheduled", p -> new ScheduledPolicy(new ScheduledPolicy.Config("scheduled",
        List.of(ScheduledCapacity.Rule.weekdays(LocalTime.of(8, 0), LocalTime.of(20, 0), p.maxInstances())),
        p.minInstances(), ZoneOffset.UTC)));
  }

  /**
   * The known names, in a stable order.
   *
   * @return {@code target-tracking, step, hpa, keda-sqs, aws-predictive, static, scheduled}
   */
  public static List<String> names() {
    return List.copyOf(FACTORIES.keySet());
  }

  /**
   * A new policy of the named baseline, configured from {@code params} as the class comment says.
   *
   * @param name one of {@link #names()}
   * @param params the scenario parameters
   * @return a fresh policy (with no state from earlier calls)
   * @throws IllegalArgumentException if {@code params} is null, or {@code name} is null or unknown
   *     (the message lists the known names)
   */
  public static ScalingPolicy create(String name, Params params) {
    Check.notNull("params", params);
    Function<Params, ScalingPolicy> f = name == null ? null : FACTORIES.get(name);
    if (f == null) {
      throw new IllegalArgumentException("unknown baseline '" + name + "'; known baselines: " + names());
    }
    return f.apply(params);
  }

  static TargetTrackingConfig targetTracking(Params p) {
    return TargetTrackingConfig.custom().name("target-tracking").minCapacity(Math.max(1, p.minInstances()))
        .maxCapacity(p.maxInstances()).backlogPerInstanceTarget(p.targetBacklogPerInstance()).build();
  }

  static StepScalingConfig step(Params p) {
    double b = p.targetBacklogPerInstance();
    return StepScalingConfig.custom().name("step").minCapacity(p.minInstances()).maxCapacity(p.maxInstances())
        .metric(QueueMetric.backlogPerInstance().withZeroInService(QueueMetric.ZeroInService.DIVIDE_BY_ONE))
        .policy(StepScalingConfig.Policy.step("scale-out", Alarm.above(b, 3, 3),
            StepScaling.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, 1,
            List.of(StepScaling.StepAdjustment.of(0.0, b, 50), StepScaling.StepAdjustment.of(b, null, 100))))
        .policy(StepScalingConfig.Policy.step("scale-in", Alarm.below(b / 2, 15, 15),
            StepScaling.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY, 1,
            List.of(StepScaling.StepAdjustment.of(null, 0.0, -20))))
        .build();
  }

  static HpaConfig hpa(Params p) {
    HpaConfig.Builder b = HpaConfig.custom().name("hpa").minReplicas(Math.max(1, p.minInstances()))
        .maxReplicas(p.maxInstances());
    for (JobClass c : p.jobClasses()) {
      b.metric(new HpaMetric.External("sqs-" + c.name() + "-visible", List.of(SignalNames.visible(c.name())),
          HpaMetric.TargetType.AVERAGE_VALUE, p.targetBacklogPerInstance()));
    }
    return b.build();
  }

  static KedaSqsConfig keda(Params p) {
    List<String> classes = new ArrayList<>();
    for (JobClass c : p.jobClasses()) {
      classes.add(c.name());
    }
    return KedaSqsConfig.custom().name("keda-sqs").classes(classes)
        .queueLength(Math.max(1, (long) Math.floor(p.targetBacklogPerInstance() + 1e-9)))
        .minReplicaCount(p.minInstances()).maxReplicaCount(p.maxInstances()).build();
  }

  static AwsPredictiveConfig predictive(Params p) {
    return AwsPredictiveConfig.custom().name("aws-predictive").mode(AwsPredictive.Mode.FORECAST_AND_SCALE)
        .targetLoadPerInstance(p.slotsPerInstance() * PREDICTIVE_TARGET_UTILIZATION).minCapacity(p.minInstances())
        .maxCapacity(p.maxInstances()).build();
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
