package dev.governor.simulation;

import java.util.Locale;

/** How a waiting job finds a worker slot. */
public enum Dispatch {
  /**
   * A uniformly random free slot on a RUNNING instance: SQS workers pull, nobody routes jobs to
   * the busiest machine. The default and the honest model.
   */
  RANDOM,
  /**
   * The free slot on the busiest RUNNING instance: packs work and leaves other instances idle,
   * which flatters scale-in. For measuring how much a policy depends on packing.
   */
  PACK;

  /**
   * Looks a dispatch mode up by name, ignoring case and surrounding blanks (the CLI's
   * {@code --dispatch} value).
   *
   * @param s {@code random} or {@code pack}, in any case
   * @return the matching constant
   * @throws IllegalArgumentException for any other name
   * @throws NullPointerException if {@code s} is null
   */
  public static Dispatch named(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dispatch must be one of [random, pack], but was '" + s + "'");
    }
  }

  /**
   * The mode's name as the CLI and reports spell it.
   *
   * @return the constant's name in lower case ({@code random}, {@code pack}); {@link #named} reads it back
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
