package dev.governor.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.Planner;
import dev.governor.guard.Guards;
import dev.governor.fleet.JobClass;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A zero proves something only if the model can produce the violation: a deliberately reckless
 * controller (no stale-signal fail-safe, terminating what the view calls idle at once, forgetting
 * launches after their boot time) shows wrong terminations, stale scale-ins and double launches
 * under the faults that target each; Governor, under the same faults, none, and loses no job.
 */
class FaultViolationsTest {
  static final int MAX = 200;

  static Simulation sim(Faults f) {
    return Simulation.of(ConservationProperties.load(), Scenario.standard().withBounds(1, MAX).withFaults(f));
  }

  /**
   * Reckless on purpose: capacity for the queue as read, whatever its age; a missing depth is an
   * empty queue.
   */
  static final class NaiveBacklog implements ScalingPolicy {
    @Override
    public String name() {
      return "naive-backlog";
    }

    @Override
    public Proposal propose(PolicyContext ctx) {
      double jobs = 0;
      for (JobClass c : ctx.jobClasses()) {
        jobs += ctx.snapshot().valueOr(c.visibleSignal(), 0) + ctx.snapshot().valueOr(c.inflightSignal(), 0);
      }
      return Proposal.of((int) Math.ceil(jobs / ctx.launchType().slots()), Reason.of(name(), "jobs " + jobs));
    }
  }

  /** No fail-safe, no stabilization, the planner that terminates idle-looking instances, launches forgotten at boot time. */
  static PolicySetup reckless() {
    return PolicySetup.of(new NaiveBacklog()).withName("reckless")
        .withGuards(Guards.builder(1, MAX).failSafe(false).stabilization(Duration.ZERO).stepLimit(null)
            .cooldowns(Duration.ZERO, Duration.ZERO).build())
        .withPlanner(Planner.ofDefaults()).withLaunchGrace(Duration.ZERO);
  }

  static FaultedRun reckless(Faults f) {
    return sim(f).runCounted("reckless", ctx -> reckless(), Map.of());
  }

  static FaultedRun governor(Faults f) {
    Simulation s = sim(f);
    PolicyRegistry.Entry e = s.registry().get("governor");
    return s.runCounted(e.name(), e.factory(), Map.of());
  }

  static final Faults OUTAGES = Faults.none().withSignalOutages(48, Duration.ofMinutes(10));
  static final Faults NAN = Faults.none().withNanReadings(0.3);
  static final Faults FUTURE = Faults.none().withFutureReadings(48, Duration.ofMinutes(10), Duration.ofMinutes(10));
  static final Faults BUSY_LAG = Faults.none().withBusyReportLag(Duration.ofSeconds(30));
  static final Faults VIEW_LAG = Faults.none().withFleetViewLag(Duration.ofMinutes(3));

  @Test
  void theOfflineOptimumCanBeReplayedUnderFaultsToo() {
    Simulation s = sim(OUTAGES);
    PolicyRegistry.Entry e = s.registry().get("optimal");
    FaultedRun r = s.runCounted(e.name(), e.factory(), Map.of());
    assertTrue(r.report().jobs() > 0 && r.report().sloAttainment() > 0, r.report().toString());
  }

  @Test
  void aControllerWithoutTheFailSafeScalesInOnMissingAndFutureSignals() {
    assertTrue(reckless(NAN).counts().staleScaleIns() > 0, "NaN readings: " + reckless(NAN).counts());
    assertTrue(reckless(FUTURE).counts().staleScaleIns() > 0, "future readings: " + reckless(FUTURE).counts());
  }

  @Test
  void terminatingWhatALaggingBusyReportCallsIdleKillsJobsInProgress() {
    FaultedRun r = reckless(BUSY_LAG);
    assertTrue(r.counts().wrongTerminations() > 0, r.counts().toString());
    assertTrue(r.counts().killedJobs() >= r.counts().wrongTerminations(), r.counts().toString());
    assertTrue(r.report().returnedJobs() >= r.counts().killedJobs(), "a killed job goes back to the queue");
    assertEquals(0, r.jobsLost());
  }

  @Test
  void forgettingLaunchesBeforeALaggingViewShowsThemLaunchesTwice() {
    FaultedRun r = reckless(VIEW_LAG);
    assertTrue(r.counts().doubleLaunches() > 0, r.counts().toString());
    assertTrue(r.maxOverProvision() > governor(VIEW_LAG).maxOverProvision());
  }

  @Test
  void withoutFaultsEvenTheRecklessControllerViolatesNothing() {
    FaultCounts c = reckless(Faults.none()).counts();
    assertEquals(0, c.wrongTerminations() + c.staleScaleIns() + c.doubleLaunches(), c.toString());
  }

  @Test
  void governorViolatesNothingAndLosesNoJobUnderTheSameFaults() {
    List<String> bad = new ArrayList<>();
    for (Faults f : List.of(OUTAGES, NAN, FUTURE, BUSY_LAG, VIEW_LAG, OUTAGES.and(NAN).and(FUTURE).and(BUSY_LAG).and(VIEW_LAG))) {
      FaultedRun r = governor(f);
      FaultCounts c = r.counts();
      if (r.jobsLost() != 0 || c.wrongTerminations() != 0 || c.staleScaleIns() != 0 || c.doubleLaunches() != 0) {
        bad.add(f + ": lost " + r.jobsLost() + ", " + c);
      }
    }
    assertTrue(bad.isEmpty(), String.join("\n", bad));
  }

  @Test
  void governorViolatesNothingUnderEveryFaultOfTheCatalogue() {
    Simulation s = sim(Faults.none());
    List<FaultCatalogue.Row> rows = FaultCatalogue.run(s, "governor", FaultCatalogue.standard(s.summary().classes().get(0)));
    assertTrue(rows.size() >= 17, "at least 16 kinds and all of them at once");
    List<String> bad = new ArrayList<>();
    for (FaultCatalogue.Row r : rows) {
      if (r.jobsLost() != 0 || r.wrongTerminations() != 0 || r.staleScaleIns() != 0 || r.doubleLaunches() != 0) {
        bad.add(r.toMap().toString());
      }
    }
    assertTrue(bad.isEmpty(), String.join("\n", bad));
  }
}
