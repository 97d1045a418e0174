package dev.governor.simulation;

import dev.governor.fleet.JobClass;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridConfig;
import dev.governor.policy.HybridPolicy;
import dev.governor.policy.baseline.Baselines;
import dev.governor.predict.Predictors;
import dev.governor.simulation.optimum.OptimalPlanner;
import dev.governor.simulation.optimum.PlanPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in registry entries, in the order of {@code all}, and how each takes its natural
 * parameters from the scenario (also listed by {@code governor-sim policies}): {@code governor},
 * the core's baselines ({@link Baselines}), {@code optimal} (the offline optimum, replayed) and
 * {@code lookahead} (a heuristic that sees the future).
 */
final class StandardPolicies {
  /** The predictor {@code governor} forecasts arrivals with. */
  static final String GOVERNOR_PREDICTOR = "ensemble";

  /**
   * The grid tune and bench search for the baselines' target: 20 values, log-spaced from B/20 to
   * 4·B, fine enough that each baseline is at its best for any objective the bench uses.
   */
  static final double[] TARGET_SCALE_GRID = {0.05, 0.07, 0.1, 0.13, 0.17, 0.22, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
      1.15, 1.35, 1.6, 2.0, 2.8, 4.0};
  /** The grid for the fixed fleets' size: 16 multiples of the peak expected demand. */
  static final double[] HEADROOM_GRID = {0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.5,
      2.0};

  private StandardPolicies() {}

