package dev.governor.policy.baseline;

import java.util.List;

/** A metric spec of an {@link HpaConfig}: an {@link External} or a {@link Pods} metric. */
public sealed interface HpaMetric permits HpaMetric.External, HpaMetric.Pods {
  /**
   * The metric's name, shown in reasons.
   *
   * @return the name
   */
  String name();

  /** The {@code target.type} of a metric spec. */
  enum TargetType {
    /** {@code Value}: the total against the target; outside the tolerance {@code ceil(total ÷ target × ready pods)}. */
    VALUE,
    /** {@code AverageValue}: the total per replica; outside the tolerance {@code ceil(total ÷ target)}. */
    AVERAGE_VALUE
  }

  /**
   * An External metric: the sum of the named signals (e.g. {@code queue.uploads.visible}, as a
   * CloudWatch metrics adapter serves ApproximateNumberOfMessagesVisible). A missing or stale
   * signal makes the metric fail for that sync.
   *
   * @param name metric name; not null
   * @param signals the signal names summed into the metric's value; at least one
   * @param targetType Value or AverageValue
   * @param target the target (per replica for AverageValue), in the signals' unit, &gt; 0
   */
  record External(String name, List<String> signals, TargetType targetType, double target) implements HpaMetric {
    /**
     * Validates the metric and copies {@code signals}.
     *
     * @param name metric name; not null
     * @param signals the signal names summed into the metric's value; at least one
     * @param targetType Value or AverageValue
     * @param target the target (per replica for AverageValue), in the signals' unit, &gt; 0
     * @throws IllegalArgumentException if {@code name}, {@code signals} or {@code targetType} is
     *     null, {@code signals} is empty, or {@code target} is not positive and finite
     */
    public External {
      Check.notNull("name", name);
      signals = List.copyOf(Check.notNull("signals", signals));
      if (signals.isEmpty()) {
        throw new IllegalArgumentException("signals must not be empty");
      }
      Check.notNull("targetType", targetType);
      Check.positive("target", target);
    }
  }

  /** Where a per-pod value comes from. */
  enum PodSource {
    /** {@code Instance.busySlots()}: never missing for a running instance. */
    BUSY_SLOTS,
    /** The reading {@code instance.<id>.<name>}; a missing or stale one is a missing pod metric. */
    SIGNAL
  }

  /**
   * A Pods metric with an AverageValue target. RUNNING instances are ready pods, PENDING ones are
   * not ready, DRAINING and TERMINATING ones are being deleted (ignored). A RUNNING instance is
   * Running but not Ready during the config's {@code readinessDelay}.
   *
   * @param name metric name; with {@link PodSource#SIGNAL} also the last part of the per-instance
   *     signal name
   * @param source where each instance's value comes from
   * @param targetAverageValue the AverageValue target per pod, &gt; 0
   */
  record Pods(String name, PodSource source, double targetAverageValue) implements HpaMetric {
    /**
     * Validates the metric.
     *
     * @param name metric name; with {@link PodSource#SIGNAL} also the last part of the per-instance
     *     signal name
     * @param source where each instance's value comes from
     * @param targetAverageValue the AverageValue target per pod, &gt; 0
     * @throws IllegalArgumentException if {@code name} or {@code source} is null, or
     *     {@code targetAverageValue} is not positive and finite
     */
    public Pods {
      Check.notNull("name", name);
      Check.notNull("source", source);
      Check.positive("targetAverageValue", targetAverageValue);
    }

    /**
     * The signal name of an instance's value when {@link PodSource#SIGNAL}.
     *
     * @param instanceId the instance's id
     * @return {@code instance.<instanceId>.<name>}
     */
    public String signalFor(String instanceId) {
      return "instance." + instanceId + "." + name;
    }
  }
}
