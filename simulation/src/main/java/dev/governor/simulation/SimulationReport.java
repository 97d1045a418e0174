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
 * {@link TimeSeries} (not in the JSON). Immutable (the {@code params} and {@code perClass} are
 * copied; the {@code series} is read-only), so safe to share between threads.
 *
 * <h2>Waits and SLO attainment</h2>
 * A job's wait is its queue wait, in seconds: from its arrival to the start of its service. A job
 * that a terminated or crashed instance (or a hung job's visibility timeout) puts back in the
 * queue keeps its first arrival: its wait is booked when it starts for good, and the wait of the
 * start that was undone is taken back. A job still waiting when the replay ends is booked with its
 * wait so far (a lower bound); a job still in service was booked when it started. So every job
 * that arrived is booked once (in an overloaded replay, all but the one whose arrival overflowed
 * the queue), and
 * {@code sloAttainment = (jobs booked with wait <= their class's deadline) / (jobs booked)},
 * compared on the exact waits (not the histogram), 1 when no job was booked.
 *
 * <h2>Wait percentiles</h2>
 * The percentiles come from a log-linear histogram of the booked waits (HdrHistogram's layout):
 * waits are truncated to whole milliseconds, kept exactly below 128 ms and in 128 buckets per
 * power of two above, so a reported percentile is within 2<sup>-7</sup> (0.8 %) of a booked wait.
 * The q-percentile is the nearest rank: the bucket holding the {@code max(1, ceil(q × n))}-th
 * smallest of the n booked waits, reported as that bucket's midpoint but never above
 * {@code maxWaitSeconds}; 0 without jobs.
 *
 * <h2>Cost</h2>
 * Every instance is billed from its launch (boot included, an instance that never became RUNNING
 * too; the starting fleet from the replay's start) until it is removed, or until the end of the
 * replay for those still alive, by the scenario's {@link dev.governor.fleet.BillingModel}:
 * {@code billed = max(minimum, ceil(age / granularity) × granularity)} seconds per instance.
 * {@code instanceHours = Σ billed / 3600}, and {@code cost = instanceHours × price} in the
 * currency of {@link Scenario#price()} (per instance-hour, 0.10 in the standard scenario).
 *
 * <h2>Overload</h2>
 * When more jobs wait than {@link Scenario#maxQueued()} allows the replay stops early instead of
 * failing ({@code overloaded} says why): the instances alive are billed up to that instant, the
 * waiting jobs booked, and every number covers the replay up to {@code end}.
 *
 * @param policy the policy's name: its registry name, or {@link PolicySetup#name()}
 * @param trace the trace's name ({@link TraceSummary#name()})
 * @param jobs jobs that arrived in the replay: each trace row's count × scale, randomly rounded,
 *     spread uniformly over the row's interval (up to {@code end} for an overloaded replay)
 * @param sloAttainment fraction 0..1 of the booked jobs whose queue wait was at most their class's
 *     deadline (see "Waits and SLO attainment" above); 1 without jobs
 * @param waitP50Seconds median queue wait, seconds (histogram nearest rank, see "Wait percentiles"); 0 without jobs
 * @param waitP99Seconds 99th percentile queue wait, seconds (as the median); 0 without jobs
 * @param maxWaitSeconds longest booked queue wait, seconds, exact; 0 without jobs
 * @param instanceHours billed instance-hours, every instance from launch with the billing model's
 *     granularity and minimum applied (see "Cost")
 * @param cost {@code instanceHours × price}, in the currency of the scenario's price per instance-hour
 * @param lowerBoundInstanceHours {@code Σ service seconds of every job that arrived ÷ slots ÷ 3600}:
 *     every slot 100 % busy on all the work, served or not. A bound only for a run that serves all
 *     of it: a fleet that leaves work waiting at the end can cost less (a costRatio below 1)
 * @param costRatio {@code instanceHours ÷ lowerBoundInstanceHours}; NaN ({@code null} in the JSON)
 *     without work
 * @param utilization fraction 0..1 of billed slot time that was busy:
 *     {@code busy slot-seconds ÷ (billed seconds × slots)}, busy counting completed jobs' service,
 *     the time run by jobs later put back in the queue, and the service done so far by jobs still
 *     in service at the end; 0 when nothing was billed
 * @param launches instances the controller launched, including those that then failed to boot
 *     (the starting fleet not counted)
 * @param terminations instances the controller terminated, busy or not (drains, crashes, spot
 *     interruptions and failed boots not counted)
 * @param thetaU SPEC under-provisioning accuracy, % of demand missing on average (see {@link Elasticity})
 * @param thetaO SPEC over-provisioning accuracy, % of demand in excess on average
 * @param tauU SPEC timeshare under-provisioned, % of the replay's time
 * @param tauO SPEC timeshare over-provisioned, % of the replay's time
 * @param instability SPEC instability, % of time supply and demand move in different directions
 * @param jitter SPEC jitter: supply changes minus demand changes, per hour (negative: too few adaptations)
 * @param wallSeconds the replay's own wall-clock time, seconds, building the policy included (the
 *     only JSON value that differs between identical runs; {@link #withWallSeconds} sets it)
 * @param cpuSeconds CPU time of the replaying thread, seconds; NaN where the JVM cannot measure it
 *     (not in the JSON: it differs between identical runs)
 * @param completed jobs finished within the replay
 * @param unfinished jobs still waiting or in service at the end
 * @param returnedJobs times a started job was put back in the queue: by a termination, a crash, a
 *     spot interruption or a hung job's visibility timeout
 * @param crashes instances that crashed (fault injection)
 * @param launchFailures launched instances that failed at boot and never became RUNNING (fault
 *     injection; instances stuck PENDING until given up are {@link FaultCounts#neverBooted()})
 * @param failedActions ticks whose action failed in whole or in part (status FAILED or PARTIAL:
 *     throttling, capacity errors, …)
 * @param ticks controller ticks run: {@link TraceSummary#ticks()}, fewer for an overloaded replay
 * @param seed the scenario's seed
 * @param scale the scenario's scale (multiplier on the trace's counts)
 * @param start the replay's first instant: the first trace row's start
 * @param end the replay's end: the end of the last row's interval, or the instant an overloaded
 *     replay stopped
 * @param params parameters given to the policy's factory (e.g. by tune), sorted by name; empty for
 *     natural ones
 * @param series per-tick values, for charts (not in the JSON)
 * @param overloaded null, or why the replay stopped early: more jobs waited than the model holds
 *     (the fleet could not keep up); every number then covers the replay up to {@code end}
 * @param perClass the same measures per job class ({@code perClass} in the JSON): the trace's
 *     classes in order of first appearance, then the scenario's declared classes that had no jobs
 *     in the window (all zero, attainment 1); empty for a report built without classes
 * @param optimumInstanceHours the offline optimum's billed instance-hours on its model for this
 *     trace and scenario ({@link dev.governor.simulation.optimum.OptimalPlanner}; the same for every
 *     run of one {@link Simulation}); NaN when not computed, infeasible or too large to plan
 * @param optimumPlanningSeconds wall time the optimum took to plan, seconds, binning the jobs
 *     included (not in the JSON: it differs between identical runs; the CLI's timing lines print
 *     it); 0 or NaN when not computed
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

  /**
   * Copies {@code params} (sorted by name, unmodifiable) and {@code perClass}. The components are
   * described on the record.
   *
   * @param policy the policy's name
   * @param trace the trace's name
   * @param jobs jobs that arrived
   * @param sloAttainment fraction 0..1 of jobs whose queue wait was at most their deadline
   * @param waitP50Seconds median queue wait, seconds
   * @param waitP99Seconds 99th percentile queue wait, seconds
   * @param maxWaitSeconds longest queue wait, seconds
   * @param instanceHours billed instance-hours
   * @param cost {@code instanceHours × price}
   * @param lowerBoundInstanceHours service seconds of all the work ÷ slots ÷ 3600
   * @param costRatio {@code instanceHours ÷ lowerBoundInstanceHours}
   * @param utilization busy slot time ÷ billed slot time, 0..1
   * @param launches instances the controller launched
   * @param terminations instances the controller terminated
   * @param thetaU SPEC under-provisioning accuracy, %
   * @param thetaO SPEC over-provisioning accuracy, %
   * @param tauU SPEC % of time under-provisioned
   * @param tauO SPEC % of time over-provisioned
   * @param instability SPEC instability, %
   * @param jitter SPEC jitter, per hour
   * @param wallSeconds the replay's wall-clock time, seconds
   * @param cpuSeconds CPU time of the replaying thread, seconds
   * @param completed jobs finished
   * @param unfinished jobs still waiting or in service at the end
   * @param returnedJobs times a started job was put back in the queue
   * @param crashes instances that crashed
   * @param launchFailures launched instances that failed at boot
   * @param failedActions ticks whose action failed in whole or in part
   * @param ticks controller ticks run
   * @param seed the scenario's seed
   * @param scale the scenario's scale
   * @param start the replay's first instant
   * @param end the replay's end
   * @param params parameters given to the policy's factory
   * @param series per-tick values
   * @param overloaded null, or why the replay stopped early
   * @param perClass the results per job class
   * @param optimumInstanceHours the offline optimum's billed instance-hours, NaN if none
   * @param optimumPlanningSeconds wall time the optimum took to plan, seconds
   * @throws NullPointerException if {@code params} or {@code perClass} is null, or holds a null
   */
  public SimulationReport {
    params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
    perClass = List.copyOf(perClass);
  }

  /**
   * A report without per-class results (one class, or built outside a replay): {@code perClass}
   * empty, {@code optimumInstanceHours} NaN, {@code optimumPlanningSeconds} 0. The parameters are
   * the record's components, described on the record.
   *
   * @param policy the policy's name
   * @param trace the trace's name
   * @param jobs jobs that arrived
   * @param sloAttainment fraction 0..1 of jobs whose queue wait was at most their deadline
   * @param waitP50Seconds median queue wait, seconds
   * @param waitP99Seconds 99th percentile queue wait, seconds
   * @param maxWaitSeconds longest queue wait, seconds
   * @param instanceHours billed instance-hours
   * @param cost {@code instanceHours × price}
   * @param lowerBoundInstanceHours service seconds of all the work ÷ slots ÷ 3600
   * @param costRatio {@code instanceHours ÷ lowerBoundInstanceHours}
   * @param utilization busy slot time ÷ billed slot time, 0..1
   * @param launches instances the controller launched
   * @param terminations instances the controller terminated
   * @param thetaU SPEC under-provisioning accuracy, %
   * @param thetaO SPEC over-provisioning accuracy, %
   * @param tauU SPEC % of time under-provisioned
   * @param tauO SPEC % of time over-provisioned
   * @param instability SPEC instability, %
   * @param jitter SPEC jitter, per hour
   * @param wallSeconds the replay's wall-clock time, seconds
   * @param cpuSeconds CPU time of the replaying thread, seconds
   * @param completed jobs finished
   * @param unfinished jobs still waiting or in service at the end
   * @param returnedJobs times a started job was put back in the queue
   * @param crashes instances that crashed
   * @param launchFailures launched instances that failed at boot
   * @param failedActions ticks whose action failed in whole or in part
   * @param ticks controller ticks run
   * @param seed the scenario's seed
   * @param scale the scenario's scale
   * @param start the replay's first instant
   * @param end the replay's end
   * @param params parameters given to the policy's factory
   * @param series per-tick values
   * @param overloaded null, or why the replay stopped early
   * @throws NullPointerException if {@code params} is null
   */
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

  /**
   * Looks up one class's results.
   *
   * @param name the job class's name
   * @return the entry of {@link #perClass()} named {@code name}, or null if there is none
   */
  public ClassReport classReport(String name) {
    for (ClassReport c : perClass) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /**
   * Whether every class attained at least {@code target} of its own objective: each class with
   * jobs has {@code sloAttainment >= target} (classes without jobs pass); without per-class results
   * the whole run's {@code sloAttainment >= target}.
   *
   * @param target the attainment required, a fraction 0..1 (e.g. 0.99)
   * @return true if every class with jobs (or the run) meets {@code target}
   */
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

  /**
   * The worst class's attainment.
   *
   * @return the lowest {@code sloAttainment} over the classes that had jobs, 1 if none had; the
   *     whole run's {@code sloAttainment} without per-class results
   */
  public double worstClassAttainment() {
    double w = perClass.isEmpty() ? sloAttainment : 1.0;
    for (ClassReport c : perClass) {
      if (c.jobs() > 0) {
        w = Math.min(w, c.sloAttainment());
      }
    }
    return w;
  }

  /**
   * The simulator's speed (not in the JSON: it is not deterministic).
   *
   * @return {@code jobs ÷ wallSeconds}, simulated jobs per second of wall time; NaN if
   *     {@code wallSeconds} is not positive
   */
  public double jobsPerSecond() {
    return wallSeconds > 0 ? jobs / wallSeconds : Double.NaN;
  }

  /**
   * The simulator's speed on one core, whatever else the machine runs.
   *
   * @return {@code jobs ÷ cpuSeconds}, simulated jobs per CPU-second of the replaying thread; NaN
   *     if {@code cpuSeconds} is not positive or unknown
   */
  public double jobsPerCpuSecond() {
    return cpuSeconds > 0 ? jobs / cpuSeconds : Double.NaN;
  }

  /**
   * The same report with another wall time (e.g. 0, to compare runs byte for byte).
   *
   * @param w the wall time to report, seconds
   * @return a copy with {@code wallSeconds = w}, everything else unchanged
   */
  public SimulationReport withWallSeconds(double w) {
    return new SimulationReport(policy, trace, jobs, sloAttainment, waitP50Seconds, waitP99Seconds, maxWaitSeconds,
        instanceHours, cost, lowerBoundInstanceHours, costRatio, utilization, launches, terminations, thetaU, thetaO,
        tauU, tauO, instability, jitter, w, cpuSeconds, completed, unfinished, returnedJobs, crashes, launchFailures, failedActions,
        ticks, seed, scale, start, end, params, series, overloaded, perClass, optimumInstanceHours,
        optimumPlanningSeconds);
  }

  /**
   * The same report with the offline optimum's cost set (the {@link Simulation} does it for every run).
   *
   * @param optimumHours the optimum's billed instance-hours, NaN when there is none
   * @param planningSeconds wall time the optimum took to plan, seconds
   * @return a copy with {@code optimumInstanceHours} and {@code optimumPlanningSeconds} set,
   *     everything else unchanged
   */
  public SimulationReport withOptimum(double optimumHours, double planningSeconds) {
    return new SimulationReport(policy, trace, jobs, sloAttainment, waitP50Seconds, waitP99Seconds, maxWaitSeconds,
        instanceHours, cost, lowerBoundInstanceHours, costRatio, utilization, launches, terminations, thetaU, thetaO,
        tauU, tauO, instability, jitter, wallSeconds, cpuSeconds, completed, unfinished, returnedJobs, crashes,
        launchFailures, failedActions, ticks, seed, scale, start, end, params, series, overloaded, perClass, optimumHours,
        planningSeconds);
  }

  /**
   * This run's cost against the best possible (the contract key {@code costVsOptimum}).
   *
   * @return {@code instanceHours ÷ optimumInstanceHours}: 1.0 is the best possible on the
   *     optimum's model for a run that starts every job in time (one that leaves jobs late or
   *     undone can go below it); NaN if {@code optimumInstanceHours} is not positive or NaN
   */
  public double costVsOptimum() {
    return optimumInstanceHours > 0 ? instanceHours / optimumInstanceHours : Double.NaN;
  }

  /**
   * Whether the replay stopped early because the fleet could not keep up.
   *
   * @return true if {@link #overloaded()} is not null
   */
  public boolean isOverloaded() {
    return overloaded != null;
  }

  /**
   * The report as the CLI's JSON object holds it.
   *
   * @return an ordered, modifiable map: the {@link #CONTRACT_KEYS} first, then {@code completed},
   *     {@code unfinished}, {@code returnedJobs}, {@code crashes}, {@code launchFailures},
   *     {@code failedActions}, {@code ticks}, {@code seed}, {@code scale}, {@code start} and
   *     {@code end} (ISO-8601 strings), {@code params}, {@code overloaded} (only when set) and
   *     {@code perClass} (a list of {@link ClassReport#toMap()}); {@code cpuSeconds},
   *     {@code series} and {@code optimumPlanningSeconds} are left out
   */
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

  /**
   * The report as JSON.
   *
   * @return {@link #toMap()} as one compact JSON object on one line, NaN and infinities written as
   *     {@code null}
   */
  public String toJson() {
    return JsonWriter.write(toMap());
  }

  /**
   * Several reports as JSON, as the CLI prints them.
   *
   * @param reports the reports, in the order to print them
   * @return a JSON array of {@link #toJson()} objects, one object per line
   */
  public static String toJson(List<SimulationReport> reports) {
    List<Map<String, Object>> maps = new java.util.ArrayList<>(reports.size());
    for (SimulationReport r : reports) {
      maps.add(r.toMap());
    }
    return JsonWriter.lines(maps);
  }
}
