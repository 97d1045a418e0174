package dev.governor.examples;

import dev.governor.Controller;
import dev.governor.TickReport;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.testing.ManualClock;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Twenty minutes of a watermarking queue in ten lines of wiring: steady load, then one click
 * that enqueues 10,000 jobs, then the queue drains. Prints one explained decision per minute.
 * Runs against an in-memory fleet and a {@link SimulatedQueue} with a manual clock, so it is
 * instant and deterministic.
 */
public final class QuickDemo {
  private QuickDemo() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the demo, printing to {@code out}; returns every tick's report. */
  public static List<TickReport> run(PrintStream out) {
    Instant start = Instant.parse("2026-03-01T18:00:00Z");
    ManualClock clock = new ManualClock(start);
    InstanceType type = InstanceType.of("c7g.large", 4, 0.0725);
    InMemoryActuator fleet = new InMemoryActuator(type).withRunning(10, start.minus(Duration.ofHours(1)));
    // 1.5 jobs/s of 20 s each, and at 18:04:30 one click that enqueues 10,000 more.
    SimulatedQueue queue = new SimulatedQueue("watermark", Duration.ofSeconds(20), fleet::fleet, 1.5)
        .burst(start.plus(Duration.ofSeconds(270)), 10_000);

    Controller governor = Controller.builder()
        .clock(clock)
        .signals(queue)
        .jobClass(JobClass.of("watermark", Duration.ofMinutes(5), Duration.ofSeconds(20)))
        .launchType(type)
        .standardGovernor(2, 500)
        .actuator(fleet)
        .build();

    List<TickReport> reports = new ArrayList<>();
    for (int minute = 0; minute < 20; minute++) {
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
