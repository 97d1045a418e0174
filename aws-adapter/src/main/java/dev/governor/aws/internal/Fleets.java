package dev.governor.aws.internal;

import dev.governor.aws.DrainDeadline;
import dev.governor.aws.PoolTags;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Turns what EC2 says about an instance into Governor's view of it. Shared by both actuators. */
public final class Fleets {
  private static final Logger LOG = LoggerFactory.getLogger(Fleets.class);

  private final List<InstanceType> types;
  private final DrainDeadline drainDeadline;
  private final Consumer<DrainDeadline.Overdue> onOverdue;
  private final Set<String> reportedOverdue = new java.util.HashSet<>();

  public Fleets(List<InstanceType> types, DrainDeadline drainDeadline, Consumer<DrainDeadline.Overdue> onOverdue) {
    this.types = List.copyOf(types);
    this.drainDeadline = drainDeadline;
    this.onOverdue = onOverdue;
  }

  public static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> m = new HashMap<>();
    for (Tag t : tags) {
      m.put(t.key(), t.value());
    }
    return m;
  }

  /** The configured type of that name, or one with the first type's slots and no price (an instance someone else launched into the pool). */
  public InstanceType type(String name) {
    for (InstanceType t : types) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    InstanceType first = types.get(0);
    return new InstanceType(name == null || name.isBlank() ? first.name() : name, first.slots(), 0, first.billing(),
        first.bootTime());
  }

  /**
   * Builds the instance, applying the draining tag and the busy report; {@code state} is the
   * state before draining is considered (PENDING, RUNNING or TERMINATING).
   */
  public Instance instance(String id, String typeName, InstanceState state, Instant launchedAt, Map<String, String> tags,
      Instant now) {
    InstanceType t = type(typeName);
    int busy = busySlots(tags, t.slots());
    InstanceState s = state;
    if (s == InstanceState.RUNNING && PoolTags.DRAINING.equals(tags.get(PoolTags.STATE))) {
      s = InstanceState.DRAINING;
      Instant since = parseInstant(tags.get(PoolTags.DRAINING_SINCE));
      if (busy > 0 && drainDeadline.isOverdue(since, now)) {
        if (reportedOverdue.add(id)) {
          LOG.warn("drain of {} overdue: draining since {}, still {} busy slot(s); rule {}", id, since, busy,
              drainDeadline.rule());
          onOverdue.accept(new DrainDeadline.Overdue(id, since, now, busy, drainDeadline.rule()));
        }
        if (drainDeadline.rule() == DrainDeadline.Rule.TERMINATE) {
          busy = 0;
        }
      }
    } else {
      reportedOverdue.remove(id);
    }
    return new Instance(id, t.name(), s, launchedAt, t.slots(), busy, t.hourlyPrice(), t.billing());
  }

  static int busySlots(Map<String, String> tags, int slots) {
    String v = tags.get(PoolTags.BUSY);
    if (v == null) {
      return 0;
    }
    try {
      return Math.max(0, Math.min(slots, Integer.parseInt(v.trim())));
    } catch (NumberFormatException e) {
      // A garbled report must not make a worker look idle: assume fully busy.
      return slots;
    }
  }

  public static Instant parseInstant(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
