package dev.governor.guard;

/**
 * Stale or missing required signals never cause scale-in: while any is stale, desired capacity
 * cannot go below current. Scale-out stays allowed (a burst seen by one fresh signal is real).
 * Which signals are required, and so checked, is the controller's
 * ({@code Controller.requiredSignals()}); staleness follows its {@link dev.governor.signal.Freshness}.
 * Stateless.
 */
public final class FailSafeGuard implements Guard {
  /** The fail-safe; it has no settings. */
  public FailSafeGuard() {}

  @Override
  public String name() {
    return "fail-safe";
  }

  @Override
  public GuardEffect apply(GuardContext ctx, int desired) {
    if (desired < ctx.current() && !ctx.staleRequired().isEmpty()) {
      return new GuardEffect(name(), desired, ctx.current(), "no scale-in on stale or missing signals " + ctx.staleRequired());
    }
    return GuardEffect.unchanged(name(), desired);
  }
}
