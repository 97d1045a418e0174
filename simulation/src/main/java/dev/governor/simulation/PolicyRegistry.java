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

  /**
   * A registered policy.
   *
   * @param name the policy's name ({@code [a-z0-9][a-z0-9._-]*}, not {@code all}), as given to
   *     {@code --policy} and shown in reports
   * @param description how the policy works and takes its natural parameters from the scenario
   *     and the trace (listed by {@code governor-sim policies})
   * @param factory builds a fresh policy for each replay
   * @param knobs the parameters {@code tune} may search, in order; may be empty
   */
  public record Entry(String name, String description, PolicyFactory factory, List<Knob> knobs) {
    /**
     * Checks the components and copies {@code knobs}.
     *
     * @param name the policy's name
     * @param description how the policy works and takes its natural parameters
     * @param factory builds a fresh policy for each replay
     * @param knobs the parameters {@code tune} may search
     * @throws NullPointerException if any component is null, or {@code knobs} holds a null
     */
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(factory, "factory");
      knobs = List.copyOf(knobs);
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** An empty registry, as {@link #empty()} gives. */
  public PolicyRegistry() {}

  /**
   * An empty registry, to fill with {@link #register}.
   *
   * @return a new registry without entries
   */
  public static PolicyRegistry empty() {
    return new PolicyRegistry();
  }

  /**
   * The built-in policies, then those of every {@link PolicyProvider} found by the ServiceLoader.
   * The built-ins, in the order {@code all} runs them: {@code governor} (the core's hybrid
   * policy), the core's baselines, {@code optimal} (the offline optimum, replayed) and
   * {@code lookahead} ({@link LookaheadPolicy}).
   *
   * @return a new registry (each call loads the providers again, with the thread's context class loader)
   * @throws java.util.ServiceConfigurationError if a provider cannot be loaded
   */
  public static PolicyRegistry standard() {
    PolicyRegistry r = new PolicyRegistry();
    StandardPolicies.register(r);
    for (PolicyProvider p : ServiceLoader.load(PolicyProvider.class)) {
      p.register(r);
    }
    return r;
  }

  /**
   * Adds a policy, or replaces the one of the same name (keeping its place in the order).
   *
   * @param name the policy's name: {@code [a-z0-9][a-z0-9._-]*}, not {@code all}
   * @param description how the policy works and takes its natural parameters (not null)
   * @param factory builds a fresh policy for each replay (not null)
   * @param knobs the parameters {@code tune} may search
   * @return this registry, to chain calls
   * @throws IllegalArgumentException if {@code name} is null, malformed or {@code all}
   * @throws NullPointerException if {@code description}, {@code factory} or a knob is null
   */
  public PolicyRegistry register(String name, String description, PolicyFactory factory, Knob... knobs) {
    if (name == null || !name.matches("[a-z0-9][a-z0-9._-]*") || name.equals(ALL)) {
      throw new IllegalArgumentException("policy name must match [a-z0-9][a-z0-9._-]* and not be '" + ALL
          + "', but was '" + name + "'");
    }
    entries.put(name, new Entry(name, description, factory, List.of(knobs)));
    return this;
  }

  /**
   * Whether a policy of this name is registered.
   *
   * @param name the policy's name ({@code all} is not an entry)
   * @return true if {@link #get(String)} would find it
   */
  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  /**
   * The policy of this name.
   *
   * @param name the policy's name
   * @return its entry
   * @throws IllegalArgumentException if no policy has that name (the message lists the known names)
   */
  public Entry get(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new IllegalArgumentException("policy must be one of " + names() + " or '" + ALL + "', but was '" + name + "'");
    }
    return e;
  }

  /**
   * The registered names.
   *
   * @return the names in registration order, unmodifiable
   */
  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  /**
   * The registered policies.
   *
   * @return the entries in registration order (the order of {@code all}), unmodifiable
   */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /**
   * The entries for these names, in order; {@code all} expands to every policy, in registration
   * order; a name seen before (directly or through {@code all}) is dropped.
   *
   * @param names policy names, or {@code all}
   * @return the entries, each once, in order of first mention
   * @throws IllegalArgumentException if a name is neither registered nor {@code all}
   */
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
