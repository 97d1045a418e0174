package dev.governor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.Governors;
import dev.governor.simulation.PolicySetup;
import dev.governor.simulation.Scenario;
import dev.governor.simulation.Simulation;
import dev.governor.simulation.SimulationReport;
import dev.governor.simulation.trace.Trace;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * "Replay your own CSV and hold a policy to an SLO": copy this test, point it at last month's
 * arrivals ({@code timestamp,count} per interval, or {@code timestamp,class,count}), set the
 * scenario to your jobs and machines, and the build fails the day a change to your policy (or to
 * Governor) stops holding your objective or costs more than you accept.
 */
class ReplayYourCsvTest {
  /** Two days of real AWS load balancer traffic (5-minute counts); yours goes here. */
  static final Path MY_LOAD = Path.of("src/test/resources/elb-two-days.csv");

  /** 30 s jobs (exponential), 4 per c7g.large, 2-minute boots, per-second billing, a 5-minute objective. */
  static Scenario myScenario() {
    return Scenario.standard()
        .withServiceTime(Duration.ofSeconds(30))
        .withSlots(4)
        .withBoot(Duration.ofMinutes(2))
        .withDeadline(Duration.ofMinutes(5))
        .withPrice(0.0725)
        .withBounds(1, 200)
        .withSeed(7);
  }

  @Test
  void governorHoldsTheFiveMinuteObjectiveOnMyLoadWithinACostBound() {
    SimulationReport r = Simulation.of(Trace.csv(MY_LOAD), myScenario()).run("governor");

    assertTrue(r.jobs() > 30_000, "the whole trace was replayed: " + r.jobs() + " jobs");
    assertTrue(r.sloAttainment() >= 0.995, "99.5 % of jobs start within 5 minutes: " + r.sloAttainment());
    assertTrue(r.waitP99Seconds() <= 300, "p99 wait " + r.waitP99Seconds() + " s");
    // Cost: at most 1.6 × the physical lower bound (every slot 100 % busy, no boots), and a budget
    // of $9 for the two days (measured: 1.49 and $8.18, 112.8 instance-hours).
    assertTrue(r.costRatio() <= 1.6, "instance-hours " + r.instanceHours() + " vs lower bound "
        + r.lowerBoundInstanceHours() + " = " + r.costRatio());
    assertTrue(r.cost() <= 9.00, "cost $" + r.cost());
  }

  @Test
  void theGovernorPresetOfCoreIsWhatTheSimulatorReplaysAsGovernor() {
    Scenario sc = myScenario();
    Simulation sim = Simulation.of(Trace.csv(MY_LOAD), sc);
    SimulationReport byName = sim.run("governor");
    SimulationReport byPreset = sim.run(PolicySetup.of(Governors.policy()).withGuards(Governors.guards(sc.min(), sc.max()))
        .withArrivalPredictor(Governors.arrivalPredictor()).withPlanner(Governors.planner()));
    assertEquals(byName.withWallSeconds(0).toJson(), byPreset.withWallSeconds(0).toJson(),
        "Controller.Builder.standardGovernor(min, max) is the configuration the benchmarks measure");
  }
}
