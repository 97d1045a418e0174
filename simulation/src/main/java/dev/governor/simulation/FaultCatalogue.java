package dev.governor.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The standard fault catalogue: one named {@link Faults} per kind, at an intensity that happens
 * several times in a day's replay, and {@link #ALL} for every one at once. {@link #run} replays
 * a policy under each of them and compares with the same replay without faults: what
 * {@code governor-sim faults} prints.
 *
 * <p>Intensities (tick 60 s): outages of every class or of the first class 6/day × 10 min; stale
 * counts 6/day × 15 min; one reading a tick dropped as NaN with p 0.05; corrupt depths ×50,
 * 4/day × 2 min; readings stamped 10 min ahead, 4/day × 10 min; fleet view failures p 0.05; a
 * fleet view 3 min old; launch failures p 0.1; capacity errors p 0.2; partial launches p 0.3;
 * never booting p 0.05; 5× slow boots p 0.2; throttling p 0.2; lost responses p 0.2; crashes and
 * spot interruptions 0.02 per instance-hour; busy reports 30 s late; hung jobs p 0.005 (15 min);
 * restarts 6/day, between ticks or between action and save; clock steps of 10 min back or
 * forward, 2/day (each other step returns to true time).
 */
public final class FaultCatalogue {
  /** The name of the row with every fault at once. */
  public static final String ALL = "all";

  private FaultCatalogue() {}

  /**
   * The catalogue, in order, for a trace whose first job class is {@code firstClass} (the one the
   * class outage hits); {@link #ALL} last. {@link #ALL} is every other entry combined with
   * {@link Faults#and}, except {@code class-outage}, {@code restart} and {@code clock-forward}: it
   * has one outage mode (every class), one restart mode (before the save) and one clock-step
   * direction (back).
   *
   * @param firstClass the job class {@code class-outage} silences
   * @return an unmodifiable map from fault name ({@code signal-outage}, {@code class-outage}, …,
   *     {@code clock-forward}, {@code all}) to its faults, in the order of the table
   * @throws NullPointerException if {@code firstClass} is null
   */
  public static Map<String, Faults> standard(String firstClass) {
    Objects.requireNonNull(firstClass, "firstClass");
    Faults n = Faults.none();
    Map<String, Faults> m = new LinkedHashMap<>();
    m.put("signal-outage", n.withSignalOutages(6, Duration.ofMinutes(10)));
    m.put("class-outage", n.withSignalOutages(6, Duration.ofMinutes(10)).withOutageClass(firstClass));
    m.put("stale-readings", n.withStaleReadings(6, Duration.ofMinutes(15)));
    m.put("nan-readings", n.withNanReadings(0.05));
    m.put("corrupt-spike", n.withCorruptSpikes(4, Duration.ofMinutes(2), 50));
    m.put("future-readings", n.withFutureReadings(4, Duration.ofMinutes(10), Duration.ofMinutes(10)));
    m.put("fleet-view-failure", n.withFleetViewFailure(0.05));
    m.put("fleet-view-lag", n.withFleetViewLag(Duration.ofMinutes(3)));
    m.put("launch-failure", n.withLaunchFailure(0.1));
    m.put("capacity-error", n.withCapacityError(0.2));
    m.put("partial-launch", n.withPartialLaunch(0.3));
    m.put("never-boots", n.withNeverBoots(0.05));
    m.put("slow-boot", n.withSlowBoot(0.2));
    m.put("throttle", n.withThrottle(0.2));
    m.put("lost-response", n.withLostResponse(0.2));
    m.put("crash", n.withCrashesPerInstanceHour(0.02));
    m.put("spot-interruption", n.withSpotInterruptions(0.02));
    m.put("busy-report-lag", n.withBusyReportLag(Duration.ofSeconds(30)));
    m.put("hung-jobs", n.withHungJobs(0.005, Faults.DEFAULT_HUNG_TIMEOUT));
    m.put("restart", n.withRestarts(-1, 6, false));
    m.put("restart-before-save", n.withRestarts(-1, 6, true));
    m.put("clock-back", n.withClockSteps(-1, 2, Duration.ofMinutes(-10)));
    m.put("clock-forward", n.withClockSteps(-1, 2, Duration.ofMinutes(10)));
    Faults all = n;
    for (Map.Entry<String, Faults> e : m.entrySet()) {
      if (!e.getKey().equals("class-outage") && !e.getKey().equals("restart") && !e.getKey().equals("clock-forward")) {
        all = all.and(e.getValue()); // one outage, one restart and one clock-step mode at once
      }
    }
    m.put(ALL, all);
    return Collections.unmodifiableMap(m);
  }

