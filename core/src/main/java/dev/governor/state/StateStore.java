package dev.governor.state;

import java.util.Optional;

/**
 * Where a controller keeps what must survive a restart. Called once per tick to save and once at
 * start to load. Implementations: {@link InMemoryStateStore} (default), {@link FileStateStore};
 * users plug in DynamoDB, S3, a database.
 */
public interface StateStore {
  Optional<ControllerState> load();

  void save(ControllerState state);
}
