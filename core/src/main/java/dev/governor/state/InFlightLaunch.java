package dev.governor.state;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A launch the controller applied less than its boot time plus a grace period ago. Until then,
 * its instances the fleet does not list count as pending: a lost response, a lagging fleet view
 * or a restart cannot make the controller launch the same capacity twice. Part of the saved
 * {@link ControllerState}.
 *
 * <p>Its instances are found in the fleet by id (from the actuator's result), else by the launch
 * token they carry ({@code Instance.launchToken()}).
 *
 * <p>Immutable: the lists are unmodifiable copies.
 *
 * @param token the launch's idempotency token (not blank)
 * @param instanceType the type it launched (not blank)
 * @param count new instances it may have started (&gt; 0)
 * @param at when it was applied (the tick's time)
 * @param ids instances known to be its own: distinct, at most {@code count}
 * @param seen those of {@code ids} the fleet has listed at least once
 * @param arrived those of {@code ids} seen RUNNING (or DRAINING: booted) at least once; kept when
 *     they go later (the launch did run)
 * @param gone those of {@code ids} seen TERMINATING or terminated by the controller
 */
public record InFlightLaunch(String token, String instanceType, int count, Instant at, List<String> ids,
    List<String> seen, List<String> arrived, List<String> gone) {
  /**
   * Validates the launch and copies the lists.
   *
   * @param token the launch's idempotency token
   * @param instanceType the type it launched
   * @param count new instances it may have started
   * @param at when it was applied
   * @param ids instances known to be its own
   * @param seen those of {@code ids} the fleet has listed at least once
   * @param arrived those of {@code ids} seen booted at least once
   * @param gone those of {@code ids} seen terminating or terminated by the controller
   * @throws NullPointerException if an argument, or an element of a list, is null
   * @throws IllegalArgumentException if {@code token} or {@code instanceType} is blank,
   *     {@code count <= 0}, {@code ids} has duplicates or more than {@code count} elements,
   *     or {@code seen}, {@code arrived} or {@code gone} names an id not in {@code ids}
   */
  public InFlightLaunch {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(instanceType, "instanceType");
    Objects.requireNonNull(at, "at");
    ids = List.copyOf(ids);
    seen = List.copyOf(seen);
    arrived = List.copyOf(arrived);
    gone = List.copyOf(gone);
    String where = "in-flight launch " + token;
    if (token.isBlank()) {
      throw new IllegalArgumentException("in-flight launch token must not be blank");
    }
    if (instanceType.isBlank()) {
      throw new IllegalArgumentException(where + ": instanceType must not be blank");
    }
    if (count <= 0) {
      throw new IllegalArgumentException(where + ": count must be > 0, but was " + count);
    }
    Set<String> known = new HashSet<>(ids);
    if (known.size() != ids.size() || ids.size() > count) {
      throw new IllegalArgumentException(where + ": ids must be distinct and at most count (" + count + "), but were " + ids);
    }
    subset(where, "seen", seen, known);
    subset(where, "arrived", arrived, known);
    subset(where, "gone", gone, known);
  }

  private static void subset(String where, String field, List<String> l, Set<String> known) {
    for (String id : l) {
      if (!known.contains(id)) {
        throw new IllegalArgumentException(where + ": " + field + " must name only its ids, but had " + id);
      }
    }
  }

  /**
   * A launch applied now, nothing of it seen yet.
   *
   * @param token the launch's idempotency token (not blank)
   * @param instanceType the type it launched (not blank)
   * @param count new instances it may have started (&gt; 0)
   * @param at when it was applied (the tick's time)
   * @param ids its instances as the actuator reported them (possibly none; at most {@code count})
   * @return the launch, with {@code seen}, {@code arrived} and {@code gone} empty
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as for the canonical constructor
   */
  public static InFlightLaunch started(String token, String instanceType, int count, Instant at, List<String> ids) {
    return new InFlightLaunch(token, instanceType, count, at, ids, List.of(), List.of(), List.of());
  }

  /**
   * The same launch {@code d} later (a clock step re-anchors it with the history).
   *
   * @param d how far to move {@code at} (negative: earlier)
   * @return a copy with {@code at + d}
   */
  public InFlightLaunch shifted(Duration d) {
    return new InFlightLaunch(token, instanceType, count, at.plus(d), ids, seen, arrived, gone);
  }
}
