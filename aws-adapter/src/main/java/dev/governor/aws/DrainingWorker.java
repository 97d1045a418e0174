package dev.governor.aws;

import dev.governor.aws.internal.Checks;
import dev.governor.aws.internal.AwsErrors;
import dev.governor.aws.internal.DrainTimer;
import dev.governor.aws.internal.Fleets;
import dev.governor.aws.internal.StepSafeElapsed;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The worker's half of the draining protocol, embedded in the worker process.
 *
 * <pre>{@code
 * DrainingWorker drain = DrainingWorker.builder(ec2, instanceId).slots(4)
 *     .autoScaling(asg, "workers", "drain-hook")      // only for Auto Scaling groups with a termination hook
 *     .build();
 * drain.start(scheduler, Duration.ofSeconds(15));       // or call drain.refresh() from your own loop
 * while (drain.shouldReceive()) {
 *   for (Message m : sqs.receiveMessage(...).messages()) {
 *     try (DrainingWorker.Job job = drain.begin()) {
 *       process(m);
 *       sqs.deleteMessage(...);
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Each {@link #refresh()} reads the instance's own tags (and, with Auto Scaling, its lifecycle
 * state) and reports the number of running jobs in the {@code governor:busy} tag when it changed.
 * Once the controller has tagged the instance draining, or the group has put it in
 * {@code Terminating:Wait}, {@link #shouldReceive()} turns false: the worker finishes what it holds
 * and takes nothing new. When it is idle, it reports 0 busy slots (the controller then terminates
 * it) or, in a lifecycle wait, completes the lifecycle action so the group terminates it.
 *
 * <p>A drain that outlives its {@link DrainDeadline} is logged once and handled by its rule: WAIT
 * keeps the lifecycle action alive with heartbeats; TERMINATE completes it (or reports idle)
 * anyway, and the unfinished messages return to their queues when their visibility timeout ends.
 * The drain starts at the {@code governor:draining-since} tag (or, if that is missing, garbled or
 * in the future, when this worker first saw it draining); the rest of the deadline, and the
 * heartbeat interval, run on time built from the clock's readings so that a step of the clock
 * neither ends a drain early nor pauses heartbeats (a step back counts as a whole interval, so a
 * heartbeat goes out at once; see {@code StepSafeElapsed}).
 *
 * <p>The busy report lags by up to one refresh: a job that starts right after a report of 0 can
 * be cut short by a termination; its message then becomes visible again and is processed by
 * another worker (SQS at-least-once semantics), so no job is lost. Thread-safe.
 *
 * <h2>AWS calls and permissions (the instance profile's)</h2>
 * Each refresh: {@code ec2:DescribeInstances} of its own id; with {@link Builder#autoScaling},
 * {@code autoscaling:DescribeAutoScalingInstances} of its own id; {@code ec2:CreateTags} of
 * {@code governor:busy} only when the count differs from the last one written; with a termination
 * hook, in a lifecycle wait, {@code autoscaling:CompleteLifecycleAction} ({@code CONTINUE}) or
 * {@code autoscaling:RecordLifecycleActionHeartbeat}. A call refused for lack of permission throws
 * {@link MissingPermissionException}; any other failure (throttling left after the SDK's retries
 * included) is logged and that step is retried at the next refresh: a failed read of the tags keeps
 * the previous state (unless the lifecycle state says {@code Terminating}), a failed read of the
 * lifecycle state leaves the tags alone to decide that round, and a failed report is written again.
 */
public final class DrainingWorker {
  private static final Logger LOG = LoggerFactory.getLogger(DrainingWorker.class);

  /** Where the instance is in the protocol. */
  public enum State {
    /** Taking work. */
    ACTIVE,
    /** Tagged draining by the controller: finishing, taking nothing new. */
    DRAINING,
    /** In the group's termination lifecycle wait: finishing, taking nothing new. */
    TERMINATING,
    /** The lifecycle action was completed; the group is terminating the instance. */
    RELEASED
  }

  private final Ec2Client ec2;
  private final String instanceId;
  private final int slots;
  private final AutoScalingClient asg;
  private final String group;
  private final String hook;
  private final DrainDeadline deadline;
  private final Duration heartbeatInterval;
  private final InstantSource clock;

  private final AtomicInteger busy = new AtomicInteger();
  private volatile State state = State.ACTIVE;
  private Integer reported;
  private Instant drainingSince;
  private boolean overdueLogged;
  private final DrainTimer drainTimer;
  /** Heartbeats run on this: a step back of the clock counts as a whole interval, so they never pause for the size of a step. */
  private final StepSafeElapsed heartbeatClock;
  private Long lastHeartbeat;

  private DrainingWorker(Builder b) {
    this.ec2 = b.ec2;
    this.instanceId = b.instanceId;
    this.slots = b.slots;
    this.asg = b.asg;
    this.group = b.group;
    this.hook = b.hook;
    this.deadline = b.deadline;
    this.heartbeatInterval = b.heartbeatInterval;
    this.clock = b.clock;
    this.drainTimer = new DrainTimer(b.deadline.deadline());
    this.heartbeatClock = StepSafeElapsed.forCache(b.heartbeatInterval);
  }

  /**
   * Starts a worker for the instance it runs on.
   *
   * @param ec2 the EC2 client, with the instance profile's credentials
   * @param instanceId this instance's id, e.g. from the instance metadata ({@code instance-id})
   * @return a builder with the defaults
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code instanceId} is blank
   */
  public static Builder builder(Ec2Client ec2, String instanceId) {
    return new Builder(ec2, instanceId);
  }

  /**
   * Whether to receive new messages: false once the instance is draining, terminating or released,
   * as of the last {@link #refresh()}; true again if the controller reactivates it.
   *
   * @return true while the instance is {@link State#ACTIVE}
   */
  public boolean shouldReceive() {
    return state == State.ACTIVE;
  }

  /**
   * Where the instance is in the protocol, as of the last {@link #refresh()} ({@link State#ACTIVE}
   * before the first).
   *
   * @return the current state
   */
  public State state() {
    return state;
  }

  /**
   * Jobs running now: those {@link #begin begun} and not yet closed.
   *
   * @return the number of running jobs (&gt;= 0)
   */
  public int busy() {
    return busy.get();
  }

  /** A running job; closing it marks it finished. */
  public interface Job extends AutoCloseable {
    /** Marks the job finished; closing it again does nothing. Never throws. */
    @Override
    void close();
  }

  /**
   * Marks a job started (call after receiving its message); close the handle when it is done. More
   * jobs than {@link Builder#slots} are allowed, with a warning in the log.
   *
   * @return the job's handle, for try-with-resources
   */
  public Job begin() {
    int n = busy.incrementAndGet();
    if (n > slots) {
      LOG.warn("{} jobs running on {}, more than its {} slots", n, instanceId, slots);
    }
    boolean[] closed = {false};
    return () -> {
      synchronized (closed) {
        if (!closed[0]) {
          closed[0] = true;
          busy.decrementAndGet();
        }
      }
    };
  }

  /**
   * Calls {@link #refresh()} on the host's scheduler at once and then with {@code every} between the
   * end of one round and the start of the next, in whole milliseconds. A round that throws (a
   * {@link MissingPermissionException}, say) is logged and the schedule goes on. Once the instance
   * is {@link State#RELEASED} the rounds do nothing; cancel the returned future to stop them.
   *
   * @param scheduler the host's scheduler
   * @param every the delay between rounds, at least 1 ms; well below the hook's heartbeat timeout and
   *     the controller's tick (e.g. 15 s)
   * @return the scheduled task
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code every} is under 1 ms
   */
  public ScheduledFuture<?> start(ScheduledExecutorService scheduler, Duration every) {
    long ms = every.toMillis();
    return scheduler.scheduleWithFixedDelay(() -> {
      try {
        refresh();
      } catch (RuntimeException e) {
        LOG.error("draining refresh of {} failed", instanceId, e);
      }
    }, 0, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * One round of the protocol: read the instance's state, report busy slots, release it when idle.
   * Reads the clock once. In a lifecycle wait it completes the action when the worker is idle (or
   * overdue under {@link DrainDeadline.Rule#TERMINATE}), and otherwise sends a heartbeat once per
   * {@link Builder#heartbeatInterval}. While draining, an idle (or so overdue) worker reports 0.
   *
   * @return the state after this round
   * @throws MissingPermissionException if AWS refuses a call for lack of permission
   */
  public synchronized State refresh() {
    if (state == State.RELEASED) {
      return state;
    }
    Instant now = clock.instant();
    drainTimer.advance(now);
    long beat = heartbeatClock.advance(now);
    Map<String, String> tags = ownTags();
    String lifecycle = asg == null ? null : lifecycleState();
    State next = state;
    if (state == State.TERMINATING || (lifecycle != null && lifecycle.startsWith("Terminating"))) {
      // a termination is never undone: a failed lifecycle read must not let the tags reactivate it
      next = State.TERMINATING;
    } else if (tags != null) {
      next = PoolTags.DRAINING.equals(tags.get(PoolTags.STATE)) ? State.DRAINING : State.ACTIVE;
    }
    if (next != state) {
      LOG.info("instance {} is now {}", instanceId, next);
      if (next != State.ACTIVE && drainingSince == null) {
        Instant tagged = tags == null || next != State.DRAINING ? null : Fleets.parseInstant(tags.get(PoolTags.DRAINING_SINCE));
        drainingSince = drainTimer.track(instanceId, tagged, now);
      }
      if (next == State.ACTIVE) {
        drainingSince = null;
        overdueLogged = false;
        drainTimer.forget(instanceId);
      }
      state = next;
    }
    int b = busy.get();
    boolean overdue = state != State.ACTIVE && b > 0 && drainTimer.isOverdue(instanceId);
    if (overdue && !overdueLogged) {
      overdueLogged = true;
      LOG.warn("drain of {} overdue: since {}, {} job(s) still running; rule {}", instanceId, drainingSince, b, deadline.rule());
    }
    boolean release = b == 0 || (overdue && deadline.rule() == DrainDeadline.Rule.TERMINATE);
    report(release && state == State.DRAINING ? 0 : b);
    if (state == State.TERMINATING) {
      if (release) {
        completeLifecycleAction();
      } else if (lastHeartbeat == null || beat - lastHeartbeat >= heartbeatInterval.toNanos()) {
        heartbeat(beat);
      }
    }
    return state;
  }

  private Map<String, String> ownTags() {
    try {
      for (Reservation r : ec2.describeInstances(q -> q.instanceIds(instanceId)).reservations()) {
        for (var i : r.instances()) {
          return Fleets.tags(i.tags());
        }
      }
      return null;
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "ec2:DescribeInstances");
      LOG.warn("could not read the tags of {}: {}", instanceId, AwsErrors.describe(e));
      return null;
    }
  }

  private String lifecycleState() {
    try {
      for (AutoScalingInstanceDetails d : asg.describeAutoScalingInstances(q -> q.instanceIds(instanceId))
          .autoScalingInstances()) {
        return d.lifecycleState();
      }
      return null;
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:DescribeAutoScalingInstances");
      LOG.warn("could not read the lifecycle state of {}: {}", instanceId, AwsErrors.describe(e));
      return null;
    }
  }

  private void report(int n) {
    if (reported != null && reported == n) {
      return;
    }
    try {
      ec2.createTags(r -> r.resources(instanceId).tags(Tag.builder().key(PoolTags.BUSY).value(Integer.toString(n)).build()));
      reported = n;
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "ec2:CreateTags");
      LOG.warn("could not report {} busy slots of {}: {}", n, instanceId, AwsErrors.describe(e));
    }
  }

  private void completeLifecycleAction() {
    if (hook == null) {
      return; // no hook of ours: the group proceeds by itself
    }
    try {
      asg.completeLifecycleAction(r -> r.autoScalingGroupName(group).lifecycleHookName(hook).instanceId(instanceId)
          .lifecycleActionResult("CONTINUE"));
      LOG.info("{} idle: lifecycle action {} completed", instanceId, hook);
      state = State.RELEASED;
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:CompleteLifecycleAction");
      LOG.warn("could not complete lifecycle action {} of {}: {}", hook, instanceId, AwsErrors.describe(e));
    }
  }

  private void heartbeat(long beat) {
    if (hook == null) {
      return;
    }
    try {
      asg.recordLifecycleActionHeartbeat(r -> r.autoScalingGroupName(group).lifecycleHookName(hook).instanceId(instanceId));
      lastHeartbeat = beat;
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:RecordLifecycleActionHeartbeat");
      LOG.warn("could not extend lifecycle action {} of {}: {}", hook, instanceId, AwsErrors.describe(e));
    }
  }

  /** Builds a {@link DrainingWorker}; each setter validates at once. */
  public static final class Builder {
    private final Ec2Client ec2;
    private final String instanceId;
    private int slots = 1;
    private AutoScalingClient asg;
    private String group;
    private String hook;
    private DrainDeadline deadline = DrainDeadline.ofDefaults();
    private Duration heartbeatInterval = Duration.ofMinutes(5);
    private InstantSource clock = InstantSource.system();

    private Builder(Ec2Client ec2, String instanceId) {
      this.ec2 = Objects.requireNonNull(ec2, "ec2");
      this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
      if (instanceId.isBlank()) {
        throw new IllegalArgumentException("instanceId must not be blank");
      }
    }

    /**
     * Concurrent jobs this worker runs (default 1). Only for the warning when more jobs run; the
     * busy report is the real count, which the controller caps at the instance type's slots.
     *
     * @param n slots (&gt; 0)
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is not positive
     */
    public Builder slots(int n) {
      if (n <= 0) {
        throw new IllegalArgumentException("slots must be > 0, but was " + n);
      }
      this.slots = n;
      return this;
    }

    /**
     * The instance's Auto Scaling group and its termination lifecycle hook. With it, a lifecycle
     * state starting with {@code Terminating} means {@link State#TERMINATING}.
     *
     * @param client the Auto Scaling client, with the instance profile's credentials
     * @param group the group's name
     * @param terminationHook the termination lifecycle hook's name, or null if the group has none (the
     *     worker then stops receiving in {@code Terminating} but neither completes nor extends a
     *     lifecycle action)
     * @return this builder
     * @throws NullPointerException if {@code client} or {@code group} is null
     */
    public Builder autoScaling(AutoScalingClient client, String group, String terminationHook) {
      this.asg = Objects.requireNonNull(client, "autoScaling");
      this.group = Objects.requireNonNull(group, "group");
      this.hook = terminationHook;
      return this;
    }

    /**
     * How long a drain may last while jobs still run, and what happens after (default
     * {@link DrainDeadline#ofDefaults()}: 30 min, then wait). Use the controller's actuator's
     * deadline.
     *
     * @param d the drain deadline
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     */
    public Builder drainDeadline(DrainDeadline d) {
      this.deadline = Objects.requireNonNull(d, "drainDeadline");
      return this;
    }

    /**
     * How often a busy worker in a lifecycle wait extends it (default 5 min; keep it below the hook's
     * heartbeat timeout). A heartbeat goes out at a refresh, so the real interval is rounded up to
     * the refresh period.
     *
     * @param d the heartbeat interval (&gt; 0)
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is zero or negative
     */
    public Builder heartbeatInterval(Duration d) {
      this.heartbeatInterval = Checks.positive("heartbeatInterval", d);
      return this;
    }

    /**
     * The clock read once per refresh, for the drain deadline and heartbeats (default
     * {@link InstantSource#system()}); tests pass a manual clock.
     *
     * @param c the clock
     * @return this builder
     * @throws NullPointerException if {@code c} is null
     */
    public Builder clock(InstantSource c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Builds the worker, {@link State#ACTIVE}. Nothing is called on AWS until the first
     * {@link DrainingWorker#refresh()}.
     *
     * @return the worker
     */
    public DrainingWorker build() {
      return new DrainingWorker(this);
    }
  }
}
