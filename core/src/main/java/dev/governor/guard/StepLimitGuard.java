package dev.governor.guard;

/**
 * Limits how much one tick may change capacity, per direction: a step may be at most
 * {@code max(instances, ceil(current × percent / 100))}. Use {@code Integer.MAX_VALUE} / 0 % for
 * "no absolute limit" / "no percentage allowance". A step beyond it goes as far as allowed.
 * Immutable.
 */
public final class StepLimitGuard implements Guard {
  private final int maxUp;
  private final double maxUpPercent;
  private final int maxDown;
  private final double maxDownPercent;

  /**
   * Step limits per direction.
   *
   * @param maxUp instances a scale-out step may always add; &gt;= 0
   * @param maxUpPercent percentage of the current capacity a scale-out step may add, if that is
   *     more than {@code maxUp}; &gt;= 0
   * @param maxDown instances a scale-in step may always remove; &gt;= 0
   * @param maxDownPercent percentage of the current capacity a scale-in step may remove, if that
   *     is more than {@code maxDown}; in [0, 100]
   * @throws IllegalArgumentException if a count is negative, {@code maxUpPercent} is negative or
   *     NaN, or {@code maxDownPercent} is outside [0, 100] or NaN
   */
  public StepLimitGuard(int maxUp, double maxUpPercent, int maxDown, double maxDownPercent) {
    if (maxUp < 0) {
      throw new IllegalArgumentException("maxUp must be >= 0, but was " + maxUp);
    }
    if (maxDown < 0) {
      throw new IllegalArgumentException("maxDown must be >= 0, but was " + maxDown);
    }
    if (!(maxUpPercent >= 0)) {
      throw new IllegalArgumentException("maxUpPercent must be >= 0, but was " + maxUpPercent);
    }
    if (!(maxDownPercent >= 0 && maxDownPercent <= 100)) {
      throw new IllegalArgumentException("maxDownPercent must be in [0, 100], but was " + maxDownPercent);
    }
    this.maxUp = maxUp;
    this.maxUpPercent = maxUpPercent;
    this.maxDown = maxDown;
    this.maxDownPercent = maxDownPercent;
  }

  /** Instances a scale-out step may always add, whatever the current capacity ({@link #standard()}). */
  public static final int STANDARD_MAX_UP = 32;
  /** Percentage of the current capacity a scale-out step may add ({@link #standard()}). */
  public static final double STANDARD_MAX_UP_PERCENT = 1500;

  /**
   * The standard chain's limit: one tick adds at most {@code max(32, 15 × current)} instances
   * (the fleet may grow 16-fold) and scale-in is not limited (stabilization paces it). This is the
   * Kubernetes HPA's default scale-up policy, max(4 pods, 100 %) per 15 s, compounded over the four
   * 15-second periods of a one-minute tick (0 → 4 → 8 → 16 → 32; n → 16n). A genuine burst on a
   * fleet of 10 gets up to 160 instances in the tick that sees it and the rest in the next; one
   * absurd reading (a depth of 1e18) cannot take 2 instances to 10,000 in one tick.
   *
   * @return a new guard that adds at most {@code max(32, 15 * current)} instances per tick and
   *     removes any number
   */
  public static StepLimitGuard standard() {
    return new StepLimitGuard(STANDARD_MAX_UP, STANDARD_MAX_UP_PERCENT, Integer.MAX_VALUE, 100);
  }

  /**
   * Absolute limits only (no percentage allowance).
   *
   * @param maxUp the most instances one tick may add; &gt;= 0
   * @param maxDown the most instances one tick may remove; &gt;= 0
   * @return a new guard
   * @throws IllegalArgumentException if {@code maxUp} or {@code maxDown} is negative
   */
  public static StepLimitGuard of(int maxUp, int maxDown) {
    return new StepLimitGuard(maxUp, 0, maxDown, 0);
  }

  @Override
  public String name() {
    return "step-limit";
  }

  @Override
  public GuardEffect apply(GuardContext ctx, int desired) {
    int current = ctx.current();
    if (desired > current) {
      long allowed = Math.max(maxUp, (long) Math.ceil(current * maxUpPercent / 100.0));
      if (desired - current > allowed) {
        int after = (int) Math.min(Integer.MAX_VALUE, current + allowed);
        return new GuardEffect(name(), desired, after, "scale-out step limited to +" + allowed + " per tick");
      }
    } else if (desired < current) {
      long allowed = Math.max(maxDown, (long) Math.ceil(current * maxDownPercent / 100.0));
      if (current - desired > allowed) {
        int after = (int) (current - allowed);
        return new GuardEffect(name(), desired, after, "scale-in step limited to -" + allowed + " per tick");
      }
    }
    return GuardEffect.unchanged(name(), desired);
  }
}
