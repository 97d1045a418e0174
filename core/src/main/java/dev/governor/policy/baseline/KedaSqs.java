package dev.governor.policy.baseline;

import java.time.Duration;
import java.time.Instant;

/**
 * The pure core of the KEDA {@code aws-sqs-queue} scaler and of the KEDA operator's 0 ↔ 1
 * activation; scaling between 1 and N is the HPA's ({@link Hpa}), fed an External metric with an
 * AverageValue target of {@code queueLength}.
 *
 * <p>Source: KEDA documentation "AWS SQS Queue" scaler and "ScaledObject specification";
 * {@code pkg/scalers/aws_sqs_queue_scaler.go} (queue length = ApproximateNumberOfMessages +
 * ApproximateNumberOfMessagesNotVisible if {@code scaleOnInFlight} (default true) +
 * ApproximateNumberOfMessagesDelayed if {@code scaleOnDelayed} (default false); active when the
 * length is above {@code activationQueueLength}, default 0; {@code queueLength} default 5),
 * {@code pkg/scaling/executor/scale_scaledobjects.go} (activation, cooldown) and
 * {@code pkg/fallback/fallback.go} (fallback: after more than {@code failureThreshold} failed
 * reads in a row the metric becomes {@code replicas × target}, so the HPA computes
 * {@code replicas}).
 */
public final class KedaSqs {
  private KedaSqs() {}

  /** {@code fallback.behavior}: which replica count a fallback stands for. */
  public enum FallbackBehavior {
    /** {@code static} (default): {@code fallback.replicas}. */
    STATIC,
    /** {@code currentReplicas}: the current replicas (no change). */
    CURRENT_REPLICAS,
    /** {@code currentReplicasIfHigher}: {@code max(current, fallback.replicas)}. */
    CURRENT_REPLICAS_IF_HIGHER,
    /** {@code currentReplicasIfLower}: {@code min(current, fallback.replicas)}. */
    CURRENT_REPLICAS_IF_LOWER
  }

  /**
   * The queue length the scaler reports:
   * {@code visible + (scaleOnInFlight ? inFlight : 0) + (scaleOnDelayed ? delayed : 0)}.
   *
   * @param visible ApproximateNumberOfMessages, messages
   * @param inFlight ApproximateNumberOfMessagesNotVisible, messages
   * @param delayed ApproximateNumberOfMessagesDelayed, messages
   * @param scaleOnInFlight whether in-flight messages count (KEDA default true)
   * @param scaleOnDelayed whether delayed messages count (KEDA default false)
   * @return the queue length, messages
   */
  public static long queueLength(long visible, long inFlight, long delayed, boolean scaleOnInFlight,
      boolean scaleOnDelayed) {
    return visible + (scaleOnInFlight ? inFlight : 0) + (scaleOnDelayed ? delayed : 0);
  }

  /**
   * A trigger is active when its queue length is above {@code activationQueueLength} (strictly).
   *
   * @param queueLength the trigger's queue length, messages
   * @param activationQueueLength the activation threshold, messages (KEDA default 0)
   * @return {@code queueLength > activationQueueLength}
   */
  public static boolean isActive(long queueLength, long activationQueueLength) {
    return queueLength > activationQueueLength;
  }

  /**
   * The HPA's minReplicas KEDA creates: minReplicaCount, or 1 when it is 0 (0 ↔ 1 is the operator's).
   *
   * @param minReplicaCount the ScaledObject's minReplicaCount
   * @return {@code minReplicaCount > 0 ? minReplicaCount : 1}
   */
  public static int hpaMinReplicas(int minReplicaCount) {
    return minReplicaCount > 0 ? minReplicaCount : 1;
  }

  /**
   * The replicas the fallback stands for ({@code doFallback}).
   *
   * @param behavior the fallback behavior
   * @param fallbackReplicas {@code fallback.replicas}
   * @param currentReplicas the scale target's current replicas
   * @return the replicas, by {@link FallbackBehavior}
   */
  public static int fallbackReplicas(FallbackBehavior behavior, int fallbackReplicas, int currentReplicas) {
    return switch (behavior) {
      case STATIC -> fallbackReplicas;
      case CURRENT_REPLICAS -> currentReplicas;
      case CURRENT_REPLICAS_IF_HIGHER -> Math.max(currentReplicas, fallbackReplicas);
      case CURRENT_REPLICAS_IF_LOWER -> Math.min(currentReplicas, fallbackReplicas);
    };
  }

