package dev.governor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The EC2 actuator against AWS's failure modes, injected by the local endpoint. */
class Ec2ActuatorTest {
  static final InstanceType LARGE = InstanceType.of("c7g.large", 4, 0.0725);
  static final InstanceType XLARGE = InstanceType.of("c7g.xlarge", 8, 0.145);
  static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-02-01T00:00:00Z"));
  static FakeAws aws;
  static Ec2Client ec2;

  @BeforeAll
  static void start() {
    aws = new FakeAws(CLOCK::instant);
    ec2 = aws.ec2Client();
  }

  @AfterAll
  static void stop() {
    ec2.close();
    aws.close();
  }

  @BeforeEach
  void reset() {
    aws.reset();
  }

  private Ec2Actuator.Builder pool() {
    return Ec2Actuator.builder(ec2).pool("workers").launchTemplateId("lt-0123").instanceType(LARGE).instanceType(XLARGE)
        .subnets("subnet-a", "subnet-b");
  }

  private ActionResult launch(Ec2Actuator a, int n, String token) {
    return a.apply(Launch.of(n, LARGE.name(), token), CLOCK.instant());
  }

  @Test
  void insufficientCapacityFallsToTheNextSubnetThenTheNextType() {
    aws.noCapacity("c7g.large", "subnet-a").noCapacity("c7g.large", "subnet-b");
    Ec2Actuator a = pool().build();
    ActionResult r = launch(a, 2, "ice-1");
    assertEquals(ActionResult.Status.OK, r.status(), () -> r.errors().toString());
    assertEquals(2, r.launched().size());
    for (String id : r.launched()) {
      assertEquals("c7g.xlarge", a.fleet(CLOCK.instant()).byId(id).type());
    }
    assertEquals(2, r.errors().size(), "each refused placement is recorded");
    assertTrue(r.errors().get(0).startsWith("InsufficientInstanceCapacity"), r.errors().get(0));
    assertTrue(r.errors().get(1).contains("subnet-b"), r.errors().get(1));
    List<String> subnets = new ArrayList<>();
    aws.calls().stream().filter(c -> c.action().equals("RunInstances"))
        .forEach(c -> subnets.add(c.params().get("InstanceType") + "@" + c.params().get("SubnetId")));
    assertEquals(List.of("c7g.large@subnet-a", "c7g.large@subnet-b", "c7g.xlarge@subnet-a"), subnets.stream().distinct().toList());
  }

  @Test
  void runInstancesAsksForAtLeastOneWithATokenAndThePoolTag() {
    Ec2Actuator a = pool().tag("team", "media").build();
    launch(a, 3, "gov-1700000000-0-3");
    FakeAws.Call c = aws.calls().stream().filter(x -> x.action().equals("RunInstances")).findFirst().orElseThrow();
    assertEquals("1", c.params().get("MinCount"));
    assertEquals("3", c.params().get("MaxCount"));
    assertEquals("gov-1700000000-0-3-0", c.params().get("ClientToken"));
    assertEquals("lt-0123", c.params().get("LaunchTemplate.LaunchTemplateId"));
    assertEquals("$Default", c.params().get("LaunchTemplate.Version"));
    String id = aws.liveIds().get(1);
    assertEquals("workers", aws.tags(id).get(PoolTags.POOL));
    assertEquals("media", aws.tags(id).get("team"));
  }

  @Test
  void aLaunchUnderALeaderEpochNamesItInTheClientTokenAndTagsItsInstances() {
    Ec2Actuator a = pool().build();
    ActionResult r = a.apply(Launch.of(2, LARGE.name(), "gov-1700000000-0-2").withEpoch(7), CLOCK.instant());
    assertEquals(ActionResult.Status.OK, r.status(), () -> r.errors().toString());
    FakeAws.Call c = aws.calls().stream().filter(x -> x.action().equals("RunInstances")).findFirst().orElseThrow();
    assertEquals("gov-1700000000-0-2-e7-0", c.params().get("ClientToken"));
    for (String id : r.launched()) {
      assertEquals("7", aws.tags(id).get(PoolTags.EPOCH), id);
    }
    // A token the controller already stamped with the epoch is not stamped twice.
    a.apply(Launch.of(1, LARGE.name(), "gov-1700000060-2-3-e7").withEpoch(7), CLOCK.instant());
    assertTrue(aws.calls().stream().anyMatch(x -> "gov-1700000060-2-3-e7-0".equals(x.params().get("ClientToken"))));
  }

