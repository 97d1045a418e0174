package dev.governor.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.simulation.trace.Trace;
import dev.governor.simulation.trace.TraceRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Governor's defaults, replayed end to end: to and from zero, a throughput cap, an overload, a warm start. */
class GovernorEndToEndTest {
  private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

  /** Idle hours, a busy hour, idle hours again (per-minute rows, 1 job/s while busy). */
  private static Trace idleBusyIdle() {
    List<TraceRow> rows = new ArrayList<>();
    for (int m = 0; m < 5 * 60; m++) {
      boolean busy = m >= 120 && m < 180;
      rows.add(TraceRow.interval(T0.plus(Duration.ofMinutes(m)), 60, TraceRow.DEFAULT_CLASS, busy ? 60 : 0));
    }
    return Trace.of("idle-busy-idle", rows);
  }

  @Test
  void scalesToZeroWhenIdleAndLaunchesInTheTickThatSeesTheFirstJob() {
    Scenario sc = Scenario.standard().withBounds(0, 100).withInitialInstances(0);
    SimulationReport r = Simulation.of(idleBusyIdle(), sc).run("governor");
    TimeSeries ts = r.series();
    int firstBacklog = -1;
    for (int k = 0; k < ts.size(); k++) {
      if (ts.backlog(k) > 0) {
        firstBacklog = k;
        break;
      }
    }
    assertTrue(firstBacklog > 100, "the first job waits in the busy hour, not before: tick " + firstBacklog);
    assertEquals(0, ts.running(firstBacklog - 1), "zero instances while idle");
    assertTrue(ts.desired(firstBacklog) > 0, "launched in the tick that first sees a waiting job");
    // a 300 s objective outlasts detection (≤ 60 s) plus a boot; only the first minute's jobs may miss
    // it on a slow boot (lognormal, cv 0.25)
    assertTrue(r.sloAttainment() > 0.95, r.sloAttainment() + "");
    // back to zero once no job is expected within a boot and a reaction time (the smoothed rate decays)
    int end = 180 + 30;
    for (int k = end; k < ts.size(); k++) {
      assertEquals(0, ts.running(k) + ts.pending(k), "idle again at tick " + k);
    }
  }

  @Test
  void stopsBuyingInstancesThatCannotHelpWhileTheBaselinesKeepBuying() {
    // 4 jobs/s of 30 s keep 120 slots busy, but only 40 may be in service at once (a downstream limit)
    Trace t = Trace.of("capped", constantRows(4 * 60, 180));
    Scenario sc = Scenario.standard().withClass(new JobClassSpec(TraceRow.DEFAULT_CLASS, Duration.ofSeconds(30), 1.0,
        Duration.ofSeconds(300), 0, 40)).withMaxQueued(200_000);
    Simulation sim = Simulation.of(t, sc);
    SimulationReport gov = sim.run("governor");
    SimulationReport keda = sim.run("keda-sqs");
    int govPeak = peak(gov.series(), 5); // after the first minutes (the replay starts at the first interval's demand)
    int kedaPeak = peak(keda.series(), 5);
    assertTrue(govPeak <= 20, "40 slots are all that can be used (10 instances) plus a probe: " + govPeak);
    assertTrue(kedaPeak > 2 * govPeak, "KEDA keeps buying for the queue: " + kedaPeak + " vs " + govPeak);
    assertTrue(gov.instanceHours() < keda.instanceHours() / 2, gov.instanceHours() + " vs " + keda.instanceHours());
  }

  @Test
  void aFleetThatCannotKeepUpIsReportedAsOverloadedNotAnAbort() {
    Trace t = Trace.of("flood", constantRows(600, 30));
    Scenario sc = Scenario.standard().withBounds(1, 2).withMaxQueued(10_000);
    List<SimulationReport> rs = Simulation.of(t, sc).compare(List.of("static", "governor"));
    assertEquals(2, rs.size());
    for (SimulationReport r : rs) {
      assertTrue(r.isOverloaded(), r.policy());
      assertTrue(r.toJson().contains("\"overloaded\":\"more than 10000 jobs are waiting"), r.toJson());
      assertTrue(r.end().isBefore(T0.plus(Duration.ofMinutes(30))), r.end().toString());
      assertEquals(r.jobs(), r.completed() + r.unfinished(), r.policy() + ": every job counted is booked, none lost");
    }
  }

  @Test
  void aWindowWarmsUpOnTheTraceBeforeItAndNeverOnItsFuture() {
    Trace nasa = Trace.bundled("nasa_http_jul1995_1min.csv");
    Instant from = Instant.parse("1995-07-20T00:00:00Z");
    Scenario sc = Scenario.standard().withWindow(from, from.plus(Duration.ofHours(6)));
    var h = Simulation.of(nasa, sc).warmUp();
    var arrivals = h.series("queue.jobs.arrivals_per_s");
    assertEquals(14 * 1440, arrivals.size(), "14 days of one-minute samples");
    assertFalse(arrivals.get(arrivals.size() - 1).getKey().isAfter(from));
    assertEquals(from.minus(Duration.ofDays(14)).plusSeconds(60), arrivals.get(0).getKey());
    // the trace's first minute, 1995-07-01T04:00 with 42 jobs, is 19 days 20 h before: outside the 14 days
    assertTrue(Simulation.of(nasa, Scenario.standard()).warmUp().isEmpty(), "a replay from the trace's start has no past");
  }

  private static List<TraceRow> constantRows(double perMinute, int minutes) {
    List<TraceRow> rows = new ArrayList<>();
    for (int m = 0; m < minutes; m++) {
      rows.add(TraceRow.interval(T0.plus(Duration.ofMinutes(m)), 60, TraceRow.DEFAULT_CLASS, perMinute));
    }
    return rows;
  }

  private static int peak(TimeSeries ts, int from) {
    int m = 0;
    for (int k = from; k < ts.size(); k++) {
      m = Math.max(m, ts.running(k));
    }
    return m;
  }

}