  /**
   * The metric value a fallback reports: {@code replicas × int64(target)}, so that an AverageValue
   * HPA computes {@code replicas}.
   *
   * @param replicas the replicas the fallback stands for
   * @param targetAverageValue the trigger's AverageValue target (its queueLength); truncated to an integer
   * @return the metric value, messages
   */
  public static double fallbackMetric(int replicas, double targetAverageValue) {
    return (double) replicas * (long) targetAverageValue;
  }

  /**
   * What the operator's loop sees.
   *
   * @param active some trigger is active
   * @param error some trigger failed to read
   * @param fallbackReplicas fallback.replicas, or null without a fallback
   * @param current the scale target's replicas
   * @param minReplicaCount the ScaledObject's minReplicaCount, &gt;= 0
   * @param lastActiveTime when a trigger was last active, or null
   * @param createdAt when the ScaledObject was created
   * @param cooldownPeriod how long after the last activity it scales to 0 (KEDA default 300 s)
   * @param initialCooldownPeriod how long after creation it may first scale to 0 while never active
   *     (KEDA default 0 s)
   * @param now the time of this check
   */
  public record OperatorInputs(boolean active, boolean error, Integer fallbackReplicas, int current, int minReplicaCount,
      Instant lastActiveTime, Instant createdAt, Duration cooldownPeriod, Duration initialCooldownPeriod, Instant now) {}

  /**
   * The operator's decision.
   *
   * @param replicas the replicas it sets, or -1 when it leaves them to the HPA
   * @param markActive whether it updates LastActiveTime to now
   * @param reason what happened
   */
  public record OperatorDecision(int replicas, boolean markActive, String reason) {}

  /**
   * {@code RequestScale}: activation from 0, deactivation to 0 after the cooldown. Active: at 0
   * replicas activate to {@code max(1, minReplicaCount)}, else leave it to the HPA and mark active
   * (unless a trigger failed). Inactive: with a failure and a non-zero fallback, or a failure and
   * no fallback, change nothing; with replicas and {@code minReplicaCount = 0}, go to 0 once
   * {@code lastActiveTime + cooldownPeriod} (never active: {@code createdAt +
   * initialCooldownPeriod}) is strictly before now; below minReplicaCount, set it.
   *
   * @param in what the operator sees
   * @return the operator's decision
   */
  public static OperatorDecision operator(OperatorInputs in) {
    int min = in.minReplicaCount();
    if (in.active()) {
      if (in.current() == 0) {
        int to = min > 0 ? min : 1;
        return new OperatorDecision(to, true, "active with 0 replicas: activate to " + to);
      }
      if (in.error()) {
        return new OperatorDecision(-1, false, "active, but some triggers failed");
      }
      return new OperatorDecision(-1, true, "active: HPA scales");
    }
    if (in.error() && in.fallbackReplicas() != null && in.fallbackReplicas() != 0) {
      return new OperatorDecision(-1, false, "triggers failing: waiting for the fallback after failureThreshold");
    }
    if (in.error() && in.fallbackReplicas() == null) {
      return new OperatorDecision(-1, false, "triggers failing and no fallback: no change");
    }
    if (in.current() > 0 && min == 0) {
      boolean cooled = in.lastActiveTime() == null
          ? in.createdAt().plus(in.initialCooldownPeriod()).isBefore(in.now())
          : in.lastActiveTime().plus(in.cooldownPeriod()).isBefore(in.now());
      if (cooled) {
        return new OperatorDecision(0, false, "inactive past cooldownPeriod " + in.cooldownPeriod().toSeconds()
            + " s: deactivate to 0");
      }
      return new OperatorDecision(-1, false, "inactive, cooling down since " + in.lastActiveTime());
    }
    if (in.current() < min) {
      return new OperatorDecision(min, false, "inactive below minReplicaCount: set to " + min);
    }
    return new OperatorDecision(-1, false, "inactive: no change");
  }
}
