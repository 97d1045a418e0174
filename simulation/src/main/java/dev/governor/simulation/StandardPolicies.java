package dev.governor.simulation;

import dev.governor.fleet.JobClass;
import dev.governor.policy.HybridConfig;
import dev.governor.policy.HybridPolicy;
import dev.governor.policy.ScalingPolicy;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in registry entries and how each takes its natural parameters from the scenario
 * (listed in {@code --help}): {@code governor}, the core's baselines (when the core on the class
 * path has them), {@code static} and {@code oracle}.
 */
final class StandardPolicies {
  private static final Logger LOG = LoggerFactory.getLogger(StandardPolicies.class);
  private static final String BASELINES = "dev.governor.policy.baseline.Baselines";

  private StandardPolicies() {}

  static void register(PolicyRegistry r) {
    r.register(HybridPolicy.NAME,
        "the flagship hybrid (queue drain + arrival rate + bursts), HybridConfig defaults (target utilisation "
            + HybridConfig.DEFAULT_TARGET_UTILIZATION + "); the standard guard chain within [min, max]",
        ctx -> PolicySetup.of(new HybridPolicy(HybridConfig.custom()
            .targetUtilization(ctx.param("targetUtilization", HybridConfig.DEFAULT_TARGET_UTILIZATION)).build())),
        Knob.of("targetUtilization", "busy share of the slots the rate term aims at", 0.5, 0.6, 0.7, 0.8, 0.85, 0.9,
            0.95));
    boolean baselines = registerBaselines(r);
    if (!baselines) {
      r.register(StaticPolicy.NAME, STATIC_DESCRIPTION, ctx -> {
        int n = staticSize(ctx);
        return PolicySetup.of(new StaticPolicy(n)).withBoundsOnly().withInitialInstances(n);
      }, headroom());
    }
    r.register(OraclePolicy.NAME,
        "clairvoyant reference: knows future arrivals; per tick in [now, now + boot + tick] wants "
            + "ceil((a + beta·sqrt(a)) / slots) for offered load a busy slots, plus the backlog drained in "
            + "max(tick, deadline/2); beta 1.0; guards: bounds only",
        ctx -> PolicySetup.of(new OraclePolicy(ctx.future(), ctx.param("beta", OraclePolicy.DEFAULT_BETA)))
            .withBoundsOnly(),
        Knob.of("beta", "square-root staffing safety factor", 0, 0.25, 0.5, 1, 1.5, 2, 3));
  }

  private static final String STATIC_DESCRIPTION = "a fixed fleet sized for the trace's peak: ceil(headroom × peak "
      + "expected demand), demand = expected work per tick ÷ (slots × tick); starts at that size; guards: bounds only";

  private static Knob headroom() {
    return Knob.of("headroom", "fleet size as a multiple of the peak expected demand", 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
        0.9, 1.0, 1.2, 1.5);
  }

  /** ceil(headroom × peak expected demand), within the scenario's bounds. */
  static int staticSize(RunContext ctx) {
    int peak = ctx.trace().peakExpectedDemand(ctx.scenario().slots());
    int n = (int) Math.ceil(ctx.param("headroom", 1.0) * peak - 1e-9);
    return Math.max(ctx.scenario().min(), Math.min(ctx.scenario().max(), n));
  }

  /**
   * The core's {@code Baselines} registry, found by name so that this module builds and runs
   * against a core without it; each baseline gets {@code Baselines.Params.forJobClasses} from the
   * scenario. {@code static} and {@code scheduled} are sized for the trace's peak (their maximum
   * is {@link #staticSize}), not the scenario's maximum of 1000.
   */
  private static boolean registerBaselines(PolicyRegistry r) {
    Method names;
    Method create;
    Method params;
    try {
      Class<?> b = Class.forName(BASELINES);
      Class<?> p = Class.forName(BASELINES + "$Params");
      names = b.getMethod("names");
      create = b.getMethod("create", String.class, p);
      params = p.getMethod("forJobClasses", List.class, int.class, int.class, int.class, Duration.class);
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.debug("no baselines in this core ({})", e.toString());
      return false;
    }
    List<?> list;
    try {
      list = (List<?>) names.invoke(null);
    } catch (ReflectiveOperationException e) {
      LOG.warn("cannot list the core's baselines", e);
      return false;
    }
    boolean hasStatic = false;
    for (Object o : list) {
      String name = (String) o;
      boolean sized = name.equals("static") || name.equals("scheduled");
      hasStatic |= name.equals(StaticPolicy.NAME);
      PolicyFactory f = ctx -> {
        Scenario sc = ctx.scenario();
        List<JobClass> classes = new ArrayList<>();
        for (String c : ctx.trace().classes()) {
          JobClassSpec spec = sc.classSpec(c);
          double k = ctx.param("targetScale", 1.0);
          classes.add(new JobClassSpec(c, spec.serviceTime(), spec.serviceCv(),
              Duration.ofNanos(Math.max(1, Math.round(spec.deadline().toNanos() * k))), spec.priority()).toJobClass());
        }
        int max = sized ? staticSize(ctx) : sc.max();
        int min = Math.min(sc.min(), max);
        try {
          Object p = params.invoke(null, classes, sc.slots(), min, max, sc.tick());
          ScalingPolicy policy = (ScalingPolicy) create.invoke(null, name, p);
          PolicySetup s = PolicySetup.of(policy).withName(name).withBoundsOnly();
          return name.equals("static") ? s.withInitialInstances(max) : s;
        } catch (InvocationTargetException e) {
          throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot create baseline " + name, e);
        }
      };
      if (sized) {
        r.register(name, name.equals("static") ? STATIC_DESCRIPTION
            : "the core's scheduled baseline: the peak-sized fleet (as static) Monday–Friday 08:00–20:00 UTC, min otherwise",
            f, headroom());
      } else {
        r.register(name, "the core's " + name + " baseline (Baselines." + name + "), target backlog per instance B = "
            + "deadline ÷ service time × slots (× targetScale); guards: bounds only (it brings its own rules)", f,
            Knob.of("targetScale", "multiplies the baseline's target B (higher: fewer instances)", 0.25, 0.5, 0.75, 1,
                1.5, 2, 3));
      }
    }
    return hasStatic;
  }
}
