package dev.governor.guard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the usual guard chain in the right order. */
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
   */
  public static GuardChain standard(int min, int max) {
    return builder(min, max).build();
  }

  public static Builder builder(int min, int max) {
    return new Builder(min, max);
  }

  /** Assembles a chain: fail-safe, stabilization, cooldown, launch back-off, step, rate limits, budget, custom, then bounds. */
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

    public Builder failSafe(boolean on) {
      this.failSafe = on;
      return this;
    }

    public Builder stabilization(Duration window) {
      new StabilizationGuard(window);
      this.stabilization = window;
      return this;
    }

    public Builder cooldowns(Duration up, Duration down) {
      new CooldownGuard(up, down);
      this.upCooldown = up;
      this.downCooldown = down;
      return this;
    }

    /** Replaces the standard step limit ({@link StepLimitGuard#standard()}); {@code null} turns it off. */
    public Builder stepLimit(StepLimitGuard g) {
      this.step = g;
      return this;
    }

    public Builder rateLimit(RateLimitGuard g) {
      rates.add(java.util.Objects.requireNonNull(g, "rateLimit"));
      return this;
    }

    /** Back-off after failed launches; {@code null} turns it off. */
    public Builder launchBackoff(LaunchBackoffGuard g) {
      this.backoff = g;
      return this;
    }

    public Builder budget(double maxHourlySpend) {
      this.budget = new BudgetGuard(maxHourlySpend);
      return this;
    }

    /** A custom guard, placed before bounds. */
    public Builder add(Guard g) {
      extra.add(java.util.Objects.requireNonNull(g, "guard"));
      return this;
    }

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
