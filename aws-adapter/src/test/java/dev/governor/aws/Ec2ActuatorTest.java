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

  @Test
  void theRememberedLaunchIsForgottenAfterTheGrace() {
    aws.visibilityDelay(Duration.ofHours(1));
    Ec2Actuator a = pool().visibilityGrace(Duration.ofMinutes(2)).build();
    launch(a, 1, "never-1");
    assertEquals(1, a.fleet(CLOCK.instant()).pending());
    CLOCK.advance(Duration.ofMinutes(3));
    assertEquals(0, a.fleet(CLOCK.instant()).effective());
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
    CLOCK.advance(Duration.ofMinutes(11));
    var i = a.fleet(CLOCK.instant()).byId(id);
    assertEquals(InstanceState.DRAINING, i.state());
    assertEquals(0, i.busySlots(), "rule TERMINATE: reported idle so the planner terminates it");
    assertEquals(1, overdue.size());
    a.fleet(CLOCK.instant());
    assertEquals(1, overdue.size(), "reported once");
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
