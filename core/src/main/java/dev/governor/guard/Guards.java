package dev.governor.guard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the usual guard chain in the right order: {@link #standard} for the defaults,
 * {@link #builder} to change them.
 */
public final class Guards {
  private Guards() {}

  /**
   * fail-safe → stabilization (5 min) → launch back-off (1 min doubling to 15 min) → step limit
   * ({@link StepLimitGuard#standard()}: at most max(32, 15 × current) added per tick, the HPA's
   * default) → bounds. Bounds come last so that capacity is within
   * [min, max] whatever the other guards did. Cooldowns are off by default: the stabilization
   * window already keeps a launch from being undone by the next dip (as in the Kubernetes HPA),
   * and a cooldown after every scale-in would make the fleet shed idle capacity one step per
   * cooldown; enable them with {@link Builder#cooldowns}.
   *
   * @param min the fewest instances; &gt;= 0
   * @param max the most instances; &gt;= {@code min}
   * @return the standard chain
   * @throws IllegalArgumentException if {@code min < 0} or {@code max < min}
   */
  public static GuardChain standard(int min, int max) {
    return builder(min, max).build();
  }

  /**
   * Starts from the standard chain (see {@link #standard}) within [{@code min}, {@code max}]
   * instances.
   *
   * @param min the fewest instances; &gt;= 0
   * @param max the most instances; &gt;= {@code min}
   * @return a builder holding the standard settings
   * @throws IllegalArgumentException if {@code min < 0} or {@code max < min}
   */
  public static Builder builder(int min, int max) {
    return new Builder(min, max);
  }

  /**
   * Assembles a chain: fail-safe, stabilization, cooldown, launch back-off, step, rate limits,
   * budget, custom, then bounds. Each setter validates at once and returns this builder. Not
   * thread-safe.
   */
  public static final class Builder {
    private final int min;
    private final int max;
    private boolean failSafe = true;
    private Duration stabilization = Duration.ofMinutes(5);
    private Duration upCooldown = Duration.ZERO;
    private Duration downCooldown = Duration.ZERO;
    private StepLimitGuard step = StepLimitGuard.standard();
    private final List<RateLimitGuard> rates = new ArrayList<>();
    private BudgetGuard budget;
    private LaunchBackoffGuard backoff = LaunchBackoffGuard.ofDefaults();
    private final List<Guard> extra = new ArrayList<>();

    private Builder(int min, int max) {
      new BoundsGuard(min, max); // validate now
      this.min = min;
      this.max = max;
    }

    /**
     * Turns the {@link FailSafeGuard} (no scale-in on stale or missing required signals) on or off.
     *
     * @param on whether the chain has it; default true
     * @return this builder
     */
    public Builder failSafe(boolean on) {
      this.failSafe = on;
      return this;
    }

    /**
     * The scale-in stabilization window ({@link StabilizationGuard}).
     *
     * @param window how far back the highest proposal holds capacity; &gt;= 0, default 5 min;
     *     zero leaves the guard out
     * @return this builder
     * @throws NullPointerException if {@code window} is null
     * @throws IllegalArgumentException if {@code window} is negative
     */
    public Builder stabilization(Duration window) {
      new StabilizationGuard(window);
      this.stabilization = window;
      return this;
    }

    /**
     * Cooldowns per direction ({@link CooldownGuard}); off by default.
     *
     * @param up no scale-out within this of the last scale-out; &gt;= 0, default 0 (off)
     * @param down no scale-in within this of the last scale-out or scale-in; &gt;= 0, default 0
     *     (off); with both zero the guard is left out
     * @return this builder
     * @throws NullPointerException if {@code up} or {@code down} is null
     * @throws IllegalArgumentException if {@code up} or {@code down} is negative
     */
    public Builder cooldowns(Duration up, Duration down) {
      new CooldownGuard(up, down);
      this.upCooldown = up;
      this.downCooldown = down;
      return this;
    }

    /**
     * Replaces the standard step limit ({@link StepLimitGuard#standard()}); {@code null} turns it off.
     *
     * @param g the step limit, or null for none
     * @return this builder
     */
    public Builder stepLimit(StepLimitGuard g) {
      this.step = g;
      return this;
    }

    /**
     * Adds a rate limit (none by default); several apply in the order added.
     *
     * @param g the rate limit; its period must fit in the controller's history retention
     * @return this builder
     * @throws NullPointerException if {@code g} is null
     */
    public Builder rateLimit(RateLimitGuard g) {
      rates.add(java.util.Objects.requireNonNull(g, "rateLimit"));
      return this;
    }

    /**
     * Back-off after failed launches; {@code null} turns it off.
     *
     * @param g the back-off, default {@link LaunchBackoffGuard#ofDefaults()} (1 min doubling to
     *     15 min), or null for none
     * @return this builder
     */
    public Builder launchBackoff(LaunchBackoffGuard g) {
      this.backoff = g;
      return this;
    }

    /**
     * A spend ceiling ({@link BudgetGuard}); none by default. A second call replaces the first.
     *
     * @param maxHourlySpend the most the fleet may cost per hour; finite, &gt;= 0
     * @return this builder
     * @throws IllegalArgumentException if {@code maxHourlySpend} is negative, NaN or infinite
     */
    public Builder budget(double maxHourlySpend) {
      this.budget = new BudgetGuard(maxHourlySpend);
      return this;
    }

    /**
     * A custom guard, placed after the built-in ones and before bounds; several apply in the
     * order added.
     *
     * @param g the guard
     * @return this builder
     * @throws NullPointerException if {@code g} is null
     */
    public Builder add(Guard g) {
      extra.add(java.util.Objects.requireNonNull(g, "guard"));
      return this;
    }

    /**
     * Builds the chain from the current settings; the builder may be reused.
     *
     * @return a new chain, ending with the bounds
     */
    public GuardChain build() {
      List<Guard> l = new ArrayList<>();
      if (failSafe) {
        l.add(new FailSafeGuard());
      }
      if (!stabilization.isZero()) {
        l.add(new StabilizationGuard(stabilization));
      }
      if (!upCooldown.isZero() || !downCooldown.isZero()) {
        l.add(new CooldownGuard(upCooldown, downCooldown));
      }
      if (backoff != null) {
        l.add(backoff);
      }
      if (step != null) {
        l.add(step);
      }
      l.addAll(rates);
      if (budget != null) {
        l.add(budget);
      }
      l.addAll(extra);
      l.add(new BoundsGuard(min, max));
      return new GuardChain(l);
    }
  }
}
