package dev.governor.guard;

/** Keeps desired capacity within [min, max]. Put it last: bounds hold whatever other guards say. */
public final class BoundsGuard implements Guard {
  private final int min;
  private final int max;

  public BoundsGuard(int min, int max) {
    if (min < 0) {
      throw new IllegalArgumentException("min must be >= 0, but was " + min);
    }
    if (max < min) {
      throw new IllegalArgumentException("max must be >= min (" + min + "), but was " + max);
    }
    this.min = min;
    this.max = max;
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  @Override
  public String name() {
    return "bounds";
  }

  @Override
  public GuardEffect apply(GuardContext ctx, int desired) {
    if (desired < min) {
      return new GuardEffect(name(), desired, min, "raised to min " + min);
    }
    if (desired > max) {
      return new GuardEffect(name(), desired, max, "capped at max " + max);
    }
    return GuardEffect.unchanged(name(), desired);
  }
}
