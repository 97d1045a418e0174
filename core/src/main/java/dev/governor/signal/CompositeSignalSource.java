package dev.governor.signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Reads every member in order and concatenates their readings. */
public final class CompositeSignalSource implements SignalSource {
  private final List<SignalSource> members;

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

  public List<SignalSource> members() {
    return members;
  }
}
