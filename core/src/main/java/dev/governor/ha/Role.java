package dev.governor.ha;

/** What a controller was in a tick. */
public enum Role {
  /** No leader election is configured: the controller acts on its own, as it always did. */
  SINGLE,
  /** It held the lease: it acted (as far as the lease still covered the action) and saved the state. */
  LEADER,
  /** It did not hold the lease (or could not confirm it): it observed and learnt, acted on nothing, saved nothing. */
  STANDBY
}
