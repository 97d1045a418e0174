package dev.governor.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Recent ticks, the time of the last scale-out and scale-in, and the run of failed launches
 * (for back-off). Immutable; the controller keeps entries for {@code retention} and replaces the
 * history every tick.
 *
 * @param entries recent ticks, oldest first
 * @param lastScaleOut last tick whose capacity change was positive, or null
 * @param lastScaleIn last tick whose capacity change was negative, or null
 * @param launchFailures consecutive launches that failed (0 after any launch that worked)
 * @param lastLaunchFailure when the last of them failed, or null
 * @param lastLaunchError the provider's error of the last failed launch, or null
 */
public record ScalingHistory(List<HistoryEntry> entries, Instant lastScaleOut, Instant lastScaleIn, int launchFailures,
    Instant lastLaunchFailure, String lastLaunchError) {
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(2);

  public ScalingHistory {
    entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    if (launchFailures < 0) {
      throw new IllegalArgumentException("launchFailures must be >= 0, but was " + launchFailures);
    }
    for (int k = 1; k < entries.size(); k++) {
      if (entries.get(k).at().isBefore(entries.get(k - 1).at())) {
        throw new IllegalArgumentException("history entries must be in time order, but entry " + k + " at "
            + entries.get(k).at() + " comes after one at " + entries.get(k - 1).at());
      }
    }
    if (launchFailures > 0 && lastLaunchFailure == null) {
      throw new IllegalArgumentException("lastLaunchFailure must be set when launchFailures is " + launchFailures);
    }
  }

  public ScalingHistory(List<HistoryEntry> entries, Instant lastScaleOut, Instant lastScaleIn) {
    this(entries, lastScaleOut, lastScaleIn, 0, null, null);
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
    return new ScalingHistory(l, out, in, launchFailures, lastLaunchFailure, lastLaunchError);
  }

  /** Records a launch that failed at {@code at} with {@code error}. */
  public ScalingHistory withLaunchFailure(Instant at, String error) {
    return new ScalingHistory(entries, lastScaleOut, lastScaleIn, launchFailures + 1, at, error);
  }

  /** Records a launch that (at least partly) worked: the failure run is over. */
  public ScalingHistory withLaunchSuccess() {
    return launchFailures == 0 ? this : new ScalingHistory(entries, lastScaleOut, lastScaleIn, 0, null, null);
  }

  /**
   * Every instant moved by {@code d}: after a clock step the controller re-anchors its history so
   * that windows (stabilization, rate limits, cooldowns, back-off) go on from where they were,
   * instead of being skipped (a step back puts them in the future) or frozen.
   */
  public ScalingHistory shifted(Duration d) {
    if (d.isZero()) {
      return this;
    }
    List<HistoryEntry> l = new ArrayList<>(entries.size());
    for (HistoryEntry e : entries) {
      l.add(e.shifted(d));
    }
    return new ScalingHistory(l, plus(lastScaleOut, d), plus(lastScaleIn, d), launchFailures,
        plus(lastLaunchFailure, d), lastLaunchError);
  }

  private static Instant plus(Instant t, Duration d) {
    return t == null ? null : t.plus(d);
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
