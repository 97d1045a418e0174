package dev.governor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.Controller;
import dev.governor.TickReport;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.aws.fake.FakeAws;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridPolicy;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.SignalNames;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Issue #10 items 5 and 11 through the real controller: AWS acts and then answers with errors
 * while its Describe view lags, and the controller must not launch the same capacity again on
 * the next ticks (before: 100 instances for one decision of 50).
 */
class LostResponseEndToEndTest {
  static final InstanceType TYPE = InstanceType.of("c7g.large", 4, 0.0725);
  static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-10-05T09:00:00Z"));
  static FakeAws aws;
  static Ec2Client ec2;
  static AutoScalingClient asg;

  @BeforeAll
  static void start() {
    aws = new FakeAws(CLOCK::instant).bootTime(Duration.ofSeconds(150));
    ec2 = aws.ec2Client();
    asg = aws.autoScalingClient();
  }

  @AfterAll
  static void stop() {
    ec2.close();
    asg.close();
    aws.close();
  }

  @BeforeEach
  void reset() {
    aws.reset();
  }

  private List<TickReport> run(dev.governor.actuator.Actuator actuator, int ticks) {
    ManualSignalSource signals = new ManualSignalSource();
    List<TickReport> reports = new ArrayList<>();
    Controller c = Controller.builder().clock(CLOCK).signals(signals)
        .jobClass(JobClass.of("jobs", Duration.ofMinutes(5), Duration.ofSeconds(30))).launchType(TYPE)
        .policy(HybridPolicy.ofDefaults()).actuator(actuator).guards(Guards.builder(0, 500).stepLimit(null).build())
        .listener(reports::add).build();
    for (int k = 0; k < ticks; k++) {
      signals.set(SignalNames.visible("jobs"), 2000, CLOCK.instant());
      signals.set(SignalNames.inflight("jobs"), 0, CLOCK.instant());
      c.tick();
      CLOCK.advance(Duration.ofSeconds(60));
    }
    return reports;
  }

  private static int launchedInstances(List<TickReport> reports) {
    return reports.stream().filter(r -> r.action() instanceof Launch).mapToInt(r -> ((Launch) r.action()).count()).sum();
  }

  @Test
  void ec2ALaunchWhoseResponsesWereLostIsNotLaunchedAgain() {
    aws.actThenFail("RunInstances", "InternalError", 500, 3).describeLag(Duration.ofSeconds(90));
    Ec2Actuator a = Ec2Actuator.builder(ec2).pool("lost").launchTemplateName("t").instanceType(TYPE).build();
    List<TickReport> reports = run(a, 4);
    TickReport first = reports.get(0);
    assertTrue(first.action() instanceof Launch, first.summary());
    int wanted = ((Launch) first.action()).count();
    assertTrue(wanted >= 20 && wanted <= 250, "room to launch twice within bounds: " + first.summary());
    assertEquals(ActionResult.Status.OK, first.result().status(), first.summary());
    assertEquals(wanted, aws.liveIds().size(), () -> "one decision's worth: " + reports.stream().map(TickReport::summary).toList());
    assertEquals(wanted, launchedInstances(reports), "no later tick launched it again");
  }

  @Test
  void autoScalingALaunchWhosePollWasThrottledIsOkAndNotRepeated() {
    aws.createGroup("poll-e2e", 0, 500, TYPE.name(), null);
    AutoScalingGroupActuator a = AutoScalingGroupActuator.builder(asg, ec2).group("poll-e2e").instanceType(TYPE).build();
    aws.after("SetDesiredCapacity", f -> f.throttleNext(3));
    List<TickReport> reports = run(a, 4);
    TickReport first = reports.get(0);
    int wanted = ((Launch) first.action()).count();
    assertTrue(wanted >= 20 && wanted <= 250, "room to launch twice within the group's MaxSize: " + first.summary());
    assertEquals(ActionResult.Status.OK, first.result().status(), first.summary());
    assertEquals(wanted, aws.desired("poll-e2e"));
    assertEquals(wanted, launchedInstances(reports), () -> reports.stream().map(TickReport::summary).toList().toString());
  }
}