  @Test
  void aPartialLaunchContinuesOnTheNextPlacementAndIsPartialIfStillShort() {
    aws.launchAtMost(2);
    Ec2Actuator a = Ec2Actuator.builder(ec2).pool("workers").launchTemplateName("t").instanceType(LARGE)
        .subnets("subnet-a", "subnet-b").build();
    ActionResult r = launch(a, 5, "partial-1");
    assertEquals(ActionResult.Status.PARTIAL, r.status());
    assertEquals(4, r.launched().size(), "2 in each subnet");
    assertEquals(4, a.fleet(CLOCK.instant()).effective());
    // Retrying the same decision returns the same instances and launches none.
    ActionResult again = launch(a, 5, "partial-1");
    assertEquals(r.launched(), again.launched());
    assertEquals(4, aws.liveIds().size());
  }

  @Test
  void throttlingIsRetriedByTheSdkWithoutLaunchingTwice() {
    Ec2Actuator a = pool().build();
    aws.throttleNext(2);
    ActionResult r = launch(a, 2, "throttle-1");
    assertEquals(ActionResult.Status.OK, r.status(), () -> r.errors().toString());
    assertEquals(2, aws.liveIds().size());
    assertEquals(3, aws.count("RunInstances"), "two throttled attempts, then one that worked");
  }

  @Test
  void throttlingThatOutlastsTheSdkRetriesIsRecordedAndStopsTheLaunch() {
    Ec2Actuator a = pool().build();
    aws.throttleNext(100);
    ActionResult r = launch(a, 2, "throttle-2");
    assertEquals(ActionResult.Status.FAILED, r.status());
    assertTrue(r.errors().get(0).startsWith("RequestLimitExceeded: "), r.errors().toString());
    assertEquals(3, aws.count("RunInstances"), "the SDK's attempts only: no other placement is tried while throttled");
    aws.throttleNext(0);
  }

  @Test
  void aQuotaErrorIsRecordedWithItsCodeAndNotRetriedElsewhere() {
    aws.failNext("RunInstances", "VcpuLimitExceeded", 400);
    Ec2Actuator a = pool().build();
    ActionResult r = launch(a, 2, "quota-1");
    assertEquals(ActionResult.Status.FAILED, r.status());
    assertTrue(r.errors().get(0).startsWith("VcpuLimitExceeded: "), r.errors().toString());
    assertEquals(1, aws.count("RunInstances"), "no retry storm");
  }

  @Test
  void anAuthorizationErrorFailsLoudlyNamingThePermission() {
    aws.deny("RunInstances");
    Ec2Actuator a = pool().build();
    MissingPermissionException e = assertThrows(MissingPermissionException.class, () -> launch(a, 1, "denied-1"));
    assertTrue(e.permission().startsWith("ec2:RunInstances"), e.permission());
    assertTrue(e.getMessage().contains("UnauthorizedOperation"), e.getMessage());
    aws.deny("DescribeInstances");
    MissingPermissionException d = assertThrows(MissingPermissionException.class, () -> a.fleet(CLOCK.instant()));
    assertEquals("ec2:DescribeInstances", d.permission());
  }

  @Test
  void aLaunchedInstanceMissingFromDescribeIsCountedAndNotLaunchedAgain() {
    aws.visibilityDelay(Duration.ofSeconds(90));
    Ec2Actuator a = pool().visibilityGrace(Duration.ofMinutes(5)).build();
    ActionResult r = launch(a, 2, "late-1");
    Fleet f = a.fleet(CLOCK.instant());
    assertEquals(2, f.pending(), "remembered though EC2 does not list them yet");
    for (String id : r.launched()) {
      assertEquals(InstanceState.PENDING, f.byId(id).state());
    }
    CLOCK.advance(Duration.ofSeconds(120));
    Fleet later = a.fleet(CLOCK.instant());
    assertEquals(2, later.effective(), "listed once, not twice");
    // A fresh actuator (a restart) does not know them until EC2 shows them: that is what the grace is for.
  }

