package example;

import dev.governor.Controller;
import dev.governor.LoggingTickListener;
import dev.governor.actuator.DryRunActuator;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridPolicy;
import dev.governor.signal.SignalSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The README's "Embedding it" snippet, verbatim between the markers (release-checks'
 * ReadmeSnippetTest fails when the two differ), with what it leaves to the user as parameters.
 */
final class Embedding {
  /** What the snippet calls {@code myFleet}: the host's own view of its machines. */
  interface FleetView {
    Fleet fleet(Instant now);
  }

  static Controller embed(SignalSource mySignalSource, FleetView myFleet, ScheduledExecutorService scheduler) {
    // README:BEGIN
    Controller governor = Controller.builder()
        .signals(mySignalSource)                         // SQS, CloudWatch, your metrics
        .jobClass(JobClass.of("watermark", Duration.ofMinutes(5), Duration.ofSeconds(20)))
        .launchType(InstanceType.of("c7g.large", 4, 0.0725))
        .policy(HybridPolicy.ofDefaults())
        .guards(Guards.standard(2, 500))                  // min 2, max 500 + fail-safe + stabilization
        .actuator(new DryRunActuator(myFleet::fleet))     // log what it would do; swap for EC2/ASG later
        .listener(new LoggingTickListener())
        .build();
    scheduler.scheduleWithFixedDelay(governor::tick, 0, 1, TimeUnit.MINUTES); // or ControllerRunner.start(governor)
    // README:END
    return governor;
  }

  private Embedding() {}
}
