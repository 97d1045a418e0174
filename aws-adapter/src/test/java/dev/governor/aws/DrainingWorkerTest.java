package dev.governor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Planner;
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

/** Both halves of the draining protocol talking through the local endpoint. */
class DrainingWorkerTest {
  static final InstanceType TYPE = InstanceType.of("c7g.large", 2, 0.07);
  static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
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

  private DrainingWorker.Builder worker(String id) {
    return DrainingWorker.builder(ec2, id).slots(2).clock(CLOCK);
  }

  @Test
  void aDrainedWorkerStopsReceivingFinishesItsJobAndIsThenTerminatedAsIdle() {
    Ec2Actuator controller = Ec2Actuator.builder(ec2).pool("p").launchTemplateName("t").instanceType(TYPE).build();
    String id = controller.apply(Launch.of(1, TYPE.name(), "w1"), CLOCK.instant()).launched().get(0);
    CLOCK.advance(Duration.ofMinutes(2));
    DrainingWorker w = worker(id).build();
    DrainingWorker.Job job = w.begin();
    assertEquals(DrainingWorker.State.ACTIVE, w.refresh());
    assertEquals("1", aws.tags(id).get(PoolTags.BUSY));
    Fleet f = controller.fleet(CLOCK.instant());
    assertEquals(1, f.byId(id).busySlots());

    // The planner drains the busy instance rather than killing it.
    var action = Planner.ofDefaults().plan(0, f, TYPE, CLOCK.instant(), "scale-in");
    assertEquals(List.of(id), ((Terminate) action).drain());
    controller.apply(action, CLOCK.instant());
    assertEquals(DrainingWorker.State.DRAINING, w.refresh());
    assertFalse(w.shouldReceive());

    job.close();
    w.refresh();
    assertEquals("0", aws.tags(id).get(PoolTags.BUSY));
    Fleet idle = controller.fleet(CLOCK.instant());
    assertEquals(InstanceState.DRAINING, idle.byId(id).state());
    var next = Planner.ofDefaults().plan(0, idle, TYPE, CLOCK.instant(), "scale-in-2");
    ActionResult r = controller.apply(next, CLOCK.instant());
    assertEquals(List.of(id), r.terminated());
  }

  @Test
  void reactivationPutsTheWorkerBackToWork() {
    Ec2Actuator controller = Ec2Actuator.builder(ec2).pool("p").launchTemplateName("t").instanceType(TYPE).build();
    String id = controller.apply(Launch.of(1, TYPE.name(), "w2"), CLOCK.instant()).launched().get(0);
    DrainingWorker w = worker(id).build();
    controller.apply(new Terminate(List.of(), List.of(id), -1), CLOCK.instant());
    assertEquals(DrainingWorker.State.DRAINING, w.refresh());
    controller.apply(new Launch(0, TYPE.name(), List.of(id), "back"), CLOCK.instant());
    assertEquals(DrainingWorker.State.ACTIVE, w.refresh());
    assertTrue(w.shouldReceive());
  }

  /** A busy worker of group {@code g} (with a termination hook) that the group then terminates. */
  private record Terminated(String id, DrainingWorker worker, DrainingWorker.Job job) {}

