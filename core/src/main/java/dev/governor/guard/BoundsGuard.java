package dev.governor.guard;

/**
 * Keeps desired capacity within [min, max] instances: {@code after = min(max(desired, min), max)}.
 * Put it last: bounds hold whatever other guards say. A {@link GuardChain} also holds a failed
 * guard's capacity within its bounds. Immutable.
 */
public final class BoundsGuard implements Guard {
  private final int min;
  private final int max;

  /**
   * Bounds of [{@code min}, {@code max}] instances.
   *
   * @param min the fewest instances; &gt;= 0
   * @param max the most instances; &gt;= {@code min}
   * @throws IllegalArgumentException if {@code min < 0} or {@code max < min}
   */
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

  /**
   * The lower bound.
   *
   * @return the fewest instances the desired capacity may be
   */
  public int min() {
    return min;
  }

  /**
   * The upper bound.
   *
   * @return the most instances the desired capacity may be
   */
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
