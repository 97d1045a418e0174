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
  /**
   * Registry name, e.g. {@code governor}, {@code target-tracking}; names the policy in reasons,
   * reports and the simulator's CLI.
   *
   * @return the policy's name
   */
  String name();

  /**
   * Decides this tick's desired capacity. Called once per tick, ticks one after another. "Not
   * enough data yet" is a proposal to hold (see {@link Proposal#hold}), not an exception; an
   * exception (or a null proposal) is caught by the controller, which then holds the current
   * capacity and reports the error.
   *
   * @param context everything the controller knows this tick
   * @return the desired number of instances (RUNNING + PENDING) and the reasons for it
   */
  Proposal propose(PolicyContext context);

  /**
   * Signals this policy cannot decide without; when any of them is stale or missing the
   * fail-safe guard forbids scale-in. Defaults to the visible depth of every job class.
   *
   * @param jobClasses the controller's job classes
   * @return the signal names, e.g. {@code queue.uploads.visible} (the default returns a sorted set)
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

  /**
   * What this policy has learned that a restart or a failover should not lose, as a JSON document
   * that {@link #restoreState} of a policy of the same kind reads back. The controller saves it
   * with its state after every tick. Default: null, nothing to save (the policy learns online, or
   * from {@link #warmStart}, again).
   *
   * @return the state as JSON, or null when the policy keeps nothing worth saving
   */
  default String saveState() {
    return null;
  }

  /**
   * Replaces what this policy has learned by a state {@link #saveState} returned, all or nothing:
   * a document that is not valid leaves the policy as it was and throws. The controller calls it
   * when it starts (before {@link #warmStart}; a warm start then adds only the history after the
   * save) and when it takes over the lease of another controller. Default: ignores the state.
   *
   * @param state a JSON document from {@link #saveState} (not null)
   * @throws IllegalArgumentException if the document is not a state of this kind of policy, or a
   *     value in it breaks a rule (the message names the field, the rule and the value)
   */
  default void restoreState(String state) {}

  /**
   * The largest of several proposals, as AWS and the HPA combine policies: a {@link MaxPolicy}.
   *
   * @param name the composite's name (not null)
   * @param policies its members, at least one, none null
   * @return a policy whose desired capacity is the largest of its members'
   * @throws IllegalArgumentException if {@code policies} is empty
   * @throws NullPointerException if {@code name} or a member is null
   */
  static ScalingPolicy maxOf(String name, ScalingPolicy... policies) {
    return new MaxPolicy(name, java.util.List.of(policies));
  }
}
