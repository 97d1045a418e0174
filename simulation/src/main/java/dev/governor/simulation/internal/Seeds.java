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
