package dev.governor;

/**
 * Receives every tick's report (log it, export it, alert on it). Should not throw; if it does,
 * the other listeners still hear and the report {@code tick()} returns names the failure.
 */
@FunctionalInterface
public interface TickListener {
  void onTick(TickReport report);
}
