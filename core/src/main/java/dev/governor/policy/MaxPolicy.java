package dev.governor.policy;

import dev.governor.fleet.JobClass;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Composition: {@code desired = max over members}; on a tie the member listed first wins. The
 * reasons are one line naming the winner, then the winner's own reasons, then one line per member
 * ({@code "wants n"}). Required signals are the union of the members', and a warm start is passed
 * to every member. Every member proposes every tick, so stateful members stay up to date. As
 * thread-safe as its members.
 */
public final class MaxPolicy implements ScalingPolicy {
  private final String name;
  private final List<ScalingPolicy> members;

  /**
   * A composite of {@code members}, in the order given.
   *
   * @param name the composite's name (not null)
   * @param members at least one policy, none null (the list is copied)
   * @throws IllegalArgumentException if {@code members} is null or empty
   * @throws NullPointerException if {@code name} or a member is null
   */
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

  /**
   * The members, in the order given.
   *
   * @return an unmodifiable list
   */
  public List<ScalingPolicy> members() {
    return members;
  }
}
