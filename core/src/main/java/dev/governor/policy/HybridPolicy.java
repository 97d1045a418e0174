package dev.governor.policy;

import dev.governor.fleet.JobClass;
import dev.governor.predict.Forecast;
import dev.governor.signal.Reading;
import dev.governor.signal.Snapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The flagship policy: queue drain + forecast, with burst detection.
 *
 * <p>For every job class c, with service time s_c (measured online, prior until then), objective
 * D_c (max queue wait), boot lead L (launch type's boot time), tick T and target utilisation u:
 * <pre>
 *   λ̂_c      = arrival rate: the arrivals signal when fresh, else the depth change plus completions
 *   λ_c      = λ_base + a·(λ̂_c − λ_base)        (EWMA, a = rateSmoothing; bursts do not feed it)
 *   rate_c   = max(λ_c, λ_fc) · s_c / u          (Little's law: slots kept busy by the stream)
 *   H        = min_c max(D_c, L + T)
 *   drain    = max(0, Σ_c B_c·s_c − max(0, C − Σ_c λ_c·s_c)·L) / (H − L)
 *   desired  = ⌈ (⌊Σ_c rate_c⌋_k + drain) / k ⌉        k = slots per instance, ⌊x⌋_k = x rounded down to whole instances
 * </pre>
 * The streams' part rounds down: its fraction of an instance is carried by the queue, and the
 * catch-up part (rounded up) adds the instance once that backlog could miss its deadline.
 * The catch-up term (a Flink-style catch-up rate) starts the backlog B_c before the tightest
 * deadline; what the C running slots leave spare works on it while new instances boot, so a
 * backlog the fleet can absorb launches nothing. Without an arrivals signal the jobs in flight
 * floor rate_c (with one, Little's law already counts them).
 * where λ_c stays at the pre-burst λ_base when this tick is a burst (the burst's jobs are already in
 * B_c; counting them as a sustained rate too would overshoot), and λ_fc is the forecast of the
 * class's arrivals at now + L + T (point, or upper quantile if configured) — the predictive lead
 * that has machines booted when a predictable peak arrives. The forecast can only raise the
 * result above the reactive part, so the forecast alone never scales in.
 *
 * <p><b>Bursts</b>: a tick is a burst when the visible depth grew by more than
 * {@code max(burstMinJobs, burstFactor · λ_base · Δt)}, or the arrival rate jumped above
 * {@code burstFactor · λ_base} by at least burstMinJobs per tick. Queue depth is current at the
 * tick (arrival counts lag by one), so a 10,000-job click is answered in the first tick that sees
 * it, through its drain term.
 *
 * <p>In-flight work: with a measured arrival rate, Little's law already counts it (λ·s is the
 * expected number of jobs in service); without one, the jobs in flight floor the rate part. A busy
 * worker is never terminated either way (the planner drains it). Booting instances are counted
 * by the controller as capacity coming (desired is compared with RUNNING + PENDING). With no
 * fresh queue depth for any class the policy holds current capacity.
 *
 * <p>State kept between ticks: λ_base per class. Not thread-safe (the engine is single-threaded).
 */
public final class HybridPolicy implements ScalingPolicy {
  public static final String NAME = "governor";

  private final HybridConfig config;
  private final Map<String, Double> baseRate = new HashMap<>();

  public HybridPolicy(HybridConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public static HybridPolicy ofDefaults() {
    return new HybridPolicy(HybridConfig.ofDefaults());
  }

  public HybridConfig config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> requiredSignals(Collection<JobClass> jobClasses) {
    Set<String> s = new TreeSet<>();
    for (JobClass c : jobClasses) {
      s.add(c.visibleSignal());
      s.add(c.inflightSignal());
    }
    return s;
  }

  /** The per-class result of {@link #classSlots}: the rate part, the class's horizon and whether a burst was seen. */
  public record ClassDemand(double rateSlots, double backlogWork, double horizon, double inflight, boolean inflightFloor,
      double lambda, double lambdaBase, double lambdaForecast, boolean burst, double burstJobs) {
    /** The rate part, floored by the jobs in flight when the rate was not measured. */
    public double steadySlots() {
      return inflightFloor ? Math.max(rateSlots, inflight) : rateSlots;
    }

    /** Slot-seconds per second the class's stream keeps busy (λ·s at 100 %). */
    public double busyRate(double serviceSeconds) {
      return Math.max(lambdaBase, lambdaForecast) * serviceSeconds;
    }
  }

  /**
   * The pure per-class core. All rates per second, times in seconds.
   *
   * @param lambda current arrival rate estimate λ̂
   * @param rateMeasured whether λ̂ comes from an arrivals signal (else in-flight jobs floor the rate part)
   * @param lambdaBase smoothed arrival rate before this tick (NaN if unknown yet)
   * @param lambdaForecast forecast rate at now + L + T (NaN if none)
   * @param backlog waiting jobs B
   * @param backlogGrowth growth of waiting jobs since the previous tick (NaN if unknown)
   * @param inflight jobs being served
   * @param dt seconds since the previous tick
   */
  public static ClassDemand classSlots(HybridConfig cfg, double lambda, boolean rateMeasured, double lambdaBase,
      double lambdaForecast, double backlog, double backlogGrowth, double inflight, double serviceSeconds, double deadlineSeconds, double bootSeconds, double tickSeconds, double dt) {
    double base = Double.isNaN(lambdaBase) ? lambda : lambdaBase;
    double expected = base * dt;
    boolean depthBurst = !Double.isNaN(backlogGrowth)
        && backlogGrowth >= cfg.burstMinJobs() && backlogGrowth > cfg.burstFactor() * expected;
    boolean rateBurst = !Double.isNaN(lambdaBase)
        && lambda > cfg.burstFactor() * lambdaBase && (lambda - lambdaBase) * tickSeconds >= cfg.burstMinJobs();
    boolean burst = depthBurst || rateBurst;
    // The rate part follows the smoothed rate (one minute of Poisson arrivals is noisy and a max
    // with a forecast would turn that noise into capacity); the catch-up part reacts at once.
    double sustained = burst || Double.isNaN(lambdaBase) ? base : lambdaBase + cfg.rateSmoothing() * (lambda - lambdaBase);
    double fc = Double.isNaN(lambdaForecast) ? 0 : lambdaForecast;
    double rateSlots = Math.max(sustained, fc) * serviceSeconds / cfg.targetUtilization();
    // FIFO: the oldest job is at the head and starts with the next free slot; the binding deadline
    // is the newest waiting job's, about D from now.
    double horizon = Math.max(deadlineSeconds, bootSeconds + tickSeconds);
    double burstJobs = depthBurst ? backlogGrowth : burst ? (lambda - base) * tickSeconds : 0;
    return new ClassDemand(rateSlots, backlog * serviceSeconds, horizon, inflight, !rateMeasured, lambda, sustained, fc,
        burst, burstJobs);
  }

  /**
   * The catch-up part for the whole fleet: the backlog's work W must be *started* before the
   * tightest deadline H (in FIFO order, the newest waiting job's). While new instances boot (L), the running
   * slots C do what the streams leave spare; after that, the extra slots do the rest:
   *
   * <pre>
   *   drain = max(0, W − max(0, C − Σλs)·L) / (H − L)
   * </pre>
   *
   * So a backlog the running slots can absorb launches nothing, and a 10,000-job burst asks at
   * once for what starts it in time. (Requiring the next H seconds of arrivals to be finished by H
   * as well, a stricter fluid bound, bought capacity no deadline needed in replays.)
   *
   * @param backlogWork W = Σ B_c·s_c, slot-seconds
   * @param busyRate Σ λ_c·s_c, slot-seconds per second the streams keep busy
   * @param runningSlots C, slots on RUNNING instances now
   * @param horizon H = min_c max(D_c, L + T)
   * @param bootSeconds L
   */
  public static double catchUpSlots(double backlogWork, double busyRate, double runningSlots, double horizon,
      double bootSeconds) {
    double spare = Math.max(0, runningSlots - busyRate) * bootSeconds;
    return Math.max(0, backlogWork - spare) / (horizon - bootSeconds);
  }

  @Override
  public Proposal propose(PolicyContext ctx) {
    Snapshot snap = ctx.snapshot();
    Snapshot prev = ctx.previous();
    double tickS = ctx.tickSeconds();
    double bootS = ctx.bootSeconds();
    double dt = prev == null ? tickS : Math.max(1e-3, java.time.Duration.between(prev.takenAt(), ctx.now()).toNanos() / 1e9);
    int slotsPerInstance = ctx.launchType().slots();

    List<Reason> reasons = new ArrayList<>(ctx.jobClasses().size() + 2);
    double steadySlots = 0;
    double backlogWork = 0;
    double busyRate = 0;
    double horizon = Double.POSITIVE_INFINITY;
    int freshClasses = 0;
    boolean anyBurst = false;
    for (JobClass c : ctx.jobClasses()) {
      if (snap.isStale(c.visibleSignal())) {
        // Without a fresh depth we cannot size this class; keep its in-flight work covered.
        double inflight = snap.lastKnownOr(c.inflightSignal(), 0);
        steadySlots += inflight;
        reasons.add(Reason.of(c.name(), "queue depth stale or missing; counting only " + fmt(inflight) + " in-flight"));
        continue;
      }
      freshClasses++;
      double visible = snap.valueOr(c.visibleSignal(), 0);
      double inflight = snap.valueOr(c.inflightSignal(), 0);
      double growth = Double.NaN;
      if (prev != null && prev.has(c.visibleSignal())) {
        growth = visible - prev.lastKnownOr(c.visibleSignal(), 0);
      }
      double lambda;
      String lambdaSource;
      Reading arrivals = snap.reading(c.arrivalsSignal());
      if (arrivals != null && !snap.isStale(c.arrivalsSignal())) {
        lambda = arrivals.value();
        lambdaSource = "arrivals";
      } else if (!Double.isNaN(growth)) {
        double completions = snap.valueOr(dev.governor.signal.SignalNames.completions(c.name()), 0);
        double prevInflight = prev.lastKnownOr(c.inflightSignal(), inflight);
        lambda = Math.max(0, (growth + inflight - prevInflight) / dt + completions);
        lambdaSource = "depth change";
      } else {
        lambda = 0;
        lambdaSource = "no rate yet";
      }
      Double base = baseRate.get(c.name());
      double fc = Double.NaN;
      if (config.useForecast()) {
        Forecast f = ctx.forecasts().get(c.arrivalsSignal());
        if (f != null) {
          fc = config.forecastUpper() ? f.upper() : f.point();
        }
      }
      double s = ctx.serviceSeconds(c);
      double deadline = c.maxQueueWait().toNanos() / 1e9;
      ClassDemand d = classSlots(config, lambda, lambdaSource.equals("arrivals"), base == null ? Double.NaN : base, fc,
          visible, growth, inflight, s, deadline, bootS, tickS, dt);
      if (!d.burst()) {
        baseRate.put(c.name(), d.lambdaBase());
      }
      anyBurst |= d.burst();
      steadySlots += d.steadySlots();
      backlogWork += d.backlogWork();
      busyRate += d.busyRate(s);
      horizon = Math.min(horizon, d.horizon());
      StringBuilder sb = new StringBuilder(120);
      sb.append("λ=").append(fmt(d.lambda())).append("/s (").append(lambdaSource).append(", smoothed ")
          .append(fmt(d.lambdaBase())).append("/s)");
      if (d.lambdaForecast() > 0) {
        sb.append(", forecast ").append(fmt(d.lambdaForecast())).append("/s");
      }
      sb.append(", s=").append(fmt(s)).append("s → ").append(fmt(d.rateSlots())).append(" slots");
      if (d.inflightFloor() && d.inflight() > d.rateSlots()) {
        sb.append(", in-flight ").append(fmt(d.inflight()));
      }
      if (visible > 0) {
        sb.append("; backlog ").append(fmt(visible)).append(" jobs due within ").append(fmt(d.horizon())).append('s');
      }
      if (d.burst()) {
        sb.append("; BURST of ~").append(fmt(d.burstJobs())).append(" jobs (baseline ").append(fmt(d.lambdaBase()))
            .append("/s)");
      }
      reasons.add(Reason.of(c.name(), sb.toString()));
    }
    int current = ctx.currentCapacity();
    double drain = freshClasses == 0 || backlogWork == 0 ? 0
        : catchUpSlots(backlogWork, busyRate, ctx.fleet().runningSlots(), horizon, bootS);
    double totalSlots = steadySlots + drain;
    if (freshClasses == 0) {
      List<Reason> r = new ArrayList<>();
      r.add(Reason.of("hybrid", "no fresh queue depth for any class: holding " + current));
      r.addAll(reasons);
      return new Proposal(Math.max(current, (int) Math.ceil(totalSlots / slotsPerInstance - 1e-9)), r);
    }
    // The streams' share rounds down to whole instances: its fraction is carried by the queue, and
    // once the backlog that builds could miss its deadline the catch-up part (rounded up) pays for
    // it. Rounding both up keeps an idle fraction of an instance on every class, all the time.
    double steadyWhole = Math.floor(steadySlots / slotsPerInstance + 1e-9) * slotsPerInstance;
    int desired = (int) Math.ceil((steadyWhole + drain) / slotsPerInstance - 1e-9);
    if (backlogWork > 0) {
      reasons.add(Reason.of("catch-up", "backlog " + fmt(backlogWork) + " slot-s to start within " + fmt(horizon)
          + " s; running slots spare " + fmt(Math.max(0, ctx.fleet().runningSlots() - busyRate) * bootS)
          + " slot-s during the " + fmt(bootS) + " s boot lead → +" + fmt(drain) + " slots"));
    }
    if (ctx.history().launchFailures() > 0 && desired > current) {
      // The launch-backoff guard decides when to ask again; say why capacity may not come.
      reasons.add(Reason.of("provider", ctx.history().launchFailures() + " failed launch(es) in a row, last: "
          + ctx.history().lastLaunchError()));
    }
    reasons.add(0, Reason.of(anyBurst ? "burst" : "hybrid",
        fmt(steadySlots) + " steady + " + fmt(drain) + " catch-up slots / " + slotsPerInstance + " per instance = "
            + desired + " instances (have " + current + ")"));
    return new Proposal(desired, reasons);
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    double r = Math.round(v * 100) / 100.0;
    return Double.toString(r);
  }
}
