package dev.governor.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Named policies for replays, {@code compare} and {@code tune}. Each entry is a factory that
 * derives the policy's natural parameters from the scenario and the trace (documented in its
 * description), plus the knobs {@code tune} may search. {@link #standard()} holds the built-in
 * policies and whatever {@link PolicyProvider}s are on the class path. An unknown name fails with
 * the list of known names. Not thread-safe while being filled; read-only use is.
 */
public final class PolicyRegistry {
  /** Stands for every registered policy. */
  public static final String ALL = "all";

  /** A registered policy. */
  public record Entry(String name, String description, PolicyFactory factory, List<Knob> knobs) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(factory, "factory");
      knobs = List.copyOf(knobs);
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** An empty registry. */
  public static PolicyRegistry empty() {
    return new PolicyRegistry();
  }

  /** The built-in policies, then those of every {@link PolicyProvider} found by the ServiceLoader. */
  public static PolicyRegistry standard() {
    PolicyRegistry r = new PolicyRegistry();
    StandardPolicies.register(r);
    for (PolicyProvider p : ServiceLoader.load(PolicyProvider.class)) {
      p.register(r);
    }
    return r;
  }

  /** Adds (or replaces) a policy. */
  public PolicyRegistry register(String name, String description, PolicyFactory factory, Knob... knobs) {
    if (name == null || !name.matches("[a-z0-9][a-z0-9._-]*") || name.equals(ALL)) {
      throw new IllegalArgumentException("policy name must match [a-z0-9][a-z0-9._-]* and not be '" + ALL
          + "', but was '" + name + "'");
    }
    entries.put(name, new Entry(name, description, factory, List.of(knobs)));
    return this;
  }

  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  public Entry get(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException("policy must be one of " + names() + " or '" + ALL + "', but was '" + name + "'");
    }
    return e;
  }

  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** The entries for these names, in order; {@code all} expands to every policy; duplicates are dropped. */
  public List<Entry> resolve(List<String> names) {
    Map<String, Entry> out = new LinkedHashMap<>();
    for (String n : names) {
      if (n.equals(ALL)) {
        entries.forEach(out::putIfAbsent);
      } else {
        out.putIfAbsent(n, get(n));
      }
    }
    return new ArrayList<>(out.values());
  }
}
