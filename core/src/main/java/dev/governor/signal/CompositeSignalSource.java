package dev.governor.signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Reads every member in order and concatenates their readings. When two members report the same
 * name, the {@link Snapshot} keeps the newest observation that is not from the future (the later
 * member's on a tie). A member that throws, or returns null, fails the whole read: the controller
 * then counts every signal of the tick as missing. Thread-safe if its members are.
 */
public final class CompositeSignalSource implements SignalSource {
  private final List<SignalSource> members;

  /**
   * Combines {@code members}, read in list order.
   *
   * @param members the sources to read; copied
   * @throws NullPointerException if {@code members} or one of them is null
   * @throws IllegalArgumentException if {@code members} is empty
   */
  public CompositeSignalSource(List<SignalSource> members) {
    Objects.requireNonNull(members, "members");
    if (members.isEmpty()) {
      throw new IllegalArgumentException("members must not be empty");
    }
    this.members = List.copyOf(members);
  }

  @Override
  public Collection<Reading> read(Instant now) {
    List<Reading> out = new ArrayList<>();
    for (SignalSource s : members) {
      out.addAll(s.read(now));
    }
    return out;
  }

  /**
   * The combined sources.
   *
   * @return the members in reading order; unmodifiable
   */
  public List<SignalSource> members() {
    return members;
  }
}
