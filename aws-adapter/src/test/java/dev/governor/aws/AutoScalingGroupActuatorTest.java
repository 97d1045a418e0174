package dev.governor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Sleep;
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

  private ActionResult upkeep(AutoScalingGroupActuator a) {
    return a.apply(new Sleep("upkeep"), CLOCK.instant());
  }

  @Test
  void busyWorkersAreProtectedFromTheGroupsOwnScaleInAndIdleOnesReleased() {
    aws.createGroup("p", 0, 10, TYPE.name(), null);
    AutoScalingGroupActuator a = actuator("p").build();
    List<String> ids = launch(a, 3, "p1");
    CLOCK.advance(Duration.ofMinutes(2));
    aws.setTag(ids.get(0), PoolTags.BUSY, "1");
    aws.setTag(ids.get(1), PoolTags.BUSY, "0");
    assertEquals(ActionResult.Status.NOOP, upkeep(a).status());
    assertTrue(aws.isProtected("p", ids.get(0)));
    assertFalse(aws.isProtected("p", ids.get(1)));
    assertTrue(aws.isProtected("p", ids.get(2)), "no busy report yet: unknown is busy");
    // Someone lowers the desired capacity by hand: the group must pick the idle one.
    asg.setDesiredCapacity(r -> r.autoScalingGroupName("p").desiredCapacity(2));
    assertEquals(List.of(ids.get(0), ids.get(2)), aws.liveIds());
    aws.setTag(ids.get(0), PoolTags.BUSY, "0");
    upkeep(a);
    assertFalse(aws.isProtected("p", ids.get(0)));
  }

  @Test
  void theControllerCompletesTheTerminationHookOfAnInstanceThatReportedIdle() {
    aws.createGroup("h", 0, 10, TYPE.name(), "drain-hook");
    AutoScalingGroupActuator a = actuator("h").terminationHook("drain-hook").build();
    List<String> ids = launch(a, 3, "h1");
    CLOCK.advance(Duration.ofMinutes(2));
    aws.setTag(ids.get(0), PoolTags.BUSY, "1");
    aws.setTag(ids.get(1), PoolTags.BUSY, "0");
    a.apply(Terminate.of(ids), CLOCK.instant());
    for (String id : ids) {
      assertEquals("Terminating:Wait", aws.lifecycleState(id));
    }
    Fleet f = a.fleet(CLOCK.instant());
    assertEquals(InstanceState.TERMINATING, f.byId(ids.get(0)).state());
    assertEquals(0, aws.count("CompleteLifecycleAction"), "fleet() reads only");
    upkeep(a);
    assertEquals(List.of(ids.get(0), ids.get(2)), aws.liveIds(),
        "the one that reported idle is released; the busy one and the one that never reported are held by the hook");
    assertEquals(1, aws.count("CompleteLifecycleAction"));
  }

  /** Issue #10 item 11: the poll after a successful SetDesiredCapacity was throttled and the launch reported FAILED. */
  @Test
  void aThrottledPollAfterTheCapacityWasRaisedIsStillAnOkLaunch() {
    aws.createGroup("poll", 0, 10, TYPE.name(), null);
    AutoScalingGroupActuator a = actuator("poll").build();
    aws.after("SetDesiredCapacity", f -> f.throttleNext(10));
    ActionResult r = a.apply(Launch.of(3, TYPE.name(), "poll-1"), CLOCK.instant());
    aws.throttleNext(0);
    assertEquals(ActionResult.Status.OK, r.status(), () -> r.errors().toString());
    assertEquals(3, aws.desired("poll"));
    assertEquals(List.of("pending:poll:1", "pending:poll:2", "pending:poll:3"), r.launched(), () -> r.errors() + " "
        + "ids not listed yet: the placeholders fleet() shows for them");
    assertTrue(r.errors().get(0).startsWith("Throttling"), r.errors().toString());
    assertEquals(3, a.fleet(CLOCK.instant()).effective(), "and the planner will not ask again");
  }

  /** Issue #10 item 5: SetDesiredCapacity acted, every attempt's response was an error; it was reported FAILED. */
  @Test
  void aLostSetDesiredCapacityResponseIsSettledByReadingTheGroupAndNeverAddsTwice() {
    aws.createGroup("lost", 0, 20, TYPE.name(), null);
    AutoScalingGroupActuator a = actuator("lost").build();
    aws.actThenFail("SetDesiredCapacity", "InternalFailure", 500, 10);
    ActionResult r = a.apply(Launch.of(4, TYPE.name(), "lost-1"), CLOCK.instant());
    assertEquals(ActionResult.Status.OK, r.status(), () -> r.errors().toString());
    assertEquals(4, aws.desired("lost"), "absolute: the SDK's retries of the same target add nothing");
    assertEquals(4, r.launched().size());
    aws.reset();
    aws.createGroup("drop", 0, 20, TYPE.name(), null);
    AutoScalingGroupActuator d = actuator("drop").build();
    aws.actThenDrop("SetDesiredCapacity", 10);
    ActionResult dr = d.apply(Launch.of(2, TYPE.name(), "drop-1"), CLOCK.instant());
    assertEquals(ActionResult.Status.OK, dr.status(), () -> dr.errors().toString());
    assertEquals(2, aws.desired("drop"));
    ActionResult again = d.apply(Launch.of(2, TYPE.name(), "drop-1"), CLOCK.instant());
    assertTrue(again.succeeded());
    assertEquals(2, aws.desired("drop"), "the same decision again is not applied twice");
  }

  @Test
  void aSetDesiredCapacityThatSurelyFailedTakesItsTokenBackSoTheRetryLaunches() {
    aws.createGroup("retry", 0, 20, TYPE.name(), null);
    AutoScalingGroupActuator a = actuator("retry").launchWait(Duration.ZERO).build();
    aws.failNext("SetDesiredCapacity", "ValidationError", 400);
    ActionResult failed = a.apply(Launch.of(2, TYPE.name(), "retry-1"), CLOCK.instant());
    assertEquals(ActionResult.Status.FAILED, failed.status(), () -> failed.errors().toString());
    assertEquals(0, aws.desired("retry"));
    ActionResult again = a.apply(Launch.of(2, TYPE.name(), "retry-1"), CLOCK.instant());
    assertEquals(ActionResult.Status.OK, again.status(), () -> again.errors().toString());
    assertEquals(2, aws.desired("retry"), "the retry of the failed decision launched");
    aws.failNext("SetDesiredCapacity", "ValidationError", 400);
    assertEquals(ActionResult.Status.FAILED, a.apply(Launch.of(1, TYPE.name(), "retry-2"), CLOCK.instant()).status());
    ActionResult stillApplied = a.apply(Launch.of(2, TYPE.name(), "retry-1"), CLOCK.instant());
    assertEquals(2, aws.desired("retry"), "the earlier token was put back: its decision is still recognised as applied");
    assertTrue(stillApplied.succeeded());
    ActionResult second = a.apply(Launch.of(1, TYPE.name(), "retry-2"), CLOCK.instant());
    assertEquals(ActionResult.Status.OK, second.status(), () -> second.errors().toString());
    assertEquals(3, aws.desired("retry"));
  }

  @Test
  void aTokenLongerThanATagValueIsStillRecognisedAsApplied() {
    aws.createGroup("long", 0, 20, TYPE.name(), null);
    AutoScalingGroupActuator a = actuator("long").launchWait(Duration.ZERO).build();
    String token = "gov-" + "x".repeat(300);
    assertTrue(a.apply(Launch.of(2, TYPE.name(), token), CLOCK.instant()).succeeded());
    assertTrue(a.apply(Launch.of(2, TYPE.name(), token), CLOCK.instant()).succeeded());
    assertEquals(2, aws.desired("long"), "the same decision again is not applied twice");
  }

  @Test
  void aLostSetDesiredCapacityThatCannotBeSettledIsUnknownNotFailed() {
    aws.createGroup("unsettled", 0, 20, TYPE.name(), null);
    AutoScalingGroupActuator a = actuator("unsettled").build();
    aws.actThenFail("SetDesiredCapacity", "InternalFailure", 500, 10);
    aws.after("SetDesiredCapacity", f -> f.throttleNext(10));
    ActionResult r = a.apply(Launch.of(3, TYPE.name(), "unsettled-1"), CLOCK.instant());
    aws.throttleNext(0);
    assertEquals(ActionResult.Status.UNKNOWN, r.status(), () -> r.errors().toString());
    assertEquals(3, aws.desired("unsettled"), "it did act");
  }

  @Test
  void theGroupRemembersTheNewestEpochAndRefusesAnOlderOnesAction() {
    aws.createGroup("fenced", 0, 10, TYPE.name(), null);
    AutoScalingGroupActuator a = actuator("fenced").launchWait(Duration.ZERO).build();
    ActionResult r5 = a.apply(Launch.of(2, TYPE.name(), "gov-e5").withEpoch(5), CLOCK.instant());
    assertTrue(r5.succeeded(), () -> r5.errors().toString());
    assertEquals(2, aws.desired("fenced"));
    ActionResult late = a.apply(Launch.of(3, TYPE.name(), "gov-e4").withEpoch(4), CLOCK.instant());
    assertEquals(ActionResult.Status.REFUSED, late.status());
    assertTrue(late.errors().get(0).startsWith("StaleEpoch"), late.errors().toString());
    assertEquals(2, aws.desired("fenced"), "a deposed leader's launch changes nothing");
    ActionResult r6 = a.apply(Launch.of(1, TYPE.name(), "gov-e6").withEpoch(6), CLOCK.instant());
    assertTrue(r6.succeeded(), () -> r6.errors().toString());
    assertEquals(3, aws.desired("fenced"), "absolute: the capacity read under epoch 6 plus its launch");
  }

  @Test
  void instancesTheGroupLaunchesCarryTheDecisionsToken() {
    aws.createGroup("tok", 0, 10, TYPE.name(), null);
    aws.visibilityDelay(Duration.ofSeconds(60));
    AutoScalingGroupActuator a = actuator("tok").launchWait(Duration.ZERO).build();
    a.apply(Launch.of(2, TYPE.name(), "gov-tok-1"), CLOCK.instant());
    Fleet pending = a.fleet(CLOCK.instant());
    assertEquals(2, pending.pending());
    pending.instances().forEach(i -> assertEquals("gov-tok-1", i.launchToken(), i.id()));
    CLOCK.advance(Duration.ofMinutes(2));
    Fleet listed = a.fleet(CLOCK.instant());
    assertEquals(2, listed.running());
    listed.instances().forEach(i -> {
      assertTrue(i.id().startsWith("i-"), i.id());
      assertEquals("gov-tok-1", i.launchToken(), i.id());
    });
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