  /**
   * One row of the catalogue's table.
   *
   * @param fault the fault's name in the catalogue
   * @param policy the policy's name
   * @param jobsLost arrived − completed − waiting − in service at the end (must be 0)
   * @param sloAttainment SLO attainment under the fault
   * @param sloAttainmentNoFault SLO attainment of the same replay without faults
   * @param extraCostPercent 100 × (cost ÷ cost without faults − 1)
   * @param wrongTerminations see {@link FaultCounts#wrongTerminations}
   * @param staleScaleIns see {@link FaultCounts#staleScaleIns}
   * @param doubleLaunches see {@link FaultCounts#doubleLaunches}
   * @param maxOverProvision see {@link FaultedRun#maxOverProvision}
   * @param run the faulted replay itself
   */
  public record Row(String fault, String policy, long jobsLost, double sloAttainment, double sloAttainmentNoFault,
      double extraCostPercent, long wrongTerminations, long staleScaleIns, long doubleLaunches, int maxOverProvision,
      FaultedRun run) {
    /**
     * The row's columns as the CLI prints them, in order.
     *
     * @return a new mutable map from column name (the component's name) to value, every
     *     component but {@code run}
     */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fault", fault);
      m.put("policy", policy);
      m.put("jobsLost", jobsLost);
      m.put("sloAttainment", sloAttainment);
      m.put("sloAttainmentNoFault", sloAttainmentNoFault);
      m.put("extraCostPercent", extraCostPercent);
      m.put("wrongTerminations", wrongTerminations);
      m.put("staleScaleIns", staleScaleIns);
      m.put("doubleLaunches", doubleLaunches);
      m.put("maxOverProvision", maxOverProvision);
      return m;
    }
  }

  /**
   * Builds the row of {@code faulted} against the same policy's run without faults.
   *
   * @param fault the fault's name in the catalogue
   * @param faulted the replay under the fault
   * @param clean the same policy's replay without faults, for the no-fault attainment and cost
   * @return the row; its policy name is {@code faulted}'s, its extra cost
   *     {@code 100 × (cost ÷ clean cost − 1)}, or 0 when the clean run cost nothing
   * @throws NullPointerException if an argument but {@code fault} is null
   */
  public static Row row(String fault, FaultedRun faulted, FaultedRun clean) {
    SimulationReport r = faulted.report();
    SimulationReport c = clean.report();
    FaultCounts k = faulted.counts();
    double extra = c.cost() > 0 ? 100 * (r.cost() / c.cost() - 1) : 0;
    return new Row(fault, r.policy(), faulted.jobsLost(), r.sloAttainment(), c.sloAttainment(), extra,
        k.wrongTerminations(), k.staleScaleIns(), k.doubleLaunches(), faulted.maxOverProvision(), faulted);
  }

  /**
   * Replays {@code policy} of {@code sim}'s registry without faults, then under each of
   * {@code faults} (added to the scenario's own), and returns one row per fault, in order. The
   * clean replay drops the scenario's own faults too, so each row compares with a replay of no
   * fault at all. Runs the replays one after another on the calling thread.
   *
   * @param sim the trace, scenario and registry to replay
   * @param policy the policy's name in {@code sim}'s registry
   * @param faults the faults to try, by name, each combined with the scenario's own by
   *     {@link Faults#and} (e.g. {@link #standard})
   * @return one row per entry of {@code faults}, in its iteration order
   * @throws IllegalArgumentException if the registry has no policy of that name
   */
  public static List<Row> run(Simulation sim, String policy, Map<String, Faults> faults) {
    PolicyRegistry.Entry e = sim.registry().get(policy);
    Faults base = sim.scenario().faults();
    FaultedRun clean = sim.withScenario(sim.scenario().withFaults(Faults.none())).runCounted(e.name(), e.factory(),
        Map.of());
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Faults> f : faults.entrySet()) {
      Simulation s = sim.withScenario(sim.scenario().withFaults(base.and(f.getValue())));
      rows.add(row(f.getKey(), s.runCounted(e.name(), e.factory(), Map.of()), clean));
    }
    return rows;
  }
}
