package dev.governor.examples;

import dev.governor.Controller;
import dev.governor.TickReport;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridPolicy;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.SignalNames;
import dev.governor.testing.ManualClock;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Twenty minutes of a watermarking queue in ten lines of wiring: steady load, then one click
 * that enqueues 10,000 jobs, then the queue drains. Prints one explained decision per minute.
 * Runs against an in-memory fleet with a manual clock, so it is instant and deterministic.
 */
public final class QuickDemo {
  private QuickDemo() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the demo, printing to {@code out}; returns every tick's report. */
  public static List<TickReport> run(PrintStream out) {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T18:00:00Z"));
    ManualSignalSource queue = new ManualSignalSource();
    InstanceType type = InstanceType.of("c7g.large", 4, 0.0725);
    InMemoryActuator fleet = new InMemoryActuator(type).withRunning(10, clock.instant().minus(Duration.ofHours(1)));

    Controller governor = Controller.builder()
        .clock(clock)
        .signals(queue)
        .jobClass(JobClass.of("watermark", Duration.ofMinutes(5), Duration.ofSeconds(20)))
        .launchType(type)
        .policy(HybridPolicy.ofDefaults())
        .guards(Guards.standard(2, 500))
        .actuator(fleet)
        .build();

    List<TickReport> reports = new ArrayList<>();
    double backlog = 0;
    for (int minute = 0; minute < 20; minute++) {
      Instant now = clock.instant();
      double arrivalsPerSecond = 1.5;
      if (minute == 5) {
        backlog += 10_000; // one click
      }
      var f = fleet.fleet(now);
      double served = Math.min(backlog, f.runningSlots() * 60.0 / 20.0);
      backlog -= served;
      queue.set(SignalNames.visible("watermark"), backlog, now)
          .set(SignalNames.inflight("watermark"), Math.min(f.runningSlots(), arrivalsPerSecond * 20), now)
          .set(SignalNames.arrivals("watermark"), arrivalsPerSecond, now);
      TickReport r = governor.tick();
      reports.add(r);
      out.println(r.summary());
      if (!(r.action() instanceof dev.governor.action.Sleep)) {
        r.proposal().reasons().stream().skip(1).forEach(reason -> out.println("    " + reason.source() + ": " + reason.message()));
      }
      clock.advance(Duration.ofMinutes(1));
    }
    return reports;
  }
}
