package dev.governor.guard;

/**
 * Limits how much one tick may change capacity, per direction: a step may be at most
 * {@code max(instances, ceil(current × percent / 100))}. Use {@code Integer.MAX_VALUE} / 0 % for
 * "no absolute limit" / "no percentage allowance".
 */
public final class StepLimitGuard implements Guard {
  private final int maxUp;
  private final double maxUpPercent;
  private final int maxDown;
  private final double maxDownPercent;

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

  /** Absolute limits only. */
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
