package dev.governor.policy.baseline;

import java.util.List;

/** A metric spec of an {@link HpaConfig}. */
public sealed interface HpaMetric permits HpaMetric.External, HpaMetric.Pods {
  String name();

  enum TargetType { VALUE, AVERAGE_VALUE }

  /**
   * An External metric: the sum of the named signals (e.g. {@code queue.uploads.visible}, as a
   * CloudWatch metrics adapter serves ApproximateNumberOfMessagesVisible). A missing or stale
   * signal makes the metric fail for that sync.
   */
  record External(String name, List<String> signals, TargetType targetType, double target) implements HpaMetric {
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
   * not ready, DRAINING and TERMINATING ones are being deleted (ignored).
   */
  record Pods(String name, PodSource source, double targetAverageValue) implements HpaMetric {
    public Pods {
      Check.notNull("name", name);
      Check.notNull("source", source);
      Check.positive("targetAverageValue", targetAverageValue);
    }

    /** The signal name of an instance's value when {@link PodSource#SIGNAL}. */
    public String signalFor(String instanceId) {
      return "instance." + instanceId + "." + name;
    }
  }
}
