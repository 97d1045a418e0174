package dev.governor.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Recent ticks plus the time of the last scale-out and scale-in. Immutable; the controller keeps
 * entries for {@code retention} and replaces the history every tick.
 */
public record ScalingHistory(List<HistoryEntry> entries, Instant lastScaleOut, Instant lastScaleIn) {
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(2);

  public ScalingHistory {
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
  }

  public static ScalingHistory empty() {
    return new ScalingHistory(List.of(), null, null);
  }

  /** Appends an entry and drops those older than {@code retention} before it. */
  public ScalingHistory plus(HistoryEntry e, Duration retention) {
    Instant cutoff = e.at().minus(retention);
    List<HistoryEntry> l = new ArrayList<>(entries.size() + 1);
    for (HistoryEntry old : entries) {
      if (old.at().isAfter(cutoff)) {
        l.add(old);
      }
    }
    l.add(e);
    Instant out = e.change() > 0 ? e.at() : lastScaleOut;
    Instant in = e.change() < 0 ? e.at() : lastScaleIn;
    return new ScalingHistory(l, out, in);
  }

  /** Entries with {@code at > now - window}. */
  public List<HistoryEntry> within(Instant now, Duration window) {
    Instant cutoff = now.minus(window);
    List<HistoryEntry> l = new ArrayList<>();
    for (HistoryEntry e : entries) {
      if (e.at().isAfter(cutoff) && !e.at().isAfter(now)) {
        l.add(e);
      }
    }
    return l;
  }
}
