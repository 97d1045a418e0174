package dev.governor.state;

import java.util.Optional;

/**
 * Where a controller keeps what must survive a restart. Called once at start to load, and to save
 * once per tick and also just before a launch is applied (the launch is written ahead as in flight).
 * Implementations: {@link InMemoryStateStore} (default), {@link FileStateStore}; users plug in
 * DynamoDB, S3, a database.
 *
 * <p>A failure is never fatal to the controller: a load that throws is reported in the first
 * tick's errors and the controller starts afresh; a save that throws is reported in that tick's
 * errors.
 */
public interface StateStore {
  /**
   * Reads the last saved state.
   *
   * @return the state last saved, or empty if none has been saved yet
   * @throws RuntimeException if the store cannot be read or the saved state is not valid (e.g.
   *     {@link java.io.UncheckedIOException}, {@link IllegalStateException})
   */
  Optional<ControllerState> load();

  /**
   * Saves {@code state}, replacing the one saved before (without fencing).
   *
   * @param state the state to save
   * @throws RuntimeException if the store cannot be written (e.g.
   *     {@link java.io.UncheckedIOException})
   */
  void save(ControllerState state);
}
