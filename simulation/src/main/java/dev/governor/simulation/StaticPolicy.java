package dev.governor.simulation;

import dev.governor.fleet.JobClass;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import java.util.Collection;
import java.util.Set;

/** A fixed fleet, what many teams run: always the same number of instances, whatever the load. */
public final class StaticPolicy implements ScalingPolicy {
  public static final String NAME = "static";
  private final int instances;

  public StaticPolicy(int instances) {
    if (instances < 0) {
      throw new IllegalArgumentException("instances must be >= 0, but was " + instances);
    }
    this.instances = instances;
  }

  public int instances() {
    return instances;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Proposal propose(PolicyContext context) {
    return Proposal.of(instances, Reason.of(NAME, "fixed fleet of " + instances));
  }

  /** Reads no signal, so none can be stale. */
  @Override
  public Set<String> requiredSignals(Collection<JobClass> jobClasses) {
    return Set.of();
  }
}
