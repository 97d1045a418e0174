package dev.governor.internal;

import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.state.InFlightLaunch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches launches in flight with the fleet the actuator reports, once per tick.
 *
 * <p>An instance belongs to a launch by id (from the actuator's result), else by the launch
 * token it carries. Nothing else is trusted: launch times come from the provider's clock, which
 * need not agree with ours. A launch whose instances cannot be told apart (no ids, no token) is
 * counted as coming until its time is up. One seen RUNNING or DRAINING has <em>arrived</em>;
 * one seen TERMINATING, or terminated by the controller, is <em>gone</em>.
 *
 * <p>A launch stays in flight for {@code timeout} (boot time plus grace) after it was applied,
 * unless all its instances are gone first. All that time, its instances the fleet does not list
 * (and that are not gone) count as {@link Result#unseen() unseen}: coming capacity. That covers a
 * view that lags, and one that lists an instance and then, being eventually consistent, not
 * again. Its first arrival makes it a launch that {@linkplain Result#worked() worked}; a launch
 * whose time is up with no arrival {@linkplain Result#failed() failed}. An arrival is kept when
 * the instance goes later (scaled in, interrupted): the launch did run. A launch all of whose
 * instances the controller itself terminated before any arrived gets no verdict: it is dropped,
 * neither worked nor failed (the controller took it back; that says nothing about launching).
 */
public final class LaunchTracker {
  private static final Result NONE = new Result(List.of(), 0, List.of(), List.of());

  private LaunchTracker() {}

  /**
   * @param inFlight launches still in flight, oldest first
   * @param unseen their instances the fleet does not list (and that are not gone)
   * @param worked launches whose first instance arrived this tick
   * @param failed launches whose time ran out this tick with no instance arrived
   */
  public record Result(List<InFlightLaunch> inFlight, int unseen, List<InFlightLaunch> worked,
      List<InFlightLaunch> failed) {}

  public static Result reconcile(List<InFlightLaunch> launches, Fleet fleet, Instant now, Duration timeout) {
    if (launches.isEmpty()) {
      return NONE;
    }
    Set<String> claimed = new HashSet<>();
    for (InFlightLaunch l : launches) {
      claimed.addAll(l.ids());
    }
    Map<String, List<String>> byToken = null; // built once, only if some launch still looks for its instances
    List<InFlightLaunch> still = new ArrayList<>(launches.size());
    List<InFlightLaunch> worked = new ArrayList<>(0);
    List<InFlightLaunch> failed = new ArrayList<>(0);
    long unseen = 0;
    for (InFlightLaunch l : launches) {
      Set<String> ids = new LinkedHashSet<>(l.ids());
      if (ids.size() < l.count()) {
        if (byToken == null) {
          byToken = tokens(fleet);
        }
        for (String id : byToken.getOrDefault(l.token(), List.of())) {
          if (ids.size() < l.count() && claimed.add(id)) {
            ids.add(id);
          }
        }
      }
      Set<String> seen = new LinkedHashSet<>(l.seen());
      Set<String> arrived = new LinkedHashSet<>(l.arrived());
      Set<String> gone = new LinkedHashSet<>(l.gone());
      int visible = 0;
      for (String id : ids) {
        Instance i = gone.contains(id) ? null : fleet.byId(id);
        if (i == null) {
          continue;
        }
        seen.add(id);
        switch (i.state()) {
          case RUNNING, DRAINING -> {
            arrived.add(id);
            visible++;
          }
          case PENDING -> visible++;
          case TERMINATING -> gone.add(id); // arrived stays: it did run
        }
      }
      InFlightLaunch next = new InFlightLaunch(l.token(), l.instanceType(), l.count(), l.at(), List.copyOf(ids),
          List.copyOf(seen), List.copyOf(arrived), List.copyOf(gone));
      if (l.arrived().isEmpty() && !arrived.isEmpty()) {
        worked.add(next);
      }
      boolean timedOut = !now.isBefore(l.at().plus(timeout));
      if (timedOut || gone.size() >= l.count()) {
        if (arrived.isEmpty() && l.arrived().isEmpty()) {
          failed.add(next);
        }
      } else {
        still.add(next);
        unseen += Math.max(0, l.count() - gone.size() - visible);
      }
    }
    return new Result(still, (int) Math.min(Integer.MAX_VALUE, unseen), worked, failed);
  }

  /**
   * Marks instances the controller terminated as gone: they are not coming. A launch left with
   * every instance gone and none arrived is dropped: the controller took it back before it could
   * run, which is no evidence that launching fails.
   */
  public static List<InFlightLaunch> terminated(List<InFlightLaunch> launches, Collection<String> ids) {
    if (launches.isEmpty() || ids.isEmpty()) {
      return launches;
    }
    List<InFlightLaunch> out = new ArrayList<>(launches.size());
    for (InFlightLaunch l : launches) {
      List<String> gone = null;
      for (String id : ids) {
        if (l.ids().contains(id) && !l.gone().contains(id)) {
          if (gone == null) {
            gone = new ArrayList<>(l.gone());
          }
          gone.add(id);
        }
      }
      if (gone == null) {
        out.add(l);
      } else if (gone.size() < l.count() || !l.arrived().isEmpty()) {
        out.add(new InFlightLaunch(l.token(), l.instanceType(), l.count(), l.at(), l.ids(), l.seen(), l.arrived(), gone));
      }
    }
    return List.copyOf(out);
  }

  private static Map<String, List<String>> tokens(Fleet fleet) {
    Map<String, List<String>> m = new HashMap<>();
    for (Instance i : fleet.instances()) {
      if (i.launchToken() != null) {
        m.computeIfAbsent(i.launchToken(), k -> new ArrayList<>()).add(i.id());
      }
    }
    return m;
  }
}
