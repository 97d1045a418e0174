package dev.governor.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import dev.governor.signal.Snapshot;
import dev.governor.simulation.trace.Trace;
import dev.governor.simulation.trace.TraceRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The controller sees signals as AWS gives them: depths current, counts one signal lag late. */
class SignalsTest {
  static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

  /** Holds one instance and remembers what it was shown. */
  static final class Recorder implements ScalingPolicy {
    final List<Snapshot> seen = new ArrayList<>();

    @Override
    public String name() {
      return "recorder";
    }

    @Override
    public Proposal propose(PolicyContext ctx) {
      seen.add(ctx.snapshot());
      return Proposal.of(1, Reason.of("recorder", "hold"));
    }
  }

  static Trace minutes(double... counts) {
    List<TraceRow> rows = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      rows.add(TraceRow.interval(T0.plusSeconds(60L * i), 60, "jobs", counts[i]));
    }
    return Trace.of("minutes", rows);
  }

  @Test
  void arrivalCountsArriveOneLagLateAndDepthsAreCurrent() {
    Recorder rec = new Recorder();
    Scenario sc = Scenario.standard().withServiceTime(Duration.ofSeconds(1)).withServiceCv(0).withBounds(1, 1);
    Simulation.of(minutes(60, 120, 180, 240, 0), sc).run(PolicySetup.of(rec).withBoundsOnly().withInitialInstances(1));
    assertEquals(5, rec.seen.size());
    assertNull(rec.seen.get(0).reading(SignalNames.arrivals("jobs")), "nothing measured yet");
    assertNull(rec.seen.get(1).reading(SignalNames.arrivals("jobs")), "the first minute is not published until 120 s");
    for (int k = 2; k < 5; k++) {
      Reading r = rec.seen.get(k).reading(SignalNames.arrivals("jobs"));
      assertEquals(T0.plusSeconds(60L * k - 60), r.observedAt(), "observed one lag before the tick");
      assertEquals(60.0 * (k - 1) / 60, r.value(), 1e-12, "arrivals of minute " + (k - 2) + " per second");
      Reading v = rec.seen.get(k).reading(SignalNames.visible("jobs"));
      assertEquals(T0.plusSeconds(60L * k), v.observedAt(), "depth is current");
    }
  }

  @Test
  void aSignalOutageLeavesReadingsToGoStale() {
    Recorder rec = new Recorder();
    Scenario sc = Scenario.standard().withBounds(1, 1).withSeed(3)
        .withFaults(Faults.none().withSignalOutages(200, Duration.ofMinutes(30)));
    double[] counts = new double[240];
    java.util.Arrays.fill(counts, 10);
    Simulation.of(minutes(counts), sc).run(PolicySetup.of(rec).withBoundsOnly().withInitialInstances(1));
    int stale = 0;
    for (Snapshot s : rec.seen) {
      if (s.isStale(SignalNames.visible("jobs"))) {
        stale++;
      }
    }
    assertEquals(true, stale > 0, "some ticks see only stale depths");
    assertEquals(true, stale < rec.seen.size(), "and some do not");
  }
}
