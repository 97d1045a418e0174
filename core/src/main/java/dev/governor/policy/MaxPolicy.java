package dev.governor.policy;

import dev.governor.fleet.JobClass;
import java.util.ArrayList;
import dev.governor.internal.Json;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * The members' states by position, with their names: {@code {"policy":"max","members":[{"name":…,
   * "state":…}, …]}} (a member that saves nothing has a null state). Null when no member saves
   * anything. A member that saves nothing keeps what it learned in memory only: a composite
   * restored from this document has that member start afresh, as after its own restart, so it
   * resumes exactly only when every member that learns saves its state.
   *
   * @return the JSON document, or null
   */
  @Override
  public String saveState() {
    List<Object> states = new ArrayList<>();
    boolean any = false;
    for (ScalingPolicy p : members) {
      String st = p.saveState();
      any |= st != null;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("state", st);
      states.add(m);
    }
    if (!any) {
      return null;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("policy", "max");
    doc.put("members", states);
    return Json.write(doc);
  }

  /**
   * Restores each member from {@link #saveState()} output, all or nothing: the members must be the
   * same in number and name, and when one member refuses its state the members restored before it
   * are put back as they were.
   *
   * @param state a JSON document from {@link #saveState()}
   * @throws IllegalArgumentException if it is not such a document, names other members, or a
   *     member refuses its part (the message says which)
   */
  @Override
  public void restoreState(String state) {
    Map<String, Object> doc;
    try {
      doc = Json.parseObject(Objects.requireNonNull(state, "state"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " policy state is not valid JSON: " + e.getMessage(), e);
    }
    if (!"max".equals(doc.get("policy"))) {
      throw new IllegalArgumentException(name + " policy state: 'policy' must be \"max\", but was " + doc.get("policy"));
    }
    Object ms = doc.get("members");
    if (!(ms instanceof List<?> list) || list.size() != members.size()) {
      throw new IllegalArgumentException(name + " policy state: 'members' must be an array of " + members.size()
          + " members, but was " + ms);
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Map<String, Object> m = Json.asObj(list.get(i));
      if (!members.get(i).name().equals(m.get("name"))) {
        throw new IllegalArgumentException(name + " policy state: 'members[" + i + "].name' must be \""
            + members.get(i).name() + "\", but was " + m.get("name"));
      }
      Object st = m.get("state");
      if (st != null && !(st instanceof String)) {
        throw new IllegalArgumentException(name + " policy state: 'members[" + i + "].state' must be a string, but was " + st);
      }
      parts.add((String) st);
    }
    List<String> before = new ArrayList<>();
    for (ScalingPolicy p : members) {
      before.add(p.saveState());
    }
    for (int i = 0; i < members.size(); i++) {
      if (parts.get(i) == null) {
        continue;
      }
      try {
        members.get(i).restoreState(parts.get(i));
      } catch (RuntimeException e) {
        for (int j = 0; j < i; j++) {
          if (parts.get(j) != null && before.get(j) != null) {
            members.get(j).restoreState(before.get(j));
          }
        }
        throw new IllegalArgumentException(name + " policy state: member " + members.get(i).name() + ": "
            + e.getMessage(), e);
      }
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
