package dev.governor.fleet;

/** Life cycle of a worker instance as Governor sees it. */
public enum InstanceState {
  /** Launched and billed, still booting: capacity that is coming, not serving. */
  PENDING,
  /** Serving jobs. */
  RUNNING,
  /** Asked to finish its jobs and take no new ones; reusable if load returns. */
  DRAINING,
  /** Being terminated; counts for nothing. */
  TERMINATING
}
