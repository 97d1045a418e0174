package dev.governor.aws.internal;

import dev.governor.aws.DrainDeadline;
import dev.governor.aws.PoolTags;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Turns what EC2 says about an instance into Governor's view of it. Shared by both actuators.
 * Single-threaded, like the actuators: it remembers drains it has seen (see {@link DrainTimer}).
 */
public final class Fleets {
  private static final Logger LOG = LoggerFactory.getLogger(Fleets.class);

  private final List<InstanceType> types;
  private final DrainDeadline drainDeadline;
  private final Consumer<DrainDeadline.Overdue> onOverdue;
  private final Set<String> reportedOverdue = new java.util.HashSet<>();
  private final DrainTimer drainTimer;

  public Fleets(List<InstanceType> types, DrainDeadline drainDeadline, Consumer<DrainDeadline.Overdue> onOverdue) {
    this.types = List.copyOf(types);
    this.drainDeadline = drainDeadline;
    this.onOverdue = onOverdue;
    this.drainTimer = new DrainTimer(drainDeadline.deadline());
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

  /** Call at the start of every fleet read, with its time (drain deadlines run on it). */
  public void begin(Instant now) {
    drainTimer.advance(now);
  }

  /** Call at the end of every fleet read with the ids it listed: drains of instances gone are forgotten. */
  public void end(Collection<String> ids) {
    drainTimer.retainOnly(ids);
    reportedOverdue.retainAll(ids);
  }

  /**
   * Builds the instance, applying the draining tag, the busy report and the launch token;
   * {@code state} is the state before draining is considered (PENDING, RUNNING or TERMINATING).
   * Reads and remembers only: it changes nothing on AWS.
   */
  public Instance instance(String id, String typeName, InstanceState state, Instant launchedAt, Map<String, String> tags,
      Instant now) {
    InstanceType t = type(typeName);
    InstanceState s = state;
    if (s == InstanceState.RUNNING && PoolTags.DRAINING.equals(tags.get(PoolTags.STATE))) {
      s = InstanceState.DRAINING;
    }
    int busy = busySlots(tags, t.slots(), s);
    if (s == InstanceState.DRAINING) {
      Instant since = drainTimer.track(id, parseInstant(tags.get(PoolTags.DRAINING_SINCE)), now);
      if (busy > 0 && drainTimer.isOverdue(id)) {
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
      drainTimer.forget(id);
      reportedOverdue.remove(id);
    }
    String token = tags.get(PoolTags.LAUNCH_TOKEN);
    return new Instance(id, t.name(), s, launchedAt, t.slots(), busy, t.hourlyPrice(), t.billing(),
        token == null || token.isBlank() ? null : token);
  }

  /**
   * Busy slots from the worker's report. No report on a RUNNING or DRAINING instance means
   * unknown, and unknown is busy (its worker may be running jobs it has not reported yet): it is
   * drained, never terminated, until it reports 0. A booting or terminating instance without a
   * report is idle. A garbled report is fully busy.
   */
  static int busySlots(Map<String, String> tags, int slots, InstanceState state) {
    String v = tags.get(PoolTags.BUSY);
    if (v == null) {
      return state == InstanceState.RUNNING || state == InstanceState.DRAINING ? slots : 0;
    }
    try {
      return Math.max(0, Math.min(slots, Integer.parseInt(v.trim())));
    } catch (NumberFormatException e) {
      return slots;
    }
  }

  /** Whether the worker has explicitly reported no busy slots (what completing its lifecycle action needs). */
  public static boolean reportsIdle(Map<String, String> tags) {
    String v = tags.get(PoolTags.BUSY);
    if (v == null) {
      return false;
    }
    try {
      return Integer.parseInt(v.trim()) <= 0;
    } catch (NumberFormatException e) {
      return false;
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
