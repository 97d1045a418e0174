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
 * @param entries recent ticks, oldest first (non-decreasing {@code at}); copied, unmodifiable
 * @param lastScaleOut last tick whose capacity change was positive, or null
 * @param lastScaleIn last tick whose capacity change was negative, or null
 * @param launchFailures consecutive launches that failed (&gt;= 0; 0 after any launch that worked)
 * @param lastLaunchFailure when the last of them failed; null only when there is none
 * @param lastLaunchError the provider's error of the last failed launch, or null
 */
public record ScalingHistory(List<HistoryEntry> entries, Instant lastScaleOut, Instant lastScaleIn, int launchFailures,
    Instant lastLaunchFailure, String lastLaunchError) {
  /**
   * How long the controller keeps entries by default: 2 h ({@code Controller.Builder.historyRetention};
   * it must cover the longest look-back window of the guards).
   */
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(2);

  /**
   * Validates the history and copies the entries.
   *
   * @param entries recent ticks, oldest first
   * @param lastScaleOut last tick whose capacity change was positive, or null
   * @param lastScaleIn last tick whose capacity change was negative, or null
   * @param launchFailures consecutive launches that failed
   * @param lastLaunchFailure when the last of them failed, or null when there is none
   * @param lastLaunchError the provider's error of the last failed launch, or null
   * @throws NullPointerException if {@code entries} or one of them is null
   * @throws IllegalArgumentException if {@code launchFailures} is negative, the entries are out of
   *     time order, or {@code launchFailures > 0} without {@code lastLaunchFailure}
   */
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

  /**
   * A history with no launch failures.
   *
   * @param entries recent ticks, oldest first
   * @param lastScaleOut last tick whose capacity change was positive, or null
   * @param lastScaleIn last tick whose capacity change was negative, or null
   * @throws NullPointerException if {@code entries} or one of them is null
   * @throws IllegalArgumentException if the entries are out of time order
   */
  public ScalingHistory(List<HistoryEntry> entries, Instant lastScaleOut, Instant lastScaleIn) {
    this(entries, lastScaleOut, lastScaleIn, 0, null, null);
  }

  /**
   * The history of a controller that has not ticked yet.
   *
   * @return no entries, no scale-out or scale-in, no launch failures
   */
  public static ScalingHistory empty() {
    return new ScalingHistory(List.of(), null, null);
  }

  /**
   * Appends an entry and drops those at or before {@code e.at() − retention}; sets
   * {@code lastScaleOut} (or {@code lastScaleIn}) to {@code e.at()} when {@code e.change()} is
   * positive (negative).
   *
   * @param e the new entry, not before the last one
   * @param retention how far back from {@code e.at()} entries are kept
   * @return the new history (this one is unchanged)
   * @throws IllegalArgumentException if {@code e} is before the last kept entry
   */
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

  /**
   * Records a launch that failed at {@code at} with {@code error}: one more consecutive failure.
   *
   * @param at when it failed (the tick's time)
   * @param error the provider's error, with its code
   * @return the new history, {@code launchFailures + 1}
   * @throws IllegalArgumentException if {@code at} is null
   */
  public ScalingHistory withLaunchFailure(Instant at, String error) {
    return new ScalingHistory(entries, lastScaleOut, lastScaleIn, launchFailures + 1, at, error);
  }

  /**
   * Records a launch that (at least partly) worked: the failure run is over.
   *
   * @return this history if it had no failures, else a copy with {@code launchFailures = 0} and
   *     no last failure or error
   */
  public ScalingHistory withLaunchSuccess() {
    return launchFailures == 0 ? this : new ScalingHistory(entries, lastScaleOut, lastScaleIn, 0, null, null);
  }

  /**
   * Every instant moved by {@code d}: after a clock step the controller re-anchors its history so
   * that windows (stabilization, rate limits, cooldowns, back-off) go on from where they were,
   * instead of being skipped (a step back puts them in the future) or frozen.
   *
   * @param d how far to move every instant (negative: earlier)
   * @return the shifted history ({@code lastLaunchError} unchanged); this one if {@code d} is zero
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

  /**
   * The entries of the last {@code window}: {@code now − window < at <= now}.
   *
   * @param now the end of the window (the tick's time)
   * @param window its length
   * @return those entries, oldest first (a new list)
   */
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