  /** Ticks of {@code every}, {@code n} times, reading the fleet at each as the controller does; returns the last fleet. */
  private Fleet ticks(Ec2Actuator a, int n, Duration every) {
    Fleet f = null;
    for (int k = 0; k < n; k++) {
      CLOCK.advance(every);
      f = a.fleet(CLOCK.instant());
    }
    return f;
  }

  @Test
  void theRememberedLaunchIsForgottenAfterItsBootTimeAndTheGrace() {
    aws.visibilityDelay(Duration.ofHours(1));
    Ec2Actuator a = pool().visibilityGrace(Duration.ofMinutes(2)).build();
    launch(a, 1, "never-1");
    assertEquals(1, a.fleet(CLOCK.instant()).pending());
    assertEquals(1, ticks(a, 3, Duration.ofMinutes(1)).pending(), "boot time 2 min + grace 2 min not over");
    assertEquals(0, ticks(a, 1, Duration.ofMinutes(1)).effective());
  }

  /** Issue #10 items 2 and 5: memories of launches must survive clock steps either way. */
  @Test
  void aClockStepForwardDoesNotForgetALaunchDescribeDoesNotShowYet() {
    aws.describeLag(Duration.ofSeconds(90));
    Ec2Actuator a = pool().build();
    Instant t = CLOCK.instant();
    launch(a, 2, "jump-1");
    CLOCK.advance(Duration.ofSeconds(30));
    Fleet f = a.fleet(t.plus(Duration.ofHours(1))); // the controller's clock jumped; AWS's did not
    assertEquals(2, f.pending(), "still remembered: forgetting them would launch them again");
    CLOCK.advance(Duration.ofSeconds(60));
    assertEquals(2, a.fleet(t.plus(Duration.ofHours(1)).plusSeconds(60)).effective(), "listed once Describe catches up");
  }

  @Test
  void aClockStepBackDoesNotHoldAPhantomLaunchForTheSizeOfTheStep() {
    aws.visibilityDelay(Duration.ofDays(1)); // it never shows up
    Ec2Actuator a = pool().visibilityGrace(Duration.ofMinutes(2)).build();
    launch(a, 1, "phantom-1");
    Instant back = CLOCK.instant().minus(Duration.ofHours(1));
    assertEquals(1, a.fleet(back).pending());
    Fleet f = null;
    for (int k = 1; k <= 5; k++) {
      f = a.fleet(back.plus(Duration.ofMinutes(k)));
    }
    assertEquals(0, f.effective(), "forgotten after 4 min of ticks, not after the hour the clock went back");
  }

  /** Issue #10 item 5: the launch-token tag was written but never read back. */
  @Test
  void aRestartedActuatorFindsItsLaunchesByTheirToken() {
    aws.describeLag(Duration.ofSeconds(90));
    Ec2Actuator before = pool().build();
    ActionResult r = launch(before, 3, "gov-restart-1");
    before.fleet(CLOCK.instant()).instances().forEach(i -> assertEquals("gov-restart-1", i.launchToken(), i.id()));
    CLOCK.advance(Duration.ofSeconds(30));
    Ec2Actuator after = pool().build();
    assertEquals(0, after.fleet(CLOCK.instant()).effective(), "EC2 does not list them yet: only the controller's record can tell");
    CLOCK.advance(Duration.ofSeconds(60));
    Fleet f = after.fleet(CLOCK.instant());
    assertEquals(3, f.effective());
    for (String id : r.launched()) {
      assertEquals("gov-restart-1", f.byId(id).launchToken(), id);
    }
  }

