package dev.governor.simulation;

import java.time.Instant;

/**
 * The jobs that will arrive, exactly as the replay will draw them (same seed, same stream). Only
 * the {@code lookahead} is given one: no real policy can see the future. Resolution is one tick:
 * bounds are rounded out to whole ticks ({@code from} down, {@code until} up), and clipped to the
 * replay (a bound before its start counts from the first tick, one after its end stops at the last;
 * jobs at the very end count in the last tick). Arrivals only: jobs a fault returns to the queue
 * are not in it.
 *
 * <p>Not thread-safe: the view reads the job stream ahead as far as it is asked, once per replay.
 */
public interface FutureView {
  /**
   * The work that will arrive in a window.
   *
   * @param from start of the window, inclusive (rounded down to its tick)
   * @param until end of the window, exclusive (rounded up to a tick boundary)
   * @return the sum of the service times, in seconds, of the jobs arriving in {@code [from, until)};
   *     0 if the window, rounded, is empty
   */
  double workSeconds(Instant from, Instant until);

  /**
   * The number of jobs that will arrive in a window.
   *
   * @param from start of the window, inclusive (rounded down to its tick)
   * @param until end of the window, exclusive (rounded up to a tick boundary)
   * @return the jobs arriving in {@code [from, until)}; 0 if the window, rounded, is empty
   */
  long jobs(Instant from, Instant until);
}
