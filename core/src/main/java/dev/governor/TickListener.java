package dev.governor;

/** Receives every tick's report (log it, export it, alert on it). Must not throw; if it does, the error is logged and ignored. */
@FunctionalInterface
public interface TickListener {
  void onTick(TickReport report);
}
