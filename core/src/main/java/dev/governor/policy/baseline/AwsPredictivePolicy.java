package dev.governor.policy.baseline;

import dev.governor.fleet.JobClass;
import dev.governor.policy.MaxPolicy;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import dev.governor.signal.SignalNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * EC2 predictive scaling as a {@link ScalingPolicy}. Each tick adds the load (Σ arrivals × service
 * seconds) to the hour it falls in; once 24 h of hours are complete it forecasts with
 * {@link AwsPredictive#forecast} every 6 h and schedules, for now, the larger capacity of this hour
 * and of the hour {@code SchedulingBufferTime} ahead. Until then, and in ForecastOnly mode, it holds
 * the current capacity and says why (beside a dynamic policy: the group minimum, no floor). State:
 * the hourly history (14 days) and the last forecast. Not thread-safe: one instance serves one
 * controller.
 */
public final class AwsPredictivePolicy implements ScalingPolicy {
  private final AwsPredictiveConfig config;
  private final Map<Instant, double[]> sums = new HashMap<>();
  private SortedMap<Instant, Double> forecast;
  private Instant forecastAt;

  /**
   * A policy with no history: it holds until 24 h of load are observed, unless warm-started.
   *
   * @param config the predictive scaling policy
   * @throws IllegalArgumentException if {@code config} is null
   */
  public AwsPredictivePolicy(AwsPredictiveConfig config) {
    this.config = Check.notNull("config", config);
  }

  /**
   * Predictive scaling beside a dynamic policy, as AWS recommends: the group's desired capacity is
   * the larger of the two, so the forecast is a floor the dynamic policy scales above and in to.
   *
   * @param config the predictive policy (used with {@code standalone = false})
   * @param dynamic the dynamic policy, e.g. a {@link TargetTrackingPolicy}
   * @return a max-of policy named {@code config.name()}
   */
  public static ScalingPolicy withDynamic(AwsPredictiveConfig config, ScalingPolicy dynamic) {
    return new MaxPolicy(config.name(), List.of(new AwsPredictivePolicy(config.withStandalone(false)), dynamic));
  }

  @Override
  public String name() {
    return config.name();
  }

  /**
   * Learns a history in one go, e.g. the last 14 days of the load metric, hour by hour. Each
   * entry replaces what this policy had for its hour; null, non-finite and negative values are
   * skipped. Entries older than 14 days are dropped at the next tick.
   *
   * @param hourlyLoad the load (busy slots) by time, taken as the whole hour containing it
   */
  public void warmStart(Map<Instant, Double> hourlyLoad) {
    hourlyLoad.forEach((t, v) -> {
      if (v != null && Double.isFinite(v) && v >= 0) {
        sums.put(AwsPredictive.hourOf(t), new double[] {v, 1});
      }
    });
  }

  /**
   * Learns the hourly load from past arrivals (Σ arrivals × service time, the service time from
   * {@code jobs.<class>.service_s} where the history has it, else the class's prior), as predictive
   * scaling reads the last 14 days of its load metric. The latest service time in the history is
   * used for every past hour; each hour's load is the sum over the classes of the mean
   * {@code arrivals × service time} (exactly so when every class has as many samples in the hour).
   *
   * @param history past signals: {@code queue.<class>.arrivals_per_s} and optionally
   *     {@code jobs.<class>.service_s}
   * @param jobClasses the controller's job classes (filtered by the config's {@code classes})
   */
  @Override
  public void warmStart(dev.governor.signal.SignalHistory history, Collection<JobClass> jobClasses) {
    Map<Instant, double[]> hours = new HashMap<>();
    for (JobClass c : classes(jobClasses)) {
      var service = history.series(c.serviceTimeSignal());
      double prior = c.serviceTimePrior().toNanos() / 1e9;
      double s = service.isEmpty() ? prior : service.get(service.size() - 1).getValue();
      for (var e : history.series(c.arrivalsSignal())) {
        double[] h = hours.computeIfAbsent(AwsPredictive.hourOf(e.getKey()), k -> new double[2]);
        h[0] += e.getValue() * (s > 0 ? s : prior);
        h[1] += 1.0 / Math.max(1, classes(jobClasses).size());
      }
    }
    Map<Instant, Double> hourly = new HashMap<>();
    hours.forEach((h, v) -> hourly.put(h, v[1] > 0 ? v[0] / v[1] : 0));
    warmStart(hourly);
  }

  @Override
  public Proposal propose(PolicyContext ctx) {
    Instant now = ctx.now();
    int current = ctx.currentCapacity();
    double load = load(ctx);
    if (!Double.isNaN(load)) {
      sums.computeIfAbsent(AwsPredictive.hourOf(now), h -> new double[2]);
      double[] s = sums.get(AwsPredictive.hourOf(now));
      s[0] += load;
      s[1] += 1;
    }
    Instant oldest = AwsPredictive.hourOf(now).minus(AwsPredictive.LOOKBACK).minusSeconds(3600);
    sums.keySet().removeIf(h -> h.isBefore(oldest));
    SortedMap<Instant, Double> hourly = AwsPredictive.hourlyMeans(sums);
    if (!AwsPredictive.enoughHistory(hourly, now)) {
      return idle(current, "not enough data yet: " + AwsPredictive.hoursOfHistory(hourly, now)
          + " h of load history, predictive scaling needs 24 h");
    }
    if (forecast == null || !now.isBefore(forecastAt.plus(AwsPredictive.REFRESH))) {
      forecast = AwsPredictive.forecast(hourly, now);
      forecastAt = now;
    }
    Instant h0 = AwsPredictive.hourOf(now);
    Instant h1 = AwsPredictive.hourOf(now.plus(config.schedulingBufferTime()));
    Double f0 = forecast.get(h0);
    Double f1 = forecast.get(h1);
    if (f0 == null && f1 == null) {
      return idle(current, "no forecast for " + h0 + " (forecast of " + forecastAt + ")");
    }
    int c0 = f0 == null ? 0 : AwsPredictive.capacity(f0, config.targetLoadPerInstance());
    int c1 = f1 == null ? 0 : AwsPredictive.capacity(f1, config.targetLoadPerInstance());
    int raw = Math.max(c0, c1);
    AwsPredictive.Bounded b = AwsPredictive.applyBounds(raw, config.minCapacity(), config.maxCapacity(),
        config.maxCapacityBreachBehavior(), config.maxCapacityBuffer());
    String fc = "forecast load " + Check.n(f0 == null ? Double.NaN : f0) + " for " + h0 + " → " + c0 + ", "
        + Check.n(f1 == null ? Double.NaN : f1) + " for " + h1 + " (buffer " + config.schedulingBufferTime().toSeconds()
        + " s) → " + c1 + "; ceil(load ÷ " + Check.n(config.targetLoadPerInstance()) + " per instance); " + b.rule();
    List<Reason> reasons = new ArrayList<>();
    int desired;
    if (config.mode() == AwsPredictive.Mode.FORECAST_ONLY) {
      Proposal p = idle(current, "ForecastOnly: not scaling, forecast capacity " + b.capacity());
      desired = p.desired();
      reasons.addAll(p.reasons());
    } else if (config.standalone()) {
      desired = Math.max(current, b.capacity());
      reasons.add(Reason.of(name(), desired > current ? "scale out to forecast capacity " + desired
          : "forecast capacity " + b.capacity() + " ≤ current " + current + ": predictive scaling never scales in"));
    } else {
      desired = b.capacity();
      reasons.add(Reason.of(name(), "forecast capacity " + desired + " (a floor; combined by max with dynamic scaling)"));
    }
    reasons.add(Reason.of(name() + ".forecast", fc));
    return new Proposal(desired, reasons);
  }

  /**
   * Predictive scaling sets no capacity: alone it leaves the current one; as a floor beside a
   * dynamic policy it asks for no more than the group minimum, so the dynamic policy decides.
   */
  private Proposal idle(int current, String why) {
    return config.standalone() ? Proposal.hold(current, name(), why + "; holding " + current)
        : Proposal.hold(config.minCapacity(), name(), why + "; no floor above the minimum " + config.minCapacity());
  }

  private double load(PolicyContext ctx) {
    double total = 0;
    for (JobClass c : classes(ctx.jobClasses())) {
      double a = ctx.snapshot().valueOr(SignalNames.arrivals(c.name()), Double.NaN);
      if (Double.isNaN(a)) {
        return Double.NaN;
      }
      total += a * ctx.serviceSeconds(c);
    }
    return total;
  }

  private List<JobClass> classes(Collection<JobClass> all) {
    List<JobClass> out = new ArrayList<>();
    for (JobClass c : all) {
      if (config.classes().isEmpty() || config.classes().contains(c.name())) {
        out.add(c);
      }
    }
    return out;
  }

  @Override
  public Set<String> requiredSignals(Collection<JobClass> jobClasses) {
    Set<String> s = new TreeSet<>();
    for (JobClass c : classes(jobClasses)) {
      s.add(SignalNames.arrivals(c.name()));
    }
    return s;
  }
}