  /** Issue #10 item 5: a launch whose every response was lost was reported FAILED and launched again. */
  @Test
  void aLostRunInstancesResponseIsRecoveredByAskingAgainWithTheSameToken() {
    aws.actThenFail("RunInstances", "InternalError", 500, 3); // every SDK attempt acts (idempotently) and fails
    aws.describeLag(Duration.ofSeconds(90));
    Ec2Actuator a = pool().build();
    ActionResult r = launch(a, 50, "gov-lost-1");
    assertEquals(ActionResult.Status.OK, r.status(), () -> r.errors().toString());
    assertEquals(50, r.launched().size());
    assertEquals(50, aws.liveIds().size(), "one launch of 50, not two");
    assertEquals(50, a.fleet(CLOCK.instant()).pending(), "remembered while Describe lags");
  }

  @Test
  void aLaunchWhoseOutcomeCannotBeLearntIsUnknownAndNoOtherPlacementIsTried() {
    aws.actThenFail("RunInstances", "InternalError", 500, 100);
    aws.describeLag(Duration.ofSeconds(90));
    Ec2Actuator a = pool().build();
    ActionResult r = launch(a, 50, "gov-lost-2");
    assertEquals(ActionResult.Status.UNKNOWN, r.status(), () -> r.errors().toString());
    assertEquals(List.of(), r.launched(), "Describe does not show them yet");
    assertEquals(Map.of("c7g.large@subnet-a", 6L), aws.calls().stream().filter(c -> c.action().equals("RunInstances"))
        .collect(java.util.stream.Collectors.groupingBy(c -> c.params().get("InstanceType") + "@" + c.params().get("SubnetId"),
            java.util.stream.Collectors.counting())), "the SDK's 3 attempts and one more with the same token, nowhere else");
    assertEquals(50, aws.liveIds().size());
    aws.reset();
  }

  @Test
  void aDroppedResponseFoundByItsTokenTagIsReported() {
    aws.actThenDrop("RunInstances", 100);
    Ec2Actuator a = pool().build();
    ActionResult r = launch(a, 4, "gov-drop-1");
    assertEquals(ActionResult.Status.OK, r.status(), () -> r.errors().toString());
    assertEquals(aws.liveIds(), r.launched(), "found by the launch-token tag");
    assertTrue(r.errors().get(0).startsWith("SdkClientException"), r.errors().toString());
  }

  /** Issue #10 item 5: an actuator view lagging 150 s with no error at all. */
  @Test
  void aViewThatLagsByMoreThanATickStillShowsTheLaunchOnceWithItsToken() {
    aws.describeLag(Duration.ofSeconds(150));
    Ec2Actuator a = pool().build();
    launch(a, 48, "gov-lag-1");
    for (int k = 0; k <= 4; k++) {
      Fleet f = a.fleet(CLOCK.instant());
      assertEquals(48, f.effective(), "tick " + k);
      f.instances().forEach(i -> assertEquals("gov-lag-1", i.launchToken()));
      CLOCK.advance(Duration.ofSeconds(60));
    }
  }

  @Test
  void describeIsPaginated() {
    Ec2Actuator a = pool().pageSize(5).build();
    launch(a, 12, "many-1");
    assertEquals(12, a.fleet(CLOCK.instant()).effective());
    assertTrue(aws.count("DescribeInstances") >= 3, "at least three pages");
  }

  @Test
  void terminatingAMixOfOwnAndForeignInstancesTerminatesNothing() {
    String foreign = aws.addForeignInstance("m5.large", Map.of(PoolTags.POOL, "other-pool"));
    Ec2Actuator a = pool().build();
    String mine = launch(a, 1, "mix-1").launched().get(0);
    ActionResult r = a.apply(Terminate.of(List.of(mine, foreign)), CLOCK.instant());
    assertEquals(ActionResult.Status.FAILED, r.status());
    assertTrue(r.errors().get(0).contains(foreign));
    assertFalse(r.errors().get(0).contains(mine));
    assertEquals(0, aws.count("TerminateInstances"));
    assertEquals(2, aws.liveIds().size());
  }

