package dev.governor.simulation.internal;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from one seed. Each purpose has its own stream so that, for
 * instance, the job stream (arrivals and service times) is the same whatever a policy does, and
 * switching one fault on leaves every other draw unchanged.
 */
final class Seeds {
  static final long ARRIVALS = 0x61727269L;
  static final long SERVICE = 0x73657276L;
  static final long DISPATCH = 0x64697370L;
  static final long BOOT = 0x626f6f74L;
  static final long LAUNCH_FAILURE = 0x6c666169L;
  static final long CAPACITY = 0x63617061L;
  static final long CRASH = 0x63726173L;
  static final long OUTAGE = 0x6f757461L;
  static final long THROTTLE = 0x7468726fL;
  static final long NEVER_BOOT = 0x6e626f6fL;
  static final long SLOW_BOOT = 0x736c6f77L;
  static final long SPOT = 0x73706f74L;
  static final long HUNG = 0x68756e67L;
  static final long PARTIAL = 0x70617274L;
  static final long LOST = 0x6c6f7374L;
  static final long FLEET_FAILURE = 0x666c6565L;
  static final long NAN = 0x6e616e73L;
  static final long STALE = 0x7374616cL;
  static final long CORRUPT = 0x636f7272L;
  static final long FUTURE = 0x66757475L;
  static final long RESTART = 0x72657374L;
  static final long CLOCK = 0x636c6f63L;

  private Seeds() {}

  static SplittableRandom stream(long seed, long purpose) {
    return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + purpose));
  }

  /** SplitMix64's finaliser: nearby seeds give unrelated streams. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
