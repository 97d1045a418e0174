package dev.governor.policy;

import dev.governor.fleet.JobClass;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Composition: desired = max over members; the winner's reasons come first, then one line per
 * member. Required signals are the union of the members'.
 */
public final class MaxPolicy implements ScalingPolicy {
  private final String name;
  private final List<ScalingPolicy> members;

  public MaxPolicy(String name, List<ScalingPolicy> members) {
    this.name = Objects.requireNonNull(name, "name");
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException("members must not be empty");
    }
    this.members = List.copyOf(members);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Proposal propose(PolicyContext context) {
    Proposal best = null;
    ScalingPolicy winner = null;
    List<Reason> summary = new ArrayList<>();
    for (ScalingPolicy p : members) {
      Proposal pr = p.propose(context);
      summary.add(Reason.of(p.name(), "wants " + pr.desired()));
      if (best == null || pr.desired() > best.desired()) {
        best = pr;
        winner = p;
      }
    }
    List<Reason> reasons = new ArrayList<>();
    reasons.add(Reason.of(name, "max of members: " + winner.name() + " wins with " + best.desired()));
    reasons.addAll(best.reasons());
    reasons.addAll(summary);
    return new Proposal(best.desired(), reasons);
  }

  @Override
  public Set<String> requiredSignals(Collection<JobClass> jobClasses) {
    Set<String> s = new TreeSet<>();
    for (ScalingPolicy p : members) {
      s.addAll(p.requiredSignals(jobClasses));
    }
    return s;
  }

  @Override
  public void warmStart(dev.governor.signal.SignalHistory history, Collection<JobClass> jobClasses) {
    for (ScalingPolicy p : members) {
      p.warmStart(history, jobClasses);
    }
  }

  public List<ScalingPolicy> members() {
    return members;
  }
}