  @Test
  void reactivatingAForeignInstanceIsRefused() {
    String foreign = aws.addForeignInstance("m5.large", Map.of());
    Ec2Actuator a = pool().build();
    ActionResult r = a.apply(new Launch(0, LARGE.name(), List.of(foreign), "re-1"), CLOCK.instant());
    assertEquals(ActionResult.Status.FAILED, r.status());
    assertTrue(r.errors().get(0).contains(foreign));
  }

  @Test
  void aTerminatedInstanceStillDescribedAsRunningIsReportedTerminating() {
    Ec2Actuator a = pool().build();
    String id = launch(a, 1, "stale-1").launched().get(0);
    CLOCK.advance(Duration.ofMinutes(5));
    a.apply(Terminate.of(List.of(id)), CLOCK.instant());
    Fleet f = a.fleet(CLOCK.instant());
    assertNotNull(f.byId(id));
    assertEquals(InstanceState.TERMINATING, f.byId(id).state());
    CLOCK.advance(Duration.ofMinutes(10));
    assertEquals(0, a.fleet(CLOCK.instant()).instances().size(), "terminated instances are not listed");
  }

  @Test
  void drainingTagsTheInstanceAndAnOverdueDrainFollowsTheRule() {
    List<DrainDeadline.Overdue> overdue = new ArrayList<>();
    Ec2Actuator a = pool().drainDeadline(new DrainDeadline(Duration.ofMinutes(10), DrainDeadline.Rule.TERMINATE))
        .onOverdueDrain(overdue::add).build();
    String id = launch(a, 1, "drain-1").launched().get(0);
    CLOCK.advance(Duration.ofMinutes(2));
    aws.setTag(id, PoolTags.BUSY, "3");
    ActionResult r = a.apply(new Terminate(List.of(), List.of(id), -1), CLOCK.instant());
    assertEquals(List.of(id), r.drained());
    assertEquals(PoolTags.DRAINING, aws.tags(id).get(PoolTags.STATE));
    assertEquals(CLOCK.instant().toString(), aws.tags(id).get(PoolTags.DRAINING_SINCE));
    assertEquals(3, a.fleet(CLOCK.instant()).byId(id).busySlots());
    var i = ticks(a, 11, Duration.ofMinutes(1)).byId(id);
    assertEquals(InstanceState.DRAINING, i.state());
    assertEquals(0, i.busySlots(), "rule TERMINATE: reported idle so the planner terminates it");
    assertEquals(1, overdue.size());
    a.fleet(CLOCK.instant());
    assertEquals(1, overdue.size(), "reported once");
  }

  /** Issue #10 item 12: a worker without a busy report yet was terminated, not drained. */
  @Test
  void aRunningWorkerThatHasNotReportedYetIsDrainedNotTerminated() {
    Ec2Actuator a = pool().build();
    List<String> ids = launch(a, 2, "unreported-1").launched();
    Fleet booting = a.fleet(CLOCK.instant());
    assertEquals(0, booting.byId(ids.get(0)).busySlots(), "a booting instance runs no jobs");
    CLOCK.advance(Duration.ofMinutes(3));
    aws.setTag(ids.get(0), PoolTags.BUSY, "0");
    Fleet f = a.fleet(CLOCK.instant());
    assertEquals(LARGE.slots(), f.byId(ids.get(1)).busySlots(), "no report: unknown, so busy");
    Terminate t = (Terminate) dev.governor.action.Planner.ofDefaults().plan(0, f, LARGE, CLOCK.instant(), "in-1");
    assertEquals(List.of(ids.get(0)), t.terminate());
    assertEquals(List.of(ids.get(1)), t.drain());
  }

