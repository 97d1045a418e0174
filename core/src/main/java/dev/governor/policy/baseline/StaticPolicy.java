package dev.governor.policy.baseline;

import dev.governor.fleet.JobClass;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import java.util.Collection;
import java.util.Set;

/** A fixed fleet of {@code instances}, what many teams run; reads no signal. */
public final class StaticPolicy implements ScalingPolicy {
  private final String name;
  private final int instances;

  /**
   * A fixed fleet.
   *
   * @param name policy name
   * @param instances the capacity it always proposes, &gt;= 0
   * @throws IllegalArgumentException if {@code name} is null or {@code instances < 0}
   */
  public StaticPolicy(String name, int instances) {
    this.name = Check.notNull("name", name);
    this.instances = Check.atLeast("instances", instances, 0);
  }

  /**
   * A fixed fleet named {@code static}.
   *
   * @param instances the capacity it always proposes, &gt;= 0
   * @throws IllegalArgumentException if {@code instances < 0}
   */
  public StaticPolicy(int instances) {
    this("static", instances);
  }

  /**
   * The fixed capacity.
   *
   * @return instances proposed on every tick
   */
  public int instances() {
    return instances;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Proposal propose(PolicyContext ctx) {
    return Proposal.of(instances, Reason.of(name, "fixed fleet of " + instances));
  }

  @Override
  public Set<String> requiredSignals(Collection<JobClass> jobClasses) {
    return Set.of();
  }
}
