package example;

import dev.governor.Controller;
import dev.governor.LoggingTickListener;
import dev.governor.actuator.DryRunActuator;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The README's "Embedding Governor" snippet: its imports are this file's imports, its body is
 * verbatim between the markers (release-checks' ReadmeSnippetTest fails when either differs),
 * with what it leaves to the user as parameters (named in full, so the imports stay the snippet's).
 */
final class Embedding {
  /** What the snippet calls {@code myFleet}: the host's own view of its machines. */
  interface FleetView {
    dev.governor.fleet.Fleet fleet(java.time.Instant now);
  }

  static Controller embed(dev.governor.signal.SignalSource mySignalSource, FleetView myFleet) {
    // README:BEGIN
    Controller governor = Controller.builder()
        .signals(mySignalSource)                         // SQS, CloudWatch, your metrics
        .jobClass(JobClass.of("watermark", Duration.ofMinutes(5), Duration.ofSeconds(20)))
        .launchType(InstanceType.of("c7g.large", 4, 0.0725))
        .standardGovernor(2, 500)                         // the benchmarked `governor`, within 2..500 instances
        .actuator(new DryRunActuator(myFleet::fleet))     // log what it would do; swap for EC2/ASG later
        .listener(new LoggingTickListener())
        .build();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    scheduler.scheduleWithFixedDelay(governor::tick, 0, 1, TimeUnit.MINUTES); // or ControllerRunner.start(governor)
    // README:END
    scheduler.shutdownNow();
    return governor;
  }

  private Embedding() {}
}
