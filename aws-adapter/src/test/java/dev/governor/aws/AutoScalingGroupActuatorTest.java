package dev.governor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Terminate;
import dev.governor.aws.fake.FakeAws;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.InstanceState;
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

class AutoScalingGroupActuatorTest {
  static final InstanceType TYPE = InstanceType.of("m7g.large", 2, 0.08);
  static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
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

  private AutoScalingGroupActuator.Builder actuator(String group) {
    return AutoScalingGroupActuator.builder(asg, ec2).group(group).instanceType(TYPE);
  }

  private List<String> launch(AutoScalingGroupActuator a, int n, String token) {
    ActionResult r = a.apply(Launch.of(n, TYPE.name(), token), CLOCK.instant());
    assertTrue(r.succeeded(), () -> r.errors().toString());
    return r.launched();
  }

  @Test
  void launchRaisesDesiredCapacityAndTerminateDecrementsIt() {
    aws.createGroup("g", 0, 10, TYPE.name(), null);
    AutoScalingGroupActuator a = actuator("g").build();
    List<String> ids = launch(a, 3, "t1");
    assertEquals(3, aws.desired("g"));
    CLOCK.advance(Duration.ofMinutes(2));
    ActionResult r = a.apply(Terminate.of(List.of(ids.get(0))), CLOCK.instant());
    assertEquals(ActionResult.Status.OK, r.status());
    assertEquals(2, aws.desired("g"), "ShouldDecrementDesiredCapacity: no replacement");
    FakeAws.Call c = aws.calls().stream().filter(x -> x.action().equals("TerminateInstanceInAutoScalingGroup")).findFirst().orElseThrow();
    assertEquals("true", c.params().get("ShouldDecrementDesiredCapacity"));
  }

  @Test
  void launchesAreCappedAtTheGroupsMaxSizeAndReportedPartial() {
    aws.createGroup("small", 0, 2, TYPE.name(), null);
    AutoScalingGroupActuator a = actuator("small").build();
    ActionResult r = a.apply(Launch.of(5, TYPE.name(), "big"), CLOCK.instant());
    assertEquals(ActionResult.Status.PARTIAL, r.status());
    assertEquals(2, r.launched().size());
    assertTrue(r.errors().get(0).startsWith("MaxSizeReached"), r.errors().toString());
    ActionResult full = a.apply(Launch.of(1, TYPE.name(), "more"), CLOCK.instant());
    assertEquals(ActionResult.Status.FAILED, full.status());
  }

  @Test
  void busyWorkersAreProtectedFromTheGroupsOwnScaleInAndIdleOnesReleased() {
    aws.createGroup("p", 0, 10, TYPE.name(), null);
    AutoScalingGroupActuator a = actuator("p").build();
    List<String> ids = launch(a, 2, "p1");
    CLOCK.advance(Duration.ofMinutes(2));
    aws.setTag(ids.get(0), PoolTags.BUSY, "1");
    a.fleet(CLOCK.instant());
    assertTrue(aws.isProtected("p", ids.get(0)));
    assertFalse(aws.isProtected("p", ids.get(1)));
    // Someone lowers the desired capacity by hand: the group must pick the idle one.
    asg.setDesiredCapacity(r -> r.autoScalingGroupName("p").desiredCapacity(1));
    assertEquals(List.of(ids.get(0)), aws.liveIds());
    aws.setTag(ids.get(0), PoolTags.BUSY, "0");
    a.fleet(CLOCK.instant());
    assertFalse(aws.isProtected("p", ids.get(0)));
  }

  @Test
  void theControllerCompletesTheTerminationHookOfAnIdleInstance() {
    aws.createGroup("h", 0, 10, TYPE.name(), "drain-hook");
    AutoScalingGroupActuator a = actuator("h").terminationHook("drain-hook").build();
    List<String> ids = launch(a, 2, "h1");
    CLOCK.advance(Duration.ofMinutes(2));
    aws.setTag(ids.get(0), PoolTags.BUSY, "1");
    a.apply(Terminate.of(ids), CLOCK.instant());
    assertEquals("Terminating:Wait", aws.lifecycleState(ids.get(0)));
    assertEquals("Terminating:Wait", aws.lifecycleState(ids.get(1)));
    Fleet f = a.fleet(CLOCK.instant());
    assertEquals(InstanceState.TERMINATING, f.byId(ids.get(0)).state());
    assertEquals(List.of(ids.get(0)), aws.liveIds(), "idle one released, busy one still held by the hook");
    assertEquals(1, aws.count("CompleteLifecycleAction"));
  }

  @Test
  void throttlingIsRetriedAndAccessDeniedFailsLoudly() {
    aws.createGroup("t", 0, 10, TYPE.name(), null);
    AutoScalingGroupActuator a = actuator("t").build();
    aws.throttleNext(2);
    assertEquals(0, a.fleet(CLOCK.instant()).instances().size());
    aws.deny("SetDesiredCapacity");
    MissingPermissionException e = assertThrows(MissingPermissionException.class, () -> launch(a, 1, "denied"));
    assertEquals("autoscaling:SetDesiredCapacity", e.permission());
  }

  @Test
  void aMissingGroupIsAnErrorNamingIt() {
    AutoScalingGroupActuator a = actuator("nope").build();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.fleet(CLOCK.instant()));
    assertTrue(e.getMessage().contains("nope"));
  }

  @Test
  void capacityAskedForButNotListedYetIsCountedAsPendingAndCanBeTakenBack() {
    aws.createGroup("slow", 0, 10, TYPE.name(), null);
    aws.visibilityDelay(Duration.ofSeconds(60));
    AutoScalingGroupActuator a = actuator("slow").launchWait(Duration.ZERO).build();
    ActionResult r = a.apply(Launch.of(2, TYPE.name(), "slow-1"), CLOCK.instant());
    assertEquals(ActionResult.Status.OK, r.status());
    Fleet f = a.fleet(CLOCK.instant());
    assertEquals(2, f.pending(), "not listed yet, but asked for: the planner must not ask again");
    String placeholder = f.instances().get(0).id();
    assertTrue(placeholder.startsWith("pending:slow:"), placeholder);
    ActionResult back = a.apply(Terminate.of(List.of(placeholder)), CLOCK.instant());
    assertEquals(ActionResult.Status.OK, back.status(), () -> back.errors().toString());
    assertEquals(1, aws.desired("slow"));
    CLOCK.advance(Duration.ofMinutes(2));
    assertEquals(1, a.fleet(CLOCK.instant()).running());
  }
}