  /** Issue #10 item 12: a missing or garbled draining-since tag made a drain never overdue. */
  @Test
  void aDrainWithAMissingOrGarbledSinceTagIsOverdueOneDeadlineAfterItWasFirstSeen() {
    List<DrainDeadline.Overdue> overdue = new ArrayList<>();
    Ec2Actuator a = pool().drainDeadline(new DrainDeadline(Duration.ofMinutes(10), DrainDeadline.Rule.TERMINATE))
        .onOverdueDrain(overdue::add).build();
    List<String> ids = launch(a, 2, "garbled-1").launched();
    CLOCK.advance(Duration.ofMinutes(3));
    a.apply(new Terminate(List.of(), ids, -2), CLOCK.instant());
    ids.forEach(id -> aws.setTag(id, PoolTags.BUSY, "2"));
    aws.setTag(ids.get(0), PoolTags.DRAINING_SINCE, null);
    aws.setTag(ids.get(1), PoolTags.DRAINING_SINCE, "yesterday");
    Instant firstSeen = CLOCK.instant();
    Fleet f = a.fleet(firstSeen);
    ids.forEach(id -> assertEquals(2, f.byId(id).busySlots(), "not overdue at once: that would kill busy workers"));
    Fleet nine = ticks(a, 9, Duration.ofMinutes(1));
    ids.forEach(id -> assertEquals(2, nine.byId(id).busySlots()));
    Fleet eleven = ticks(a, 2, Duration.ofMinutes(1));
    ids.forEach(id -> assertEquals(0, eleven.byId(id).busySlots(), "overdue: rule TERMINATE"));
    assertEquals(2, overdue.size());
    overdue.forEach(o -> assertEquals(firstSeen, o.drainingSince()));
  }

  /** Issue #10 item 2: the drain deadline was wall-clock only, so a step ended it early or postponed it by the step. */
  @Test
  void aClockStepNeitherEndsADrainEarlyNorPostponesItByTheStep() {
    DrainDeadline tenMinutes = new DrainDeadline(Duration.ofMinutes(10), DrainDeadline.Rule.TERMINATE);
    Ec2Actuator forward = pool().drainDeadline(tenMinutes).build();
    Ec2Actuator backward = pool().drainDeadline(tenMinutes).build();
    List<String> ids = launch(forward, 2, "step-drain-1").launched();
    CLOCK.advance(Duration.ofMinutes(3));
    Instant t = CLOCK.instant();
    forward.apply(new Terminate(List.of(), ids, -2), t);
    ids.forEach(id -> aws.setTag(id, PoolTags.BUSY, "1"));
    String f = ids.get(0);
    String b = ids.get(1);
    assertEquals(1, forward.fleet(t).byId(f).busySlots());
    assertEquals(1, forward.fleet(t.plus(Duration.ofHours(1))).byId(f).busySlots(), "a jump of an hour is not an hour of draining");
    int minutes = 0;
    while (forward.fleet(t.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(++minutes))).byId(f).busySlots() > 0) {
      assertTrue(minutes < 30, "never overdue");
    }
    assertEquals(6, minutes, "the jump counted as 5 min, then a minute a tick: overdue after 11");

    assertEquals(1, backward.fleet(t).byId(b).busySlots());
    for (int k = 1; k <= 5; k++) {
      backward.fleet(t.plus(Duration.ofMinutes(k)));
    }
    Instant back = t.plus(Duration.ofMinutes(5)).minus(Duration.ofHours(1));
    minutes = 0;
    while (backward.fleet(back.plus(Duration.ofMinutes(++minutes))).byId(b).busySlots() > 0) {
      assertTrue(minutes < 30, "postponed by the step");
    }
    assertEquals(7, minutes, "5 min before, the step back counts nothing, 6 after it: overdue after 11 ticked, not 70");
  }

  @Test
  void aLongDecisionTokenIsHashedToEc2sLimit() {
    String t = Ec2Actuator.clientToken("x".repeat(100), 3);
    assertTrue(t.length() <= 64, t);
    assertEquals(t, Ec2Actuator.clientToken("x".repeat(100), 3));
    assertFalse(t.equals(Ec2Actuator.clientToken("x".repeat(100), 4)));
  }

  @Test
  void builderErrorsNameTheField() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Ec2Actuator.builder(ec2).pool("p").instanceType(LARGE).build());
    assertTrue(e.getMessage().contains("launchTemplate"), e.getMessage());
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> Ec2Actuator.builder(ec2).pageSize(2));
    assertEquals("pageSize must be in [5, 1000], but was 2", p.getMessage());
  }
}
