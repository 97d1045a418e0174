package dev.governor.state;

import java.util.Optional;

/** Keeps the state in memory: survives nothing, costs nothing. The default. */
public final class InMemoryStateStore implements StateStore {
  private volatile ControllerState state;

  @Override
  public Optional<ControllerState> load() {
    return Optional.ofNullable(state);
  }

  @Override
  public void save(ControllerState state) {
    this.state = state;
  }
}
