package dev.governor.simulation;

import dev.governor.fleet.JobClass;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import java.time.Instant;
import java.util.Objects;

/**
 * A heuristic that sees the future: it sees the jobs that will arrive ({@link FutureView}) and
 * sizes the fleet for them by a rule of thumb. Not a real policy — no one knows the future — and
 * not an optimum either: online policies can cost less (the offline optimum is {@code optimal},
 * {@link dev.governor.simulation.optimum.OptimalPlanner}). Formerly named {@code oracle}.
 *
 * <p>Capacity launched now serves from {@code now + boot} until the next decision's launches
 * arrive at {@code now + tick + boot}, and capacity kept now serves from now on. A job may wait up
 * to its deadline D (the shortest over the job classes), so what must be served is the load
 * averaged over windows of {@code W = max(1, floor(D / 2 / tick)) × tick} (D/2 in whole ticks, at
 * least one), not each tick's burst. For each tick start {@code τ = now + i × tick},
 * {@code i = 0 .. ceil((boot + tick) / tick)}, the offered load is
 * {@code a = work arriving in [τ, τ + W) ÷ W} busy slots, which needs {@code a + β·√a} slots
 * (square-root staffing: β trades waiting against idle slots); the lookahead asks for the most any
 * τ needs, {@code ⌈(a + β√a) / slots⌉}, plus the jobs already waiting drained within W:
 * {@code ⌈Σ visible × service ÷ (slots × W)⌉}, summed over the classes with their last known
 * visible depth (0 if none yet) and service-time estimate. Boot is the context's boot time, slots
 * those of the launch type.
 *
 * <p>Keeps no state between ticks; it reads the {@link FutureView} it was built with, which
 * belongs to one replay.
 */
public final class LookaheadPolicy implements ScalingPolicy {
  /** The policy's name, in reports and the registry: {@value}. */
  public static final String NAME = "lookahead";
  /** The square-root staffing factor β the registry entry uses unless tuned: {@value}. */
  public static final double DEFAULT_BETA = 1.0;

  private final FutureView future;
  private final double beta;

  /**
   * A lookahead over one replay's future jobs.
   *
   * @param future the jobs the replay will draw ({@link RunContext#future()})
   * @param beta the square-root staffing factor β: 0 sizes for the mean load alone, larger adds
   *     {@code β·√a} slots of safety (finite, {@code >= 0}; {@link #DEFAULT_BETA} is 1)
   * @throws NullPointerException if {@code future} is null
   * @throws IllegalArgumentException if {@code beta} is negative, NaN or infinite
   */
  public LookaheadPolicy(FutureView future, double beta) {
    this.future = Objects.requireNonNull(future, "future");
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be >= 0 and finite, but was " + beta);
    }
    this.beta = beta;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Proposal propose(PolicyContext ctx) {
    double tick = ctx.tickSeconds();
    int slots = ctx.launchType().slots();
    double backlogWork = 0;
    double deadline = Double.POSITIVE_INFINITY;
    for (JobClass c : ctx.jobClasses()) {
      backlogWork += ctx.snapshot().lastKnownOr(c.visibleSignal(), 0) * ctx.serviceSeconds(c);
      deadline = Math.min(deadline, c.maxQueueWait().toNanos() / 1e9);
    }
    int ticksPerWindow = Math.max(1, (int) Math.floor(deadline / 2 / tick));
    double window = ticksPerWindow * tick;
    int steps = (int) Math.ceil((ctx.bootSeconds() + tick) / tick - 1e-9) + 1;
    int need = 0;
    double peakLoad = 0;
    for (int i = 0; i < steps; i++) {
      Instant from = ctx.now().plusNanos(Math.round(i * tick * 1e9));
      Instant until = ctx.now().plusNanos(Math.round((i + ticksPerWindow) * tick * 1e9));
      double a = future.workSeconds(from, until) / window;
      peakLoad = Math.max(peakLoad, a);
      need = Math.max(need, (int) Math.ceil((a + beta * Math.sqrt(a)) / slots - 1e-9));
    }
    int drain = (int) Math.ceil(backlogWork / (slots * window) - 1e-9);
    return Proposal.of(need + drain,
        Reason.of(NAME, "peak offered load " + Math.round(peakLoad * 10) / 10.0 + " busy slots over " + window
            + " s windows in the next " + steps + " ticks → " + need + " instances"),
        Reason.of(NAME + ".backlog", Math.round(backlogWork) + " s of queued work → " + drain + " more"));
  }
}