  private Terminated busyWorkerTheGroupTerminates() {
    aws.createGroup("g", 0, 5, TYPE.name(), "drain-hook");
    AutoScalingGroupActuator controller = AutoScalingGroupActuator.builder(asg, ec2).group("g").instanceType(TYPE).build();
    String id = controller.apply(Launch.of(1, TYPE.name(), "g1"), CLOCK.instant()).launched().get(0);
    CLOCK.advance(Duration.ofMinutes(2));
    DrainingWorker w = worker(id).autoScaling(asg, "g", "drain-hook").build();
    DrainingWorker.Job job = w.begin();
    w.refresh();
    // The group terminates it (e.g. someone lowered desired capacity): it waits for the hook.
    asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(id).shouldDecrementDesiredCapacity(true));
    assertEquals(DrainingWorker.State.TERMINATING, w.refresh());
    return new Terminated(id, w, job);
  }

  @Test
  void inALifecycleWaitTheWorkerHeartbeatsWhileBusyAndCompletesTheActionWhenIdle() {
    Terminated t = busyWorkerTheGroupTerminates();
    assertFalse(t.worker().shouldReceive());
    assertEquals(1, aws.count("RecordLifecycleActionHeartbeat"));
    assertEquals("Terminating:Wait", aws.lifecycleState(t.id()));
    t.job().close();
    assertEquals(DrainingWorker.State.RELEASED, t.worker().refresh());
    assertEquals("shutting-down", aws.state(t.id()));
  }

  @Test
  void aFailedLifecycleReadWhileTerminatingNeverPutsTheWorkerBackToWork() {
    Terminated t = busyWorkerTheGroupTerminates();
    aws.failNext("DescribeAutoScalingInstances", "ValidationError", 400);
    assertEquals(DrainingWorker.State.TERMINATING, t.worker().refresh(),
        "the tags alone (no draining tag) must not reactivate it");
    assertFalse(t.worker().shouldReceive());
    t.job().close();
    assertEquals(DrainingWorker.State.RELEASED, t.worker().refresh());
  }

  @Test
  void anOverdueDrainWithRuleTerminateIsReleasedAnyway() {
    aws.createGroup("g2", 0, 5, TYPE.name(), "drain-hook");
    AutoScalingGroupActuator controller = AutoScalingGroupActuator.builder(asg, ec2).group("g2").instanceType(TYPE).build();
    String id = controller.apply(Launch.of(1, TYPE.name(), "g2"), CLOCK.instant()).launched().get(0);
    CLOCK.advance(Duration.ofMinutes(2));
    DrainingWorker w = worker(id).autoScaling(asg, "g2", "drain-hook")
        .drainDeadline(new DrainDeadline(Duration.ofMinutes(15), DrainDeadline.Rule.TERMINATE)).build();
    w.begin();
    asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(id).shouldDecrementDesiredCapacity(true));
    assertEquals(DrainingWorker.State.TERMINATING, w.refresh());
    for (int k = 0; k < 15; k++) {
      CLOCK.advance(Duration.ofMinutes(1));
      assertEquals(DrainingWorker.State.TERMINATING, w.refresh(), "minute " + (k + 1));
    }
    CLOCK.advance(Duration.ofMinutes(1));
    assertEquals(DrainingWorker.State.RELEASED, w.refresh(), "deadline passed: released with its job unfinished");
  }

  /** A clock that can go back, as a host's can. */
  static final class SteppingClock implements java.time.InstantSource {
    Instant now;

    SteppingClock(Instant start) {
      now = start;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /**
   * Issue #10 item 2: after a step back of the worker's clock, heartbeats stopped for the size of the
   * step, so the hook's heartbeat timeout could let the group terminate a busy worker.
   */
  @Test
  void aClockStepBackNeitherPausesHeartbeatsNorPostponesTheDeadline() {
    aws.createGroup("g3", 0, 5, TYPE.name(), "drain-hook");
    AutoScalingGroupActuator controller = AutoScalingGroupActuator.builder(asg, ec2).group("g3").instanceType(TYPE).build();
    String id = controller.apply(Launch.of(1, TYPE.name(), "g3"), CLOCK.instant()).launched().get(0);
    CLOCK.advance(Duration.ofMinutes(2));
    SteppingClock clock = new SteppingClock(CLOCK.instant());
    DrainingWorker w = DrainingWorker.builder(ec2, id).slots(2).clock(clock).autoScaling(asg, "g3", "drain-hook")
        .heartbeatInterval(Duration.ofMinutes(5))
        .drainDeadline(new DrainDeadline(Duration.ofMinutes(15), DrainDeadline.Rule.TERMINATE)).build();
    w.begin();
    asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(id).shouldDecrementDesiredCapacity(true));
    assertEquals(DrainingWorker.State.TERMINATING, w.refresh());
    assertEquals(1, aws.count("RecordLifecycleActionHeartbeat"));
    clock.now = clock.now.plus(Duration.ofMinutes(4));
    w.refresh();
    clock.now = clock.now.minus(Duration.ofHours(1));
    w.refresh();
    assertEquals(2, aws.count("RecordLifecycleActionHeartbeat"), "a step back: how long since the last one is unknown, so now");
    for (int k = 0; k < 5; k++) {
      clock.now = clock.now.plus(Duration.ofMinutes(1));
      w.refresh();
    }
    assertEquals(3, aws.count("RecordLifecycleActionHeartbeat"), "and every 5 min after it, not an hour later");
    for (int k = 0; k < 6; k++) {
      clock.now = clock.now.plus(Duration.ofMinutes(1));
      assertEquals(DrainingWorker.State.TERMINATING, w.refresh());
    }
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertEquals(DrainingWorker.State.RELEASED, w.refresh(), "15 min of draining ticked, whatever the clock said");
  }

  @Test
  void aClockStepForwardDoesNotEndADrainEarly() {
    aws.createGroup("g4", 0, 5, TYPE.name(), "drain-hook");
    AutoScalingGroupActuator controller = AutoScalingGroupActuator.builder(asg, ec2).group("g4").instanceType(TYPE).build();
    String id = controller.apply(Launch.of(1, TYPE.name(), "g4"), CLOCK.instant()).launched().get(0);
    CLOCK.advance(Duration.ofMinutes(2));
    SteppingClock clock = new SteppingClock(CLOCK.instant());
    DrainingWorker w = DrainingWorker.builder(ec2, id).slots(2).clock(clock).autoScaling(asg, "g4", "drain-hook")
        .drainDeadline(new DrainDeadline(Duration.ofMinutes(15), DrainDeadline.Rule.TERMINATE)).build();
    w.begin();
    asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(id).shouldDecrementDesiredCapacity(true));
    assertEquals(DrainingWorker.State.TERMINATING, w.refresh());
    clock.now = clock.now.plus(Duration.ofHours(2));
    assertEquals(DrainingWorker.State.TERMINATING, w.refresh(), "a jump of two hours is not two hours of draining");
  }
}