  static void register(PolicyRegistry r) {
    r.register(HybridPolicy.NAME,
        "the flagship hybrid: keeps each job's predicted wait within deadlineShare x its objective under "
            + "pessimistic arrivals (measured forecast error, confidence z), HybridConfig defaults, arrivals "
            + "forecast by the '" + GOVERNOR_PREDICTOR + "' predictor, the standard guard chain within [min, max] "
            + "without a stabilization window (the policy keeps capacity it will need again itself)",
        ctx -> PolicySetup.of(new HybridPolicy(HybridConfig.custom()
                .confidence(ctx.param("confidence", HybridConfig.DEFAULT_CONFIDENCE))
                .deadlineShare(ctx.param("deadlineShare", HybridConfig.DEFAULT_DEADLINE_SHARE))
                .rateSmoothing(ctx.param("rateSmoothing", HybridConfig.DEFAULT_RATE_SMOOTHING))
                .noiseSmoothing(ctx.param("noiseSmoothing", HybridConfig.DEFAULT_NOISE_SMOOTHING))
                .bootMargin(ctx.param("bootMargin", HybridConfig.DEFAULT_BOOT_MARGIN))
                .useForecast(ctx.param("useForecast", 1) > 0)
                .attainmentGoal(ctx.param("attainmentGoal", HybridConfig.DEFAULT_ATTAINMENT_GOAL))
                .feedbackGain(ctx.param("feedbackGain", HybridConfig.DEFAULT_FEEDBACK_GAIN))
                .maxConfidence(ctx.param("maxConfidence", HybridConfig.DEFAULT_MAX_CONFIDENCE))
                .releaseShare(ctx.param("releaseShare", HybridConfig.DEFAULT_RELEASE_SHARE)).build()))
            .withGuards(Guards.builder(ctx.scenario().min(), ctx.scenario().max())
                .stabilization(Duration.ofSeconds(Math.round(60 * ctx.param("stabilizationMinutes", 0)))).build())
            .withArrivalPredictor(Predictors.factory(GOVERNOR_PREDICTOR))
            .withPlanner(dev.governor.action.Planner.drainFirst()), // no termination on a busy report that may lag
        Knob.of("confidence", "z of the pessimistic arrivals (standard deviations of the measured forecast error)",
            0.5, 1, 1.5, 2, 2.5, 3),
        Knob.of("deadlineShare", "share of the objective the predicted wait may fill", 0.6, 0.7, 0.8, 0.9, 1.0));
    for (String name : Baselines.names()) {
      if (name.equals("static") || name.equals("scheduled")) {
        r.register(name, name.equals("static")
                ? "a fixed fleet sized for the trace's peak: ceil(headroom × peak expected demand), demand = expected "
                    + "work per tick ÷ (slots × tick); starts at that size; guards: bounds only"
                : "the peak-sized fleet of static Monday–Friday 08:00–20:00 UTC, min otherwise; guards: bounds only",
            ctx -> {
              int n = staticSize(ctx);
              PolicySetup s = baseline(ctx, name, Math.min(ctx.scenario().min(), n), n);
              return name.equals("static") ? s.withInitialInstances(n) : s;
            },
            Knob.of("headroom", "fleet size as a multiple of the peak expected demand", HEADROOM_GRID));
      } else {
        r.register(name, "the core's " + name + " baseline (see BASELINES.md) with target backlog per instance B = "
                + "deadline ÷ service time × slots (× targetScale); guards: bounds only (it brings its own rules)",
            ctx -> baseline(ctx, name, ctx.scenario().min(), ctx.scenario().max()),
            Knob.of("targetScale", "multiplies the target B (higher: fewer instances)", TARGET_SCALE_GRID));
      }
    }
    r.register(PlanPolicy.NAME,
        "the offline optimum (OptimalPlanner: the cheapest fleet schedule serving every tick's work within "
            + "its deadline, fluid model, exact for one deadline and per-second billing), replayed: asks for the "
            + "plan's alive instances with launches lead ticks early, x (1 + margin) + headroom; lead 1, margin 0, "
            + "headroom 1 where the shortest deadline is under boot + tick (job-level randomness) or billing is "
            + "per period longer than a tick, else 0; guards: "
            + "bounds only",
        ctx -> {
          Scenario sc = ctx.scenario();
          OptimalPlanner.Plan plan = ctx.optimum();
          if (!plan.feasible()) {
            throw new IllegalArgumentException("the offline optimum has no plan within max " + sc.max()
                + " instances: no schedule serves the work within the deadline, or it needs more than 2047 counts");
          }
          int bootTicks = (int) Math.ceil(sc.boot().toNanos() / (double) sc.tick().toNanos() - 1e-9);
          PlanPolicy p = new PlanPolicy(plan, ctx.trace().start(), sc.tick(), bootTicks,
              (int) Math.round(ctx.param("lead", PlanPolicy.DEFAULT_LEAD)),
              (int) Math.round(ctx.param("headroom", PlanPolicy.defaultHeadroom(sc))),
              ctx.param("margin", PlanPolicy.DEFAULT_MARGIN));
          return PolicySetup.of(p).withBoundsOnly().withInitialInstances(p.desired(0));
        },
        Knob.of("lead", "ticks the plan's launches are made early", 0, 1, 2, 3),
        Knob.of("headroom", "instances added to the plan's request", 0, 1, 2),
        Knob.of("margin", "fraction added to the plan's request", 0, 0.02, 0.05, 0.1));
    r.register(LookaheadPolicy.NAME,
        "a heuristic that sees the future (not an optimum): knows future arrivals; for each tick τ in [now, now + boot + tick] takes the "
            + "offered load a (busy slots) over [τ, τ + W), W = deadline/2 in whole ticks (at least one), and wants "
            + "ceil((a + beta·sqrt(a)) / slots), plus the backlog drained within W; beta 1.0; guards: bounds only",
        ctx -> PolicySetup.of(new LookaheadPolicy(ctx.future(), ctx.param("beta", LookaheadPolicy.DEFAULT_BETA)))
            .withBoundsOnly(),
        Knob.of("beta", "square-root staffing safety factor", 0, 0.25, 0.5, 1, 1.5, 2, 3));
  }

  /** ceil(headroom × peak expected demand), within the scenario's bounds. */
  static int staticSize(RunContext ctx) {
    int peak = ctx.trace().peakExpectedDemand(ctx.scenario().slots());
    int n = (int) Math.ceil(ctx.param("headroom", 1.0) * peak - 1e-9);
    return Math.max(Math.max(1, ctx.scenario().min()), Math.min(ctx.scenario().max(), n));
  }

  /**
   * A core baseline with {@code Baselines.Params.forJobClasses} of the trace's classes; the
   * {@code targetScale} knob stretches every deadline, which scales B = deadline ÷ service × slots.
   */
  private static PolicySetup baseline(RunContext ctx, String name, int min, int max) {
    Scenario sc = ctx.scenario();
    double k = ctx.param("targetScale", 1.0);
    List<JobClass> classes = new ArrayList<>();
    for (String c : ctx.trace().classes()) {
      JobClassSpec spec = sc.classSpec(c);
      Duration deadline = Duration.ofNanos(Math.max(1, Math.round(spec.deadline().toNanos() * k)));
      classes.add(new JobClass(c, deadline, spec.serviceTime(), spec.priority()));
    }
    Baselines.Params p = Baselines.Params.forJobClasses(classes, sc.slots(), min, max, sc.tick());
    return PolicySetup.of(Baselines.create(name, p)).withName(name).withBoundsOnly();
  }
}
