package dev.governor;

/**
 * Receives every tick's report (log it, export it, alert on it). Should not throw; if it does,
 * the other listeners still hear and the report {@code tick()} returns names the failure.
 */
@FunctionalInterface
public interface TickListener {
  /**
   * Hears one tick's report, on the ticking thread, after the tick acted and saved its state (a
   * slow listener delays the next tick, not this one's action).
   *
   * @param report the tick's explanation
   */
  void onTick(TickReport report);
}
