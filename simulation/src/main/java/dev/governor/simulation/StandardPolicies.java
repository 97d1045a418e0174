package dev.governor.simulation;

/**
 * The built-in registry entries and how each takes its natural parameters from the scenario.
 * Listed in {@code --help}; the baselines join as they land in the core.
 */
final class StandardPolicies {
  private StandardPolicies() {}

  static void register(PolicyRegistry r) {
    r.register(StaticPolicy.NAME,
        "a fixed fleet sized for the trace's peak: ceil(headroom × peak expected demand), demand = work per tick "
            + "÷ (slots × tick); starts at that size; guards: bounds only",
        ctx -> {
          int peak = ctx.trace().peakExpectedDemand(ctx.scenario().slots());
          int n = (int) Math.ceil(ctx.param("headroom", 1.0) * peak - 1e-9);
          n = Math.max(ctx.scenario().min(), Math.min(ctx.scenario().max(), n));
          return PolicySetup.of(new StaticPolicy(n)).withBoundsOnly().withInitialInstances(n);
        },
        Knob.of("headroom", "fleet size as a multiple of the peak expected demand", 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
            0.9, 1.0, 1.2, 1.5));
    r.register(OraclePolicy.NAME,
        "clairvoyant reference: knows future arrivals; per tick in [now, now + boot + tick] wants "
            + "ceil((a + beta·sqrt(a)) / slots) for offered load a busy slots, plus the backlog drained in "
            + "max(tick, deadline/2); beta 1.0; guards: bounds only",
        ctx -> PolicySetup.of(new OraclePolicy(ctx.future(), ctx.param("beta", OraclePolicy.DEFAULT_BETA)))
            .withBoundsOnly(),
        Knob.of("beta", "square-root staffing safety factor", 0, 0.25, 0.5, 1, 1.5, 2, 3));
  }
}
