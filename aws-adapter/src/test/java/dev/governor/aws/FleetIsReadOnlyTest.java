package dev.governor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.Launch;
import dev.governor.action.Terminate;
import dev.governor.actuator.Actuator;
import dev.governor.actuator.DryRunActuator;
import dev.governor.aws.fake.FakeAws;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.InstanceType;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Issue #10 item 10: {@code fleet()} of every actuator is a pure read, so the README's dry run,
 * {@code new DryRunActuator(real::fleet)}, writes nothing. Checked on the calls the local endpoint
 * receives, over pools in states that would tempt an actuator to tidy up (a busy unprotected
 * worker, an idle protected one, idle ones waiting in a termination hook, an overdue drain).
 * A candidate for core's {@code ActuatorContract} ("fleet() is read-only"), which would need a
 * harness hook to list the provider calls.
 */
class FleetIsReadOnlyTest {
  static final InstanceType TYPE = InstanceType.of("m7g.large", 2, 0.08);
  static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-09-01T00:00:00Z"));
  static FakeAws aws;
  static Ec2Client ec2;
  static AutoScalingClient asg;

  @BeforeAll
  static void start() {
    aws = new FakeAws(CLOCK::instant);
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

  /** Reads the fleet through a dry run a few ticks over and returns every call the endpoint got meanwhile. */
  private List<String> callsOfDryRun(Actuator real) {
    DryRunActuator dry = new DryRunActuator(real::fleet);
    int before = aws.calls().size();
    for (int k = 0; k < 3; k++) {
      Fleet f = dry.fleet(CLOCK.instant());
      assertFalse(f.instances().isEmpty());
      dry.apply(Terminate.of(List.of(f.instances().get(0).id())), CLOCK.instant());
      CLOCK.advance(Duration.ofMinutes(20));
    }
    return aws.calls().subList(before, aws.calls().size()).stream().map(FakeAws.Call::action).toList();
  }

  @Test
  void theAutoScalingGroupActuatorsFleetOnlyDescribes() {
    aws.createGroup("ro", 0, 10, TYPE.name(), "drain-hook");
    AutoScalingGroupActuator a = AutoScalingGroupActuator.builder(asg, ec2).group("ro").instanceType(TYPE)
        .terminationHook("drain-hook").drainDeadline(new DrainDeadline(Duration.ofMinutes(10), DrainDeadline.Rule.TERMINATE))
        .build();
    List<String> ids = a.apply(Launch.of(5, TYPE.name(), "ro-1"), CLOCK.instant()).launched();
    CLOCK.advance(Duration.ofMinutes(2));
    aws.setTag(ids.get(0), PoolTags.BUSY, "2"); // busy, unprotected
    asg.setInstanceProtection(r -> r.autoScalingGroupName("ro").instanceIds(ids.get(1)).protectedFromScaleIn(true));
    aws.setTag(ids.get(1), PoolTags.BUSY, "0"); // idle, protected
    aws.setTag(ids.get(2), PoolTags.BUSY, "0");
    aws.setTag(ids.get(3), PoolTags.BUSY, "0");
    asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(ids.get(2)).shouldDecrementDesiredCapacity(true));
    asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(ids.get(3)).shouldDecrementDesiredCapacity(true));
    assertEquals("Terminating:Wait", aws.lifecycleState(ids.get(2)), "idle and waiting in the hook");
    aws.setTag(ids.get(4), PoolTags.STATE, PoolTags.DRAINING);
    aws.setTag(ids.get(4), PoolTags.BUSY, "1");
    List<String> calls = callsOfDryRun(a);
    assertFalse(calls.isEmpty());
    assertTrue(calls.stream().allMatch(c -> c.startsWith("Describe")), () -> "writes by a dry run: " + calls);
    assertEquals("Terminating:Wait", aws.lifecycleState(ids.get(2)));
    assertFalse(aws.isProtected("ro", ids.get(0)));
    assertTrue(aws.isProtected("ro", ids.get(1)));
  }

  @Test
  void theEc2ActuatorsFleetOnlyDescribes() {
    Ec2Actuator a = Ec2Actuator.builder(ec2).pool("ro").launchTemplateName("t").instanceType(TYPE)
        .drainDeadline(new DrainDeadline(Duration.ofMinutes(10), DrainDeadline.Rule.TERMINATE)).build();
    List<String> ids = a.apply(Launch.of(3, TYPE.name(), "ro-2"), CLOCK.instant()).launched();
    CLOCK.advance(Duration.ofMinutes(2));
    a.apply(new Terminate(List.of(), List.of(ids.get(0)), -1), CLOCK.instant());
    aws.setTag(ids.get(0), PoolTags.BUSY, "1");
    List<String> calls = callsOfDryRun(a);
    assertTrue(calls.stream().allMatch(c -> c.equals("DescribeInstances")), () -> "writes by a dry run: " + calls);
  }
}
