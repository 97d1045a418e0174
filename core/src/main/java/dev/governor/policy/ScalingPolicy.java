package dev.governor.policy;

import dev.governor.fleet.JobClass;
import java.util.Collection;
import java.util.Set;

/**
 * Decides how many instances the fleet should have. Called once per tick with everything the
 * controller knows; must not read a clock or call out. A policy may keep state between ticks
 * (stabilisation windows, alarm datapoints), updated only in {@link #propose}.
 */
public interface ScalingPolicy {
  /** Registry name, e.g. {@code governor}, {@code target-tracking}. */
  String name();

  Proposal propose(PolicyContext context);

  /**
   * Signals this policy cannot decide without; when any of them is stale or missing the
   * fail-safe guard forbids scale-in. Defaults to the visible depth of every job class.
   */
  default Set<String> requiredSignals(Collection<JobClass> jobClasses) {
    java.util.TreeSet<String> s = new java.util.TreeSet<>();
    for (JobClass c : jobClasses) {
      s.add(c.visibleSignal());
    }
    return s;
  }

  /**
   * Learns from the past before the first tick (e.g. 14 days of CloudWatch, or the trace before a
   * replay's window): forecasting policies use it so they do not start blind. Default: nothing.
   *
   * @param history past signals, by the conventional names of {@code SignalNames}
   * @param jobClasses the controller's job classes
   */
  default void warmStart(dev.governor.signal.SignalHistory history, Collection<JobClass> jobClasses) {}

  /** The largest of several proposals, as AWS and the HPA combine policies. */
  static ScalingPolicy maxOf(String name, ScalingPolicy... policies) {
    return new MaxPolicy(name, java.util.List.of(policies));
  }
}
