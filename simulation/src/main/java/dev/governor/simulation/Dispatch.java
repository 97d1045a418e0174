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

  public static Dispatch named(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dispatch must be one of [random, pack], but was '" + s + "'");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
