package dev.governor.policy.baseline;

import dev.governor.fleet.JobClass;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Capacity by time of week ({@link ScheduledCapacity}); stateless, reads no signal. */
public final class ScheduledPolicy implements ScalingPolicy {
  private final Config config;

  /**
   * The schedule.
   *
   * @param name policy name; not null
   * @param rules the rules, first match wins (copied; may be empty)
   * @param defaultCapacity capacity when no rule applies, instances, &gt;= 0
   * @param zone the time zone of the rules; null means UTC
   */
  public record Config(String name, List<ScheduledCapacity.Rule> rules, int defaultCapacity, ZoneId zone) {
    /**
     * Validates the schedule, copies {@code rules} and defaults {@code zone} to UTC.
     *
     * @param name policy name; not null
     * @param rules the rules, first match wins (copied; may be empty)
     * @param defaultCapacity capacity when no rule applies, instances, &gt;= 0
     * @param zone the time zone of the rules; null means UTC
     * @throws IllegalArgumentException if {@code name} or {@code rules} is null, or
     *     {@code defaultCapacity < 0}
     */
    public Config {
      Check.notNull("name", name);
      rules = List.copyOf(Check.notNull("rules", rules));
      Check.atLeast("defaultCapacity", defaultCapacity, 0);
      zone = zone == null ? ZoneOffset.UTC : zone;
    }
  }

  /**
   * A scheduled policy.
   *
   * @param config the schedule
   * @throws IllegalArgumentException if {@code config} is null
   */
  public ScheduledPolicy(Config config) {
    this.config = Check.notNull("config", config);
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public Proposal propose(PolicyContext ctx) {
    ScheduledCapacity.Match m = ScheduledCapacity.capacityAt(ctx.now(), config.rules(), config.defaultCapacity(),
        config.zone());
    return Proposal.of(m.capacity(), Reason.of(name(), m.explanation()));
  }

  @Override
  public Set<String> requiredSignals(Collection<JobClass> jobClasses) {
    return Set.of();
  }
}
