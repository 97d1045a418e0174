package dev.governor.guard;

/**
 * A spend ceiling: scale-out may not take the fleet's hourly price above {@code maxHourlySpend}.
 * It only limits growth; it never removes capacity that is already there. Launches in flight
 * that the fleet does not list yet are counted at the launch type's price:
 * {@code spend = fleet.hourlyCost() + inFlight * price},
 * {@code room = max(0, floor((maxHourlySpend - spend) / price))}, and a scale-out is capped at
 * {@code current + room}. A launch type priced at 0 is not limited. Prices are per hour, in the
 * currency of {@link dev.governor.fleet.InstanceType#hourlyPrice()}. Immutable.
 */
public final class BudgetGuard implements Guard {
  private final double maxHourlySpend;

  /**
   * A ceiling of {@code maxHourlySpend} per hour for the whole fleet.
   *
   * @param maxHourlySpend the most the fleet may cost per hour; finite, &gt;= 0
   * @throws IllegalArgumentException if {@code maxHourlySpend} is negative, NaN or infinite
   */
  public BudgetGuard(double maxHourlySpend) {
    if (!(maxHourlySpend >= 0) || Double.isInfinite(maxHourlySpend)) {
      throw new IllegalArgumentException("maxHourlySpend must be >= 0 and finite, but was " + maxHourlySpend);
    }
    this.maxHourlySpend = maxHourlySpend;
  }

  /**
   * The ceiling.
   *
   * @return the most the fleet may cost per hour
   */
  public double maxHourlySpend() {
    return maxHourlySpend;
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
    double spend = ctx.fleet().hourlyCost() + ctx.inFlight() * price;
    // In doubles: a large budget has room for more instances than an int holds.
    double room = Math.max(0, Math.floor((maxHourlySpend - spend) / price + 1e-9));
    if (room >= (double) desired - current) {
      return GuardEffect.unchanged(name(), desired);
    }
    int after = current + (int) room; // room < desired - current, so this fits in an int
    return new GuardEffect(name(), desired, after, String.format(java.util.Locale.ROOT,
        "hourly budget %.2f: fleet costs %.2f/h, room for %d more at %.4f/h", maxHourlySpend, spend, (int) room, price));
  }
}
