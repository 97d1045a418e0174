package dev.governor.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the state in one JSON file, replaced atomically (write to a sibling temp file, then
 * move), so a crash mid-write leaves the previous state intact. A file that cannot be read as a
 * valid state is copied to {@code <file>.corrupt} (kept for a human to look at) before
 * {@link #load()} fails naming both; the controller then starts afresh and its next save
 * replaces the file.
 */
public final class FileStateStore implements StateStore {
  private final Path file;

  /**
   * A store in {@code file}. Nothing is read or created until {@link #load()} or {@link #save}.
   *
   * @param file the state file; its directory is created on the first save
   * @throws NullPointerException if {@code file} is null
   */
  public FileStateStore(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /**
   * The state file.
   *
   * @return the path this store reads and replaces
   */
  public Path file() {
    return file;
  }

  /**
   * Reads and parses the file.
   *
   * @return the saved state, or empty if the file does not exist
   * @throws java.io.UncheckedIOException if the file exists but cannot be read
   * @throws IllegalStateException if the file is not a valid state; it is first copied to
   *     {@code <file>.corrupt} (the message says whether the copy worked)
   */
  @Override
  public Optional<ControllerState> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read state file " + file, e);
    }
    try {
      return Optional.of(ControllerState.fromJson(json));
    } catch (RuntimeException e) {
      Path kept = file.resolveSibling(file.getFileName() + ".corrupt");
      String where;
      try {
        Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
        where = "; a copy is kept in " + kept;
      } catch (IOException copy) {
        where = "; it could not be copied aside (" + copy.getMessage() + ")";
      }
      throw new IllegalStateException("state file " + file + " is not valid: " + e.getMessage() + where, e);
    }
  }

  /**
   * Writes {@code state} to a temporary file in the same directory (creating the directory if
   * needed), then moves it over the state file, atomically where the file system can.
   *
   * @param state the state to save
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  @Override
  public void save(ControllerState state) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        Files.writeString(tmp, state.toJson(), StandardCharsets.UTF_8);
        try {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state file " + file, e);
    }
  }
}
