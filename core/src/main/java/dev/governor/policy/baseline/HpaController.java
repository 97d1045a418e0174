package dev.governor.policy.baseline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The state one HPA keeps between syncs — its recommendations and, with {@code behavior}, its
 * scale events — and the reconcile step of {@code horizontal.go} around the pure {@link Hpa}
 * functions. Used by {@link HpaPolicy} and {@link KedaSqsPolicy}.
 *
 * <p>A fresh controller has no history: its first sync records the current replicas as a
 * recommendation ({@code recordInitialRecommendation}), so for the downscale stabilization window
 * after a (re)start it does not scale below them. A controller can instead start from a given
 * {@link History} (an empty one skips that initial recommendation, as Kubernetes does when the
 * entry exists), and {@link #history()} reads what it keeps. Like {@code horizontal.go}, each
 * recommendation or scale event replaces one that has aged out of every window, else is appended.
 * Not thread-safe: one controller serves one policy.
 */
public final class HpaController {
  private final int minReplicas;
  private final int maxReplicas;
  private final HpaConfig.Behavior behavior;
  private final Duration downscaleStabilization;
  private final List<Hpa.Recommendation> recommendations = new ArrayList<>();
  private final List<Hpa.ScaleEvent> upEvents = new ArrayList<>();
  private final List<Hpa.ScaleEvent> downEvents = new ArrayList<>();
  /** False until the first sync of a controller started without history. */
  private boolean hasHistory;

  /**
   * What one sync decided and why.
   *
   * @param replicas the replicas the scale target should have after this sync
   * @param explanation the rule and numbers, for reasons
   */
  public record Sync(int replicas, String explanation) {}

  /**
   * What an HPA controller remembers of one HPA, oldest first as recorded.
   *
   * @param recommendations past (prenormalized) recommendations
   * @param scaleUpEvents replicas added per rescale (kept only with {@code behavior})
   * @param scaleDownEvents replicas removed per rescale (kept only with {@code behavior})
   */
  public record History(List<Hpa.Recommendation> recommendations, List<Hpa.ScaleEvent> scaleUpEvents,
      List<Hpa.ScaleEvent> scaleDownEvents) {
    /**
     * Copies the lists.
     *
     * @param recommendations past (prenormalized) recommendations
     * @param scaleUpEvents replicas added per rescale (kept only with {@code behavior})
     * @param scaleDownEvents replicas removed per rescale (kept only with {@code behavior})
     * @throws IllegalArgumentException if a list is null
     */
    public History {
      recommendations = List.copyOf(Check.notNull("recommendations", recommendations));
      scaleUpEvents = List.copyOf(Check.notNull("scaleUpEvents", scaleUpEvents));
      scaleDownEvents = List.copyOf(Check.notNull("scaleDownEvents", scaleDownEvents));
    }

    /**
     * A history with nothing in it: the controller scales on its first sync without an initial recommendation.
     *
     * @return an empty history
     */
    public static History empty() {
      return new History(List.of(), List.of(), List.of());
    }

    /**
     * A history of recommendations only (as without {@code behavior}).
     *
     * @param recommendations past recommendations, oldest first
     * @return a history with no scale events
     * @throws IllegalArgumentException if {@code recommendations} is null
     */
    public static History of(List<Hpa.Recommendation> recommendations) {
      return new History(recommendations, List.of(), List.of());
    }
  }

  /**
   * A fresh controller: no history, so its first sync records the initial recommendation.
   *
   * @param minReplicas minReplicas (not validated here)
   * @param maxReplicas maxReplicas (not validated here)
   * @param behavior the {@code behavior} stanza, or null for the legacy normalisation
   * @param downscaleStabilization the controller's downscale stabilization window, &gt;= 0
   * @throws IllegalArgumentException if {@code downscaleStabilization} is null or negative
   */
  public HpaController(int minReplicas, int maxReplicas, HpaConfig.Behavior behavior, Duration downscaleStabilization) {
    this(minReplicas, maxReplicas, behavior, downscaleStabilization, null);
  }

  /**
   * A controller that starts from {@code history}, or without any when it is null.
   *
   * @param minReplicas minReplicas (not validated here)
   * @param maxReplicas maxReplicas (not validated here)
   * @param behavior the {@code behavior} stanza, or null for the legacy normalisation
   * @param downscaleStabilization the controller's downscale stabilization window, &gt;= 0
   * @param history what to start from, or null for a fresh controller
   * @throws IllegalArgumentException if {@code downscaleStabilization} is null or negative
   */
  public HpaController(int minReplicas, int maxReplicas, HpaConfig.Behavior behavior, Duration downscaleStabilization,
      History history) {
    this.minReplicas = minReplicas;
    this.maxReplicas = maxReplicas;
    this.behavior = behavior;
    this.downscaleStabilization = Check.nonNegative("downscaleStabilization", downscaleStabilization);
    if (history != null) {
      recommendations.addAll(history.recommendations());
      upEvents.addAll(history.scaleUpEvents());
      downEvents.addAll(history.scaleDownEvents());
      hasHistory = true;
    }
  }

  /**
   * What the controller remembers, or empty before the first sync of a controller started without history.
   *
   * @return a snapshot copy of the recommendations and scale events
   */
  public Optional<History> history() {
    return hasHistory ? Optional.of(new History(recommendations, upEvents, downEvents)) : Optional.empty();
  }

  /**
   * One reconcile: {@code current} is the scale target's replicas (spec), {@code metrics} this
   * sync's per-metric proposals. At 0 replicas with {@code minReplicas > 0} scaling is disabled
   * (0); above maxReplicas or below minReplicas the bound is set; otherwise the largest valid
   * proposal ({@link Hpa#maxOfMetrics}; invalid metrics hold {@code current}) is stabilized and
   * limited, legacy or by {@code behavior}, and recorded. With {@code behavior} a change is stored
   * as a scale event.
   *
   * @param now the sync time; windows and periods are measured back from it
   * @param current the scale target's replicas
   * @param metrics this sync's per-metric results
   * @return the replicas to set and why
   */
  public Sync sync(Instant now, int current, List<Hpa.MetricResult> metrics) {
    if (!hasHistory) {
      recommendations.add(new Hpa.Recommendation(now, current));
      hasHistory = true;
    }
    int desired;
    String why;
    if (current == 0 && minReplicas != 0) {
      return new Sync(0, "ScalingDisabled: the target has 0 replicas (minReplicas " + minReplicas + ")");
    } else if (current > maxReplicas) {
      desired = maxReplicas;
      why = "current " + current + " above maxReplicas";
    } else if (current < minReplicas) {
      desired = minReplicas;
      why = "current " + current + " below minReplicas";
    } else {
      int fromMetrics = Hpa.maxOfMetrics(current, metrics);
      if (fromMetrics < 0) {
        return new Sync(current, "invalid metrics, not scaling: " + describe(metrics));
      }
      int pre = Math.max(0, fromMetrics);
      if (behavior == null) {
        int stabilized = Hpa.stabilizeLegacy(pre, recommendations, now, downscaleStabilization);
        record(now, pre, downscaleStabilization);
        desired = Hpa.convertWithRules(current, stabilized, minReplicas, maxReplicas);
        why = "metrics want " + pre + "; highest in " + downscaleStabilization.toSeconds() + " s " + stabilized
            + "; limits [" + minReplicas + ", min(" + maxReplicas + ", max(2 × " + current + ", 4))] → " + desired;
      } else {
        Duration down = behavior.scaleDown().stabilizationWindow() == null ? downscaleStabilization
            : behavior.scaleDown().stabilizationWindow();
        Duration up = behavior.scaleUp().stabilizationWindow() == null ? Duration.ZERO
            : behavior.scaleUp().stabilizationWindow();
        int stabilized = Hpa.stabilizeWithBehavior(current, pre, recommendations, now, up, down);
        record(now, pre, up.compareTo(down) > 0 ? up : down);
        Hpa.Limited lim = Hpa.convertWithBehaviorRate(current, stabilized, minReplicas, maxReplicas, upEvents, downEvents,
            behavior.scaleUp(), behavior.scaleDown(), now);
        desired = lim.replicas();
        why = "metrics want " + pre + "; stabilized (up " + up.toSeconds() + " s, down " + down.toSeconds() + " s) "
            + stabilized + "; " + lim.reason() + " → " + desired;
      }
    }
    if (desired != current && behavior != null) {
      storeEvent(now, current, desired);
    }
    return new Sync(desired, why + (metrics.isEmpty() ? "" : " [" + describe(metrics) + "]"));
  }

  /** Records a recommendation over the last one older than {@code keep} (every window), else appends it. */
  private void record(Instant now, int replicas, Duration keep) {
    replaceOldestOrAppend(recommendations, new Hpa.Recommendation(now, replicas), now.minus(keep),
        Hpa.Recommendation::at);
  }

  private void storeEvent(Instant now, int prev, int next) {
    if (next > prev) {
      replaceOldestOrAppend(upEvents, new Hpa.ScaleEvent(now, next - prev),
          now.minus(behavior.scaleUp().longestPeriod()), Hpa.ScaleEvent::at);
    } else {
      replaceOldestOrAppend(downEvents, new Hpa.ScaleEvent(now, prev - next),
          now.minus(behavior.scaleDown().longestPeriod()), Hpa.ScaleEvent::at);
    }
  }

  /** {@code horizontal.go}'s reuse of an aged-out entry: the last one before {@code cutoff}. */
  private static <T> void replaceOldestOrAppend(List<T> list, T entry, Instant cutoff, Function<T, Instant> at) {
    int old = -1;
    for (int i = 0; i < list.size(); i++) {
      if (at.apply(list.get(i)).isBefore(cutoff)) {
        old = i;
      }
    }
    if (old >= 0) {
      list.set(old, entry);
    } else {
      list.add(entry);
    }
  }

  private static String describe(List<Hpa.MetricResult> metrics) {
    StringBuilder sb = new StringBuilder();
    for (Hpa.MetricResult m : metrics) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(m.metric()).append(": ").append(m.detail());
    }
    return sb.toString();
  }
}
