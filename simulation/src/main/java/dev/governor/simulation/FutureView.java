package dev.governor.simulation;

import java.time.Instant;

/**
 * The jobs that will arrive, exactly as the replay will draw them (same seed, same stream). Only
 * the {@code lookahead} is given one: no real policy can see the future. Resolution is one tick:
 * bounds are rounded out to whole ticks.
 */
public interface FutureView {
  /** Service seconds of the jobs arriving in {@code [from, until)}. */
  double workSeconds(Instant from, Instant until);

  /** Jobs arriving in {@code [from, until)}. */
  long jobs(Instant from, Instant until);
}
