package dev.governor;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Sleep;
import dev.governor.action.Terminate;
import dev.governor.guard.GuardEffect;
import dev.governor.ha.Role;
import dev.governor.internal.Json;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.predict.Forecast;
import dev.governor.signal.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The explanation of one tick: what was seen, forecast, proposed, changed by guards, done, and
 * what came of it. Immutable (the constructor copies every collection); {@link #toJson()} writes
 * one JSON line and {@link #fromJson} reads it back to an equal report. Capacities are counts of
 * instances.
 *
 * @param at the tick's time, read once from the controller's clock
 * @param policy the policy's {@linkplain dev.governor.policy.ScalingPolicy#name() name}
 * @param running RUNNING instances before acting
 * @param pending PENDING instances before acting, including {@code inFlight}
 * @param draining DRAINING instances before acting
 * @param inFlight instances launched by earlier ticks that the fleet does not list yet (counted as pending)
 * @param readings every reading of the tick, sorted by name
 * @param stale required signals that were missing, stale or from the future (the fail-safe guard
 *     forbids scale-in while any is), sorted
 * @param forecasts forecast per predicted series (a signal name), at now + boot time + tick,
 *     sorted by series; a series without a forecast this tick is absent
 * @param proposal what the policy proposed (desired instances), with its reasons
 * @param guards what each guard changed, in chain order (unchanged guards left out)
 * @param desired the desired capacity after guards, in instances
 * @param action what was done: a launch, a termination (or drain), or a sleep with its reason
 * @param result what came of it: the actuator's status, the instance ids launched, terminated and
 *     drained, and its errors
 * @param errors what went wrong in the tick, each naming its stage ({@code signals: …}, {@code fleet: …},
 *     {@code clock: …}, {@code policy: …}, {@code guard <name>: …}, {@code actuator: …},
 *     {@code state: …}, {@code listener: …}); a tick with errors held or limited capacity as
 *     its guards explain, it never threw
 * @param role what the controller was in this tick: {@link Role#SINGLE} without leader election,
 *     else {@link Role#LEADER} (it held the lease) or {@link Role#STANDBY} (it acted on nothing)
 * @param epoch the leader epoch the tick ran under (a leader's own; a standby's is the epoch it saw
 *     the leader hold, 0 if none); 0 for {@link Role#SINGLE}
 */
public record TickReport(Instant at, String policy, int running, int pending, int draining, int inFlight,
    List<Reading> readings,
    Set<String> stale, Map<String, Forecast> forecasts, Proposal proposal, List<GuardEffect> guards, int desired,
    Action action, ActionResult result, List<String> errors, Role role, long epoch) {
  /**
   * Validates the report and copies its collections ({@code stale} and {@code forecasts} into
   * sorted, unmodifiable views).
   *
   * @param at the tick's time, read once from the controller's clock
   * @param policy the policy's {@linkplain dev.governor.policy.ScalingPolicy#name() name}
   * @param running RUNNING instances before acting
   * @param pending PENDING instances before acting, including {@code inFlight}
   * @param draining DRAINING instances before acting
   * @param inFlight instances launched by earlier ticks that the fleet does not list yet (counted as pending)
   * @param readings every reading of the tick, sorted by name
   * @param stale required signals that were missing, stale or from the future (the fail-safe guard
   *     forbids scale-in while any is), sorted
   * @param forecasts forecast per predicted series (a signal name), at now + boot time + tick,
   *     sorted by series; a series without a forecast this tick is absent
   * @param proposal what the policy proposed (desired instances), with its reasons
   * @param guards what each guard changed, in chain order (unchanged guards left out)
   * @param desired the desired capacity after guards, in instances
   * @param action what was done: a launch, a termination (or drain), or a sleep with its reason
   * @param result what came of it: the actuator's status, the instance ids launched, terminated and
   *     drained, and its errors
   * @param errors what went wrong in the tick, each naming its stage ({@code signals: …}, {@code fleet: …},
   *     {@code clock: …}, {@code policy: …}, {@code guard <name>: …}, {@code actuator: …},
   *     {@code state: …}, {@code listener: …}); a tick with errors held or limited capacity as
   *     its guards explain, it never threw
   * @param role what the controller was in this tick: {@link Role#SINGLE} without leader election,
   *     else {@link Role#LEADER} (it held the lease) or {@link Role#STANDBY} (it acted on nothing)
   * @param epoch the leader epoch the tick ran under (a leader's own; a standby's is the epoch it saw
   *     the leader hold, 0 if none); 0 for {@link Role#SINGLE}
   * @throws NullPointerException if {@code at}, {@code role}, {@code policy}, {@code proposal},
   *     {@code action}, {@code result} or one of the collections is null
   * @throws IllegalArgumentException if {@code epoch < 0}
   */
  public TickReport {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(role, "role");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, but was " + epoch);
    }
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(proposal, "proposal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(result, "result");
    readings = List.copyOf(readings);
    stale = java.util.Collections.unmodifiableSet(new TreeSet<>(stale));
    forecasts = java.util.Collections.unmodifiableMap(new TreeMap<>(forecasts));
    guards = List.copyOf(guards);
    errors = List.copyOf(errors);
  }

  /**
   * A report of a controller without leader election ({@link Role#SINGLE}, epoch 0).
   *
   * @param at the tick's time
   * @param policy the policy's name
   * @param running RUNNING instances before acting
   * @param pending PENDING instances before acting, including {@code inFlight}
   * @param draining DRAINING instances before acting
   * @param inFlight instances launched by earlier ticks that the fleet does not list yet
   * @param readings every reading of the tick, sorted by name
   * @param stale required signals that were missing, stale or from the future
   * @param forecasts forecast per predicted series
   * @param proposal what the policy proposed, with its reasons
   * @param guards what each guard changed, in chain order
   * @param desired the desired capacity after guards, in instances
   * @param action what was done
   * @param result what came of it
   * @param errors what went wrong in the tick, each naming its stage
   * @throws NullPointerException if a reference argument is null
   */
  public TickReport(Instant at, String policy, int running, int pending, int draining, int inFlight,
      List<Reading> readings, Set<String> stale, Map<String, Forecast> forecasts, Proposal proposal,
      List<GuardEffect> guards, int desired, Action action, ActionResult result, List<String> errors) {
    this(at, policy, running, pending, draining, inFlight, readings, stale, forecasts, proposal, guards, desired, action,
        result, errors, Role.SINGLE, 0);
  }

  /**
   * A report without launches in flight ({@code inFlight} 0) and without leader election (tests,
   * and reports built outside a controller).
   *
   * @param at the tick's time
   * @param policy the policy's name
   * @param running RUNNING instances before acting
   * @param pending PENDING instances before acting, including {@code inFlight}
   * @param draining DRAINING instances before acting
   * @param readings every reading of the tick, sorted by name
   * @param stale required signals that were missing, stale or from the future
   * @param forecasts forecast per predicted series
   * @param proposal what the policy proposed, with its reasons
   * @param guards what each guard changed, in chain order
   * @param desired the desired capacity after guards, in instances
   * @param action what was done
   * @param result what came of it
   * @param errors what went wrong in the tick, each naming its stage
   * @throws NullPointerException if a reference argument is null
   */
  public TickReport(Instant at, String policy, int running, int pending, int draining, List<Reading> readings,
      Set<String> stale, Map<String, Forecast> forecasts, Proposal proposal, List<GuardEffect> guards, int desired,
      Action action, ActionResult result, List<String> errors) {
    this(at, policy, running, pending, draining, 0, readings, stale, forecasts, proposal, guards, desired, action,
        result, errors);
  }

  /**
   * The effective capacity before acting, {@code current = running + pending} (pending includes the
   * launches in flight), capped at {@link Integer#MAX_VALUE}.
   *
   * @return instances running or coming
   */
  public int current() {
    return (int) Math.min(Integer.MAX_VALUE, (long) running + pending);
  }

  /**
   * The same report with {@code more} errors appended (failures found after it was built, such as
   * a listener that threw).
   *
   * @param more errors to append, each naming its stage
   * @return this report if {@code more} is empty, else a copy with them after the existing errors
   */
  public TickReport withErrors(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new ArrayList<>(errors);
    all.addAll(more);
    return new TickReport(at, policy, running, pending, draining, inFlight, readings, stale, forecasts, proposal, guards,
        desired, action, result, all, role, epoch);
  }

  /**
   * The same report with the role and epoch of the tick.
   *
   * @param role what the controller was in this tick
   * @param epoch the leader epoch the tick ran under, &gt;= 0
   * @return a copy with {@code role} and {@code epoch}
   * @throws NullPointerException if {@code role} is null
   * @throws IllegalArgumentException if {@code epoch < 0}
   */
  public TickReport withRole(Role role, long epoch) {
    return new TickReport(at, policy, running, pending, draining, inFlight, readings, stale, forecasts, proposal, guards,
        desired, action, result, errors, role, epoch);
  }

  /**
   * One line of text for logs:
   * {@code <at> <policy> <current>→<desired> <action> [<status>]}, then the role and epoch under
   * leader election, the policy's first reason ({@code because <source>: <message>}) and every
   * guard that changed the capacity ({@code ; <guard> <before>→<after>: <reason>}); the action is
   * {@code launch n [+ reactivate k]}, {@code terminate n [+ drain k]} or {@code sleep (<reason>)},
   * e.g. {@code 2024-05-06T12:03:00Z governor 10→14 launch 4 [OK]}.
   *
   * @return the summary, without line breaks of its own (reasons are written as they are)
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(at).append(' ').append(policy).append(' ').append(current()).append("→").append(desired).append(' ');
    if (action instanceof Launch l) {
      sb.append("launch ").append(l.count());
      if (!l.reactivate().isEmpty()) {
        sb.append(" + reactivate ").append(l.reactivate().size());
      }
    } else if (action instanceof Terminate t) {
      sb.append("terminate ").append(t.terminate().size());
      if (!t.drain().isEmpty()) {
        sb.append(" + drain ").append(t.drain().size());
      }
    } else if (action instanceof Sleep s) {
      sb.append("sleep (").append(s.reason()).append(')');
    }
    sb.append(" [").append(result.status()).append(']');
    if (role != Role.SINGLE) {
      sb.append(" (").append(role.name().toLowerCase(java.util.Locale.ROOT)).append(" epoch ").append(epoch).append(')');
    }
    if (!proposal.reasons().isEmpty()) {
      Reason r = proposal.reasons().get(0);
      sb.append(" because ").append(r.source()).append(": ").append(r.message());
    }
    for (GuardEffect g : guards) {
      sb.append("; ").append(g.guard()).append(' ').append(g.before()).append("→").append(g.after()).append(": ").append(g.reason());
    }
    return sb.toString();
  }

  /**
   * The whole report as one compact JSON object, no line breaks: every component under its name
   * ({@code role} in lower case, instants as ISO-8601), one JSON Lines record per tick.
   *
   * @return the JSON text, readable by {@link #fromJson}
   */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", at.toString());
    m.put("policy", policy);
    m.put("running", running);
    m.put("pending", pending);
    m.put("draining", draining);
    m.put("inFlight", inFlight);
    List<Object> rs = new ArrayList<>(readings.size());
    for (Reading r : readings) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", r.name());
      o.put("value", r.value());
      o.put("observedAt", r.observedAt().toString());
      rs.add(o);
    }
    m.put("readings", rs);
    m.put("stale", new ArrayList<>(stale));
    Map<String, Object> fs = new LinkedHashMap<>();
    forecasts.forEach((k, f) -> {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("at", f.at().toString());
      o.put("point", f.point());
      o.put("lower", f.lower());
      o.put("upper", f.upper());
      fs.put(k, o);
    });
    m.put("forecasts", fs);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("desired", proposal.desired());
    List<Object> reasons = new ArrayList<>();
    for (Reason r : proposal.reasons()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("source", r.source());
      o.put("message", r.message());
      reasons.add(o);
    }
    p.put("reasons", reasons);
    m.put("proposal", p);
    List<Object> gs = new ArrayList<>();
    for (GuardEffect g : guards) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("guard", g.guard());
      o.put("before", g.before());
      o.put("after", g.after());
      o.put("reason", g.reason());
      gs.add(o);
    }
    m.put("guards", gs);
    m.put("desired", desired);
    m.put("action", actionToMap(action));
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("status", result.status().name());
    res.put("launched", result.launched());
    res.put("terminated", result.terminated());
    res.put("drained", result.drained());
    res.put("errors", result.errors());
    m.put("result", res);
    m.put("errors", errors);
    m.put("role", role.name().toLowerCase(java.util.Locale.ROOT));
    m.put("epoch", epoch);
    return Json.write(m);
  }

  private static Map<String, Object> actionToMap(Action a) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("kind", a.kind());
    if (a instanceof Launch l) {
      o.put("count", l.count());
      o.put("instanceType", l.instanceType());
      o.put("reactivate", l.reactivate());
      o.put("token", l.token());
      o.put("epoch", l.epoch());
    } else if (a instanceof Terminate t) {
      o.put("terminate", t.terminate());
      o.put("drain", t.drain());
      o.put("capacityDelta", t.capacityDelta());
      o.put("epoch", t.epoch());
    } else if (a instanceof Sleep s) {
      o.put("reason", s.reason());
    }
    return o;
  }

  /**
   * Reads a line written by {@link #toJson()}. Lines written before {@code inFlight}, {@code role}
   * and {@code epoch} existed read as 0, {@link Role#SINGLE} and 0.
   *
   * @param json one JSON object as {@link #toJson()} writes it
   * @return the report it holds, equal to the one written
   * @throws IllegalArgumentException if {@code json} is not a JSON object or a field has the wrong
   *     type or value (an unknown action kind or status); a missing field or a malformed
   *     timestamp fails with the exception of the value it breaks (e.g.
   *     {@link NullPointerException}, {@link java.time.format.DateTimeParseException})
   */
  public static TickReport fromJson(String json) {
    Map<String, Object> m = Json.parseObject(json);
    List<Reading> readings = new ArrayList<>();
    for (Object o : Json.list(m, "readings")) {
      Map<String, Object> r = Json.asObj(o);
      readings.add(new Reading(Json.str(r, "name"), Json.num(r, "value"), Instant.parse(Json.str(r, "observedAt"))));
    }
    Set<String> stale = new TreeSet<>();
    for (Object o : Json.list(m, "stale")) {
      stale.add((String) o);
    }
    Map<String, Forecast> forecasts = new TreeMap<>();
    Map<String, Object> fm = Json.obj(m, "forecasts");
    if (fm != null) {
      fm.forEach((k, v) -> {
        Map<String, Object> f = Json.asObj(v);
        forecasts.put(k, new Forecast(Instant.parse(Json.str(f, "at")), Json.num(f, "point"), Json.num(f, "lower"),
            Json.num(f, "upper")));
      });
    }
    Map<String, Object> p = Json.obj(m, "proposal");
    List<Reason> reasons = new ArrayList<>();
    for (Object o : Json.list(p, "reasons")) {
      Map<String, Object> r = Json.asObj(o);
      reasons.add(new Reason(Json.str(r, "source"), Json.str(r, "message")));
    }
    List<GuardEffect> guards = new ArrayList<>();
    for (Object o : Json.list(m, "guards")) {
      Map<String, Object> g = Json.asObj(o);
      guards.add(new GuardEffect(Json.str(g, "guard"), (int) Json.lng(g, "before"), (int) Json.lng(g, "after"),
          Json.str(g, "reason")));
    }
    Map<String, Object> res = Json.obj(m, "result");
    ActionResult result = new ActionResult(ActionResult.Status.valueOf(Json.str(res, "status")), strings(res, "launched"),
        strings(res, "terminated"), strings(res, "drained"), strings(res, "errors"));
    return new TickReport(Instant.parse(Json.str(m, "at")), Json.str(m, "policy"), (int) Json.lng(m, "running"),
        (int) Json.lng(m, "pending"), (int) Json.lng(m, "draining"),
        m.get("inFlight") == null ? 0 : (int) Json.lng(m, "inFlight"), readings, stale, forecasts,
        new Proposal((int) Json.lng(p, "desired"), reasons), guards, (int) Json.lng(m, "desired"),
        actionFromMap(Json.obj(m, "action")), result, strings(m, "errors"),
        m.get("role") == null ? Role.SINGLE : Role.valueOf(Json.str(m, "role").toUpperCase(java.util.Locale.ROOT)),
        m.get("epoch") == null ? 0 : Json.lng(m, "epoch"));
  }

  private static Action actionFromMap(Map<String, Object> o) {
    String kind = Json.str(o, "kind");
    return switch (kind) {
      case "launch" -> new Launch((int) Json.lng(o, "count"), Json.str(o, "instanceType"), strings(o, "reactivate"),
          Json.str(o, "token"), o.get("epoch") == null ? 0 : Json.lng(o, "epoch"));
      case "terminate" -> new Terminate(strings(o, "terminate"), strings(o, "drain"), (int) Json.lng(o, "capacityDelta"),
          o.get("epoch") == null ? 0 : Json.lng(o, "epoch"));
      case "sleep" -> new Sleep(Json.str(o, "reason"));
      default -> throw new IllegalArgumentException("action kind must be one of [launch, terminate, sleep], but was '" + kind + "'");
    };
  }

  private static List<String> strings(Map<String, Object> m, String key) {
    List<String> out = new ArrayList<>();
    for (Object o : Json.list(m, key)) {
      out.add((String) o);
    }
    return out;
  }
}
