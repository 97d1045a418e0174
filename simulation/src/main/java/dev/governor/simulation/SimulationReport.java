package dev.governor.simulation;

import dev.governor.simulation.internal.JsonWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of replaying one trace through one policy: the report contract of the CLI's JSON
 * (every key of {@link #CONTRACT_KEYS}) plus a few counts that explain it, and the per-tick
 * {@link TimeSeries} (not in the JSON). Waits are queue waits: arrival (the first one, for a job
 * that a terminated instance gave back) to the start of service. A job still waiting at the end
 * is booked with its wait so far.
 *
 * @param policy the policy's registry name
 * @param trace the trace's name
 * @param jobs jobs that arrived
 * @param sloAttainment fraction of jobs whose queue wait was at most their class's deadline (1 without jobs)
 * @param waitP50Seconds median queue wait (log-linear histogram, within 0.8 %)
 * @param waitP99Seconds 99th percentile queue wait
 * @param maxWaitSeconds longest queue wait
 * @param instanceHours billed instance-hours (billing granularity and minimum applied, from launch)
 * @param cost instanceHours × price
 * @param lowerBoundInstanceHours service seconds of every job that arrived ÷ slots ÷ 3600: every slot 100 % busy
 *     on all the work, served or not. A bound only for a run that serves all of it: a fleet that
 *     leaves work waiting at the end can cost less (a costRatio below 1)
 * @param costRatio instanceHours ÷ lowerBoundInstanceHours (null in JSON without work)
 * @param utilization busy slot time ÷ billed slot time
 * @param launches instances launched (not counting the starting fleet)
 * @param terminations instances the controller terminated (crashes and failed boots not counted)
 * @param thetaU SPEC under-provisioning accuracy, see {@link Elasticity}
 * @param thetaO SPEC over-provisioning accuracy
 * @param tauU SPEC % time under-provisioned
 * @param tauO SPEC % time over-provisioned
 * @param instability SPEC instability %
 * @param jitter SPEC jitter, per hour
 * @param wallSeconds the simulator's own run time (the only value that differs between identical runs)
 * @param cpuSeconds CPU time of the replaying thread (not in the JSON: it differs between identical runs)
 * @param completed jobs finished within the replay
 * @param unfinished jobs still waiting or in service at the end
 * @param returnedJobs times a running job was put back in the queue by a termination or crash
 * @param crashes instances that crashed (fault injection)
 * @param launchFailures launched instances that never became RUNNING (fault injection)
 * @param failedActions ticks whose action failed in whole or in part (throttling, capacity)
 * @param ticks controller ticks
 * @param seed the scenario's seed
 * @param scale the scenario's scale
 * @param start the replay's first instant
 * @param end the replay's end
 * @param params parameters given to the policy's factory (e.g. by tune); empty for natural ones
 * @param series per-tick values, for charts
 * @param overloaded null, or why the replay stopped early: more jobs waited than the model holds
 *     (the fleet could not keep up); every number then covers the replay up to {@code end}
 * @param perClass the same measures per job class, in the order classes first appear in the trace
 *     ({@code perClass} in the JSON)
 * @param optimumInstanceHours the offline optimum's cost on its model for this trace and scenario
 *     ({@link dev.governor.simulation.optimum.OptimalPlanner}; the same for every run of one
 *     {@link Simulation}); NaN when not computed or infeasible
 * @param optimumPlanningSeconds wall time the optimum took to plan, binning the jobs included (not in
 *     the JSON: it differs between identical runs; the CLI's timing lines print it)
 */
public record SimulationReport(String policy, String trace, long jobs, double sloAttainment, double waitP50Seconds,
    double waitP99Seconds, double maxWaitSeconds, double instanceHours, double cost, double lowerBoundInstanceHours,
    double costRatio, double utilization, long launches, long terminations, double thetaU, double thetaO, double tauU,
    double tauO, double instability, double jitter, double wallSeconds, double cpuSeconds, long completed, long unfinished,
    long returnedJobs, long crashes, long launchFailures, long failedActions, int ticks, long seed, double scale,
    Instant start, Instant end, Map<String, Double> params, TimeSeries series, String overloaded,
    List<ClassReport> perClass, double optimumInstanceHours, double optimumPlanningSeconds) {

  /** The keys every report object carries, in order (DESIGN.md "Report contract"). */
  public static final List<String> CONTRACT_KEYS = List.of("policy", "trace", "jobs", "sloAttainment",
      "waitP50Seconds", "waitP99Seconds", "maxWaitSeconds", "instanceHours", "cost", "lowerBoundInstanceHours",
      "costRatio", "utilization", "launches", "terminations", "thetaU", "thetaO", "tauU", "tauO", "instability",
      "jitter", "wallSeconds", "optimumInstanceHours", "costVsOptimum");

  public SimulationReport {
    params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    perClass = List.copyOf(perClass);
  }

  /** A report without per-class results (one class, or built outside a replay). */
  public SimulationReport(String policy, String trace, long jobs, double sloAttainment, double waitP50Seconds,
      double waitP99Seconds, double maxWaitSeconds, double instanceHours, double cost, double lowerBoundInstanceHours,
      double costRatio, double utilization, long launches, long terminations, double thetaU, double thetaO, double tauU,
      double tauO, double instability, double jitter, double wallSeconds, double cpuSeconds, long completed,
      long unfinished, long returnedJobs, long crashes, long launchFailures, long failedActions, int ticks, long seed,
      double scale, Instant start, Instant end, Map<String, Double> params, TimeSeries series, String overloaded) {
    this(policy, trace, jobs, sloAttainment, waitP50Seconds, waitP99Seconds, maxWaitSeconds, instanceHours, cost,
        lowerBoundInstanceHours, costRatio, utilization, launches, terminations, thetaU, thetaO, tauU, tauO, instability,
        jitter, wallSeconds, cpuSeconds, completed, unfinished, returnedJobs, crashes, launchFailures, failedActions,
        ticks, seed, scale, start, end, params, series, overloaded, List.of(), Double.NaN, 0);
  }

  /** The class named {@code name}, or null. */
  public ClassReport classReport(String name) {
    for (ClassReport c : perClass) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** Whether every class attained at least {@code target} of its own objective (the whole run, without classes). */
  public boolean everyClassMeets(double target) {
    if (perClass.isEmpty()) {
      return sloAttainment >= target;
    }
    for (ClassReport c : perClass) {
      if (c.jobs() > 0 && !c.meets(target)) {
        return false;
      }
    }
    return true;
  }

  /** The lowest attainment over the classes that had jobs (the whole run's without classes). */
  public double worstClassAttainment() {
    double w = perClass.isEmpty() ? sloAttainment : 1.0;
    for (ClassReport c : perClass) {
      if (c.jobs() > 0) {
        w = Math.min(w, c.sloAttainment());
      }
    }
    return w;
  }

  /** Simulated jobs per second of wall time: the simulator's speed (not in the JSON: it is not deterministic). */
  public double jobsPerSecond() {
    return wallSeconds > 0 ? jobs / wallSeconds : Double.NaN;
  }

  /** Simulated jobs per CPU-second of the replaying thread: the speed on one core, whatever else the machine runs. */
  public double jobsPerCpuSecond() {
    return cpuSeconds > 0 ? jobs / cpuSeconds : Double.NaN;
  }

  /** The same report with another wall time (e.g. 0, to compare runs byte for byte). */
  public SimulationReport withWallSeconds(double w) {
    return new SimulationReport(policy, trace, jobs, sloAttainment, waitP50Seconds, waitP99Seconds, maxWaitSeconds,
        instanceHours, cost, lowerBoundInstanceHours, costRatio, utilization, launches, terminations, thetaU, thetaO,
        tauU, tauO, instability, jitter, w, cpuSeconds, completed, unfinished, returnedJobs, crashes, launchFailures, failedActions,
        ticks, seed, scale, start, end, params, series, overloaded, perClass, optimumInstanceHours,
        optimumPlanningSeconds);
  }

  /** The same report with the offline optimum's cost set (the {@link Simulation} does it for every run). */
  public SimulationReport withOptimum(double optimumHours, double planningSeconds) {
    return new SimulationReport(policy, trace, jobs, sloAttainment, waitP50Seconds, waitP99Seconds, maxWaitSeconds,
        instanceHours, cost, lowerBoundInstanceHours, costRatio, utilization, launches, terminations, thetaU, thetaO,
        tauU, tauO, instability, jitter, wallSeconds, cpuSeconds, completed, unfinished, returnedJobs, crashes,
        launchFailures, failedActions, ticks, seed, scale, start, end, params, series, overloaded, perClass, optimumHours,
        planningSeconds);
  }

  /** instanceHours ÷ optimumInstanceHours: 1.0 is the best possible on the optimum's model (NaN without an optimum). */
  public double costVsOptimum() {
    return optimumInstanceHours > 0 ? instanceHours / optimumInstanceHours : Double.NaN;
  }

  /** Whether the replay stopped early because the fleet could not keep up (see {@link #overloaded()}). */
  public boolean isOverloaded() {
    return overloaded != null;
  }

  /** The contract keys first, then the extra counts, as an ordered map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", policy);
    m.put("trace", trace);
    m.put("jobs", jobs);
    m.put("sloAttainment", sloAttainment);
    m.put("waitP50Seconds", waitP50Seconds);
    m.put("waitP99Seconds", waitP99Seconds);
    m.put("maxWaitSeconds", maxWaitSeconds);
    m.put("instanceHours", instanceHours);
    m.put("cost", cost);
    m.put("lowerBoundInstanceHours", lowerBoundInstanceHours);
    m.put("costRatio", costRatio);
    m.put("utilization", utilization);
    m.put("launches", launches);
    m.put("terminations", terminations);
    m.put("thetaU", thetaU);
    m.put("thetaO", thetaO);
    m.put("tauU", tauU);
    m.put("tauO", tauO);
    m.put("instability", instability);
    m.put("jitter", jitter);
    m.put("wallSeconds", wallSeconds);
    m.put("optimumInstanceHours", optimumInstanceHours);
    m.put("costVsOptimum", costVsOptimum());
    m.put("completed", completed);
    m.put("unfinished", unfinished);
    m.put("returnedJobs", returnedJobs);
    m.put("crashes", crashes);
    m.put("launchFailures", launchFailures);
    m.put("failedActions", failedActions);
    m.put("ticks", ticks);
    m.put("seed", seed);
    m.put("scale", scale);
    m.put("start", start.toString());
    m.put("end", end.toString());
    m.put("params", params);
    if (overloaded != null) {
      m.put("overloaded", overloaded);
    }
    List<Object> classes = new java.util.ArrayList<>(perClass.size());
    for (ClassReport c : perClass) {
      classes.add(c.toMap());
    }
    m.put("perClass", classes);
    return m;
  }

  /** One JSON object on one line. */
  public String toJson() {
    return JsonWriter.write(toMap());
  }

  /** A JSON array of reports, one object per line. */
  public static String toJson(List<SimulationReport> reports) {
    List<Map<String, Object>> maps = new java.util.ArrayList<>(reports.size());
    for (SimulationReport r : reports) {
      maps.add(r.toMap());
    }
    return JsonWriter.lines(maps);
  }
}
