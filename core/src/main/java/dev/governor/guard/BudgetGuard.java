package dev.governor.guard;

/**
 * A spend ceiling: scale-out may not take the fleet's hourly price above {@code maxHourlySpend}.
 * It only limits growth; it never removes capacity that is already there.
 */
public final class BudgetGuard implements Guard {
  private final double maxHourlySpend;

  public BudgetGuard(double maxHourlySpend) {
    if (!(maxHourlySpend >= 0) || Double.isInfinite(maxHourlySpend)) {
      throw new IllegalArgumentException("maxHourlySpend must be >= 0 and finite, but was " + maxHourlySpend);
    }
    this.maxHourlySpend = maxHourlySpend;
  }

  @Override
  public String name() {
    return "budget";
  }

  @Override
  public GuardEffect apply(GuardContext ctx, int desired) {
    int current = ctx.current();
    if (desired <= current) {
      return GuardEffect.unchanged(name(), desired);
    }
    double price = ctx.launchType().hourlyPrice();
    if (price <= 0) {
      return GuardEffect.unchanged(name(), desired);
    }
    double spend = ctx.fleet().hourlyCost();
    int affordable = (int) Math.floor((maxHourlySpend - spend) / price + 1e-9);
    int after = Math.max(current, current + Math.max(0, affordable));
    if (after >= desired) {
      return GuardEffect.unchanged(name(), desired);
    }
    return new GuardEffect(name(), desired, after, String.format(java.util.Locale.ROOT,
        "hourly budget %.2f: fleet costs %.2f/h, room for %d more at %.4f/h", maxHourlySpend, spend, Math.max(0, affordable), price));
  }
}
