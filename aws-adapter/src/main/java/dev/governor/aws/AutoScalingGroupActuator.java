package dev.governor.aws;

import dev.governor.aws.internal.Checks;
import com.google.common.collect.Lists;
import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Sleep;
import dev.governor.action.Terminate;
import dev.governor.actuator.Actuator;
import dev.governor.aws.internal.AwsErrors;
import dev.governor.aws.internal.Fleets;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.autoscaling.model.TagDescription;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Runs a pool that is an EC2 Auto Scaling group: the group launches (from its own launch
 * template, across its own subnets and instance types) and the controller decides how many and
 * which instances go.
 *
 * <ul>
 *   <li><b>Launch</b>: first tags the group {@code governor:launch-token=<decision token>} with
 *       PropagateAtLaunch, so every instance the group launches from then on carries the token
 *       (read back into {@link Instance#launchToken()}) and a retried decision is recognised and not
 *       applied twice; then SetDesiredCapacity(desired + n), capped at the group's MaxSize (the rest
 *       is reported as {@code MaxSizeReached}), and waits up to {@link Builder#launchWait} for the
 *       new instance ids to appear. SetDesiredCapacity is absolute: when its response is lost, the
 *       group is read again and the same target asked for once more if it did not land, which
 *       cannot add capacity twice; if that cannot be settled the result is
 *       {@link ActionResult.Status#UNKNOWN}. Once the capacity is confirmed the launch is OK, even
 *       if listing the new ids fails: {@code launched} then holds a pending placeholder for each.
 *   <li><b>Fleet</b>: DescribeAutoScalingGroups for membership and lifecycle states, and
 *       DescribeInstances for launch times and the workers' tags — a pure read, nothing on AWS
 *       changes. Capacity the group has been asked for but has not listed yet is reported as PENDING
 *       placeholders (ids {@code pending:<group>:<n>}), so the planner does not ask for it twice;
 *       terminating a placeholder lowers the desired capacity.
 *   <li><b>Terminate</b>: TerminateInstanceInAutoScalingGroup with ShouldDecrementDesiredCapacity,
 *       only for members of the group; a request naming anything else fails whole.
 *   <li><b>Upkeep</b>, done by {@link #apply} for every action, Sleep included, and never by
 *       {@link #fleet} (so {@code new DryRunActuator(asg::fleet)} writes nothing): with
 *       {@link Builder#protectBusy} (default), busy and draining workers are protected from the
 *       group's own scale-in (someone lowering the desired capacity, a rebalance) and idle ones
 *       unprotected; with {@link Builder#terminationHook}, the termination lifecycle action of an
 *       instance in {@code Terminating:Wait} whose worker reported 0 busy slots is completed (a
 *       worker that died cannot). Upkeep errors are listed in the result's errors, prefixed
 *       {@code upkeep:}.
 *   <li><b>Drain</b>: the same EC2 tags as {@link Ec2Actuator}; a running worker without a busy
 *       report counts as fully busy.
 * </ul>
 *
 * <h2>AWS calls, permissions and tags</h2>
 * <ul>
 *   <li>{@code autoscaling:DescribeAutoScalingGroups} and {@code ec2:DescribeInstances} (by
 *       instance-id filter, 200 ids a call), both not resource-scoped: once per {@link #fleet} and per
 *       {@link #apply}, and again while a launch waits for its instances (every
 *       {@link Builder#pollInterval}) or a lost response is settled.
 *   <li>{@code autoscaling:SetDesiredCapacity} with {@code HonorCooldown=false}, always an absolute
 *       target: {@code min(MaxSize, desired + n)} to launch; {@code max(MinSize, desired - k)} to drop
 *       {@code k} placeholders.
 *   <li>{@code autoscaling:TerminateInstanceInAutoScalingGroup}, one call per instance. A call that
 *       fails is checked against the group afterwards: an instance gone or terminating counts as
 *       terminated; if that check fails too the result is UNKNOWN; otherwise some may have succeeded
 *       (PARTIAL) or none (FAILED).
 *   <li>{@code autoscaling:CreateOrUpdateTags} on the group: {@code governor:launch-token} before a
 *       launch raises the capacity and, with leader election, {@code governor:epoch}; both with
 *       {@code PropagateAtLaunch=true}. When SetDesiredCapacity surely did not act, the token is put
 *       back as it was ({@code autoscaling:DeleteTags} if the group had none), so a retry of the
 *       decision launches. An action whose epoch is below the group's epoch tag is
 *       {@link ActionResult.Status#REFUSED}, and so is one whose higher epoch could not be written.
 *   <li>{@code autoscaling:SetInstanceProtection} (50 ids a call) and
 *       {@code autoscaling:CompleteLifecycleAction} ({@code CONTINUE}) for the upkeep; a failed
 *       lifecycle completion is only logged (the worker may have completed it first).
 *   <li>{@code ec2:CreateTags} / {@code ec2:DeleteTags} of {@code governor:state} and
 *       {@code governor:draining-since} to drain and reactivate, one call each; the instances must
 *       carry {@code governor:pool} for the IAM conditions of {@code aws-adapter/IAM.md}.
 * </ul>
 * Throttling is retried by the clients (see {@link AwsClients#recommended}); what is left is
 * recorded like any other error. Authorization errors throw {@link MissingPermissionException}; a
 * group that does not exist throws {@link IllegalStateException}. A launch blocks the calling thread
 * for up to {@link Builder#launchWait}. Single-threaded, like the engine.
 */
public final class AutoScalingGroupActuator implements Actuator {
  private static final Logger LOG = LoggerFactory.getLogger(AutoScalingGroupActuator.class);
  static final String PLACEHOLDER_PREFIX = "pending:";

  private final AutoScalingClient asg;
  private final Ec2Client ec2;
  private final String group;
  private final boolean protectBusy;
  private final String terminationHook;
  private final Duration launchWait;
  private final Duration pollInterval;
  private final Fleets fleets;

  private AutoScalingGroupActuator(Builder b) {
    this.asg = b.asg;
    this.ec2 = b.ec2;
    this.group = b.group;
    this.protectBusy = b.protectBusy;
    this.terminationHook = b.terminationHook;
    this.launchWait = b.launchWait;
    this.pollInterval = b.pollInterval;
    this.fleets = new Fleets(b.types, b.drainDeadline, b.onOverdue);
  }

  /**
   * Starts an actuator over one Auto Scaling group; {@link Builder#group} and at least one
   * {@link Builder#instanceType} are required.
   *
   * @param autoScaling the Auto Scaling client to call (see {@link AwsClients#autoScaling})
   * @param ec2 the EC2 client, for the instances' launch times and tags and the drain tags
   * @return a builder with the defaults
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(AutoScalingClient autoScaling, Ec2Client ec2) {
    return new Builder(autoScaling, ec2);
  }

  /**
   * The group this actuator manages.
   *
   * @return the Auto Scaling group's name
   */
  public String group() {
    return group;
  }

  private AutoScalingGroup describeGroup() {
    try {
      List<AutoScalingGroup> gs = asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(group)).autoScalingGroups();
      if (gs.isEmpty()) {
        throw new IllegalStateException("Auto Scaling group '" + group + "' does not exist");
      }
      return gs.get(0);
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:DescribeAutoScalingGroups");
      throw e;
    }
  }

  private static InstanceState stateOf(LifecycleState s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case PENDING, PENDING_WAIT, PENDING_PROCEED -> InstanceState.PENDING;
      case IN_SERVICE -> InstanceState.RUNNING;
      case TERMINATING, TERMINATING_WAIT, TERMINATING_PROCEED -> InstanceState.TERMINATING;
      default -> null; // standby, detaching, warm pool, terminated: not serving and not ours to count
    };
  }

  private record Ec2View(Instant launchTime, Map<String, String> tags) {}

  private Map<String, Ec2View> ec2View(Collection<String> ids) {
    Map<String, Ec2View> out = new HashMap<>();
    for (List<String> batch : Lists.partition(new ArrayList<>(ids), 200)) {
      DescribeInstancesRequest req = DescribeInstancesRequest.builder()
          .filters(Filter.builder().name("instance-id").values(batch).build()).maxResults(1000).build();
      try {
        for (DescribeInstancesResponse page : ec2.describeInstancesPaginator(req)) {
          for (Reservation r : page.reservations()) {
            r.instances().forEach(i -> out.put(i.instanceId(), new Ec2View(i.launchTime(), Fleets.tags(i.tags()))));
          }
        }
      } catch (SdkException e) {
        AwsErrors.failLoudlyIfUnauthorized(e, "ec2:DescribeInstances");
        throw e;
      }
    }
    return out;
  }

  /** A member as the group and EC2 describe it, and as Governor sees it. */
  private record Member(software.amazon.awssdk.services.autoscaling.model.Instance asg, Instance instance,
      Map<String, String> tags) {}

  /** The group's members (not placeholders) and the whole fleet (with placeholders). Reads only. */
  private record View(List<Member> members, Fleet fleet) {}

  private View view(AutoScalingGroup g, Instant now) {
    fleets.begin(now);
    List<software.amazon.awssdk.services.autoscaling.model.Instance> listed = g.instances();
    Map<String, Ec2View> views = ec2View(listed.stream().map(i -> i.instanceId()).toList());
    List<Member> members = new ArrayList<>();
    List<Instance> out = new ArrayList<>();
    for (var m : listed) {
      InstanceState s = stateOf(m.lifecycleState());
      if (s == null) {
        continue;
      }
      Ec2View v = views.getOrDefault(m.instanceId(), new Ec2View(now, Map.of()));
      Instance i = fleets.instance(m.instanceId(), m.instanceType(), s, v.launchTime() == null ? now : v.launchTime(),
          v.tags(), now);
      members.add(new Member(m, i, v.tags()));
      out.add(i);
    }
    String token = groupToken(g);
    Map<String, String> placeholderTags = token == null ? Map.of() : Map.of(PoolTags.LAUNCH_TOKEN, token);
    for (int k = 1; k <= unlisted(g); k++) {
      out.add(fleets.instance(placeholder(k), null, InstanceState.PENDING, now, placeholderTags, now));
    }
    fleets.end(out.stream().map(Instance::id).toList());
    return new View(members, Fleet.of(out));
  }

  /** Desired capacity the group does not list yet (as booting or serving members). */
  private static int unlisted(AutoScalingGroup g) {
    int counted = 0;
    for (var m : g.instances()) {
      InstanceState s = stateOf(m.lifecycleState());
      if (s != null && s != InstanceState.TERMINATING) {
        counted++;
      }
    }
    return Math.max(0, g.desiredCapacity() - counted);
  }

  private String placeholder(int k) {
    return PLACEHOLDER_PREFIX + group + ":" + k;
  }

  /**
   * Fencing at the group: its {@value PoolTags#EPOCH} tag holds the highest leader epoch that has
   * acted on it. An action of an older epoch is refused (returns why); one of a newer epoch raises
   * the tag before it acts. The capacity it then sets is absolute, computed from the group as read
   * in this call under this epoch, never a delta that a deposed leader's late call could add to.
   */
  private String fenceEpoch(Action action, AutoScalingGroup g) {
    if (action.epoch() == 0) {
      return null;
    }
    long seen = 0;
    for (TagDescription t : g.tags()) {
      if (t.key().equals(PoolTags.EPOCH)) {
        try {
          seen = Long.parseLong(t.value());
        } catch (NumberFormatException e) {
          seen = 0;
        }
      }
    }
    if (action.epoch() < seen) {
      return "StaleEpoch: an action of leader epoch " + action.epoch() + " is refused: epoch " + seen
          + " has already acted on Auto Scaling group " + group;
    }
    if (action.epoch() > seen) {
      try {
        asg.createOrUpdateTags(r -> r.tags(software.amazon.awssdk.services.autoscaling.model.Tag.builder()
            .resourceId(group).resourceType("auto-scaling-group").key(PoolTags.EPOCH)
            .value(Long.toString(action.epoch())).propagateAtLaunch(true).build()));
      } catch (SdkException e) {
        AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:CreateOrUpdateTags");
        return "EpochNotRecorded: the group could not be tagged with leader epoch " + action.epoch() + " ("
            + AwsErrors.describe(e) + "); not acting unfenced";
      }
    }
    return null;
  }

  private static String groupToken(AutoScalingGroup g) {
    return g.tags().stream().filter(t -> t.key().equals(PoolTags.LAUNCH_TOKEN)).map(TagDescription::value).findFirst()
        .orElse(null);
  }

  /** A pure read: DescribeAutoScalingGroups and DescribeInstances only. */
  @Override
  public Fleet fleet(Instant now) {
    return view(describeGroup(), now).fleet();
  }

  @Override
  public ActionResult apply(Action action, Instant now) {
    Objects.requireNonNull(action, "action");
    List<String> upkeep = new ArrayList<>();
    AutoScalingGroup g;
    try {
      g = describeGroup();
    } catch (SdkException e) {
      return action instanceof Sleep ? new ActionResult(ActionResult.Status.NOOP, List.of(), List.of(), List.of(),
          List.of("upkeep: " + AwsErrors.describe(e))) : ActionResult.failed(AwsErrors.describe(e));
    }
    try {
      upkeep(view(g, now), upkeep);
    } catch (SdkException e) {
      upkeep.add("upkeep: " + AwsErrors.describe(e));
    }
    ActionResult r;
    String stale = action instanceof Sleep ? null : fenceEpoch(action, g);
    if (stale != null) {
      r = ActionResult.refused(stale);
    } else if (action instanceof Sleep) {
      r = ActionResult.noop();
    } else if (action instanceof Launch l) {
      r = launch(l, g);
    } else {
      r = terminate((Terminate) action, g, now);
    }
    if (upkeep.isEmpty()) {
      return r;
    }
    List<String> errors = new ArrayList<>(r.errors());
    errors.addAll(upkeep);
    return new ActionResult(r.status(), r.launched(), r.terminated(), r.drained(), errors);
  }

  /** Scale-in protection by busy state, and lifecycle actions of idle waiting instances. The writes fleet() must not do. */
  private void upkeep(View v, List<String> errors) {
    List<String> protect = new ArrayList<>();
    List<String> unprotect = new ArrayList<>();
    for (Member mb : v.members()) {
      Instance i = mb.instance();
      var m = mb.asg();
      if (protectBusy && (i.state() == InstanceState.RUNNING || i.state() == InstanceState.DRAINING)) {
        boolean wantProtected = i.isBusy() || i.state() == InstanceState.DRAINING;
        if (wantProtected && !Boolean.TRUE.equals(m.protectedFromScaleIn())) {
          protect.add(m.instanceId());
        } else if (!wantProtected && Boolean.TRUE.equals(m.protectedFromScaleIn())) {
          unprotect.add(m.instanceId());
        }
      }
      // Only an explicit report of 0: a worker that never reported may still be finishing jobs.
      if (terminationHook != null && m.lifecycleState() == LifecycleState.TERMINATING_WAIT && Fleets.reportsIdle(mb.tags())) {
        completeLifecycleAction(m.instanceId());
      }
    }
    setProtection(protect, true, errors);
    setProtection(unprotect, false, errors);
  }

  private void setProtection(List<String> ids, boolean on, List<String> errors) {
    for (List<String> batch : Lists.partition(ids, 50)) {
      try {
        asg.setInstanceProtection(r -> r.autoScalingGroupName(group).instanceIds(batch).protectedFromScaleIn(on));
      } catch (SdkException e) {
        AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:SetInstanceProtection");
        LOG.warn("could not {} {} in {}: {}", on ? "protect" : "unprotect", batch, group, AwsErrors.describe(e));
        errors.add("upkeep: " + AwsErrors.describe(e) + " (" + (on ? "protecting " : "unprotecting ") + batch + ")");
      }
    }
  }

  private void completeLifecycleAction(String id) {
    try {
      asg.completeLifecycleAction(r -> r.autoScalingGroupName(group).lifecycleHookName(terminationHook).instanceId(id)
          .lifecycleActionResult("CONTINUE"));
      LOG.info("completed lifecycle action {} for idle instance {}", terminationHook, id);
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:CompleteLifecycleAction");
      // The worker may have completed it first; that is the normal race, not a failure.
      LOG.debug("lifecycle action for {} not completed: {}", id, AwsErrors.describe(e));
    }
  }

  private static Set<String> memberIds(AutoScalingGroup g) {
    Set<String> ids = new LinkedHashSet<>();
    g.instances().forEach(i -> ids.add(i.instanceId()));
    return ids;
  }

  private ActionResult launch(Launch l, AutoScalingGroup g) {
    List<String> launched = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int reactivated = 0;
    if (!l.reactivate().isEmpty()) {
      Set<String> members = memberIds(g);
      List<String> foreign = l.reactivate().stream().filter(id -> !members.contains(id)).toList();
      if (!foreign.isEmpty()) {
        return ActionResult.failed("InvalidInstanceState: " + foreign + " are not members of Auto Scaling group " + group
            + "; nothing was reactivated or launched");
      }
      try {
        ec2.deleteTags(r -> r.resources(l.reactivate())
            .tags(Tag.builder().key(PoolTags.STATE).build(), Tag.builder().key(PoolTags.DRAINING_SINCE).build()));
        launched.addAll(l.reactivate());
        reactivated = l.reactivate().size();
      } catch (SdkException e) {
        AwsErrors.failLoudlyIfUnauthorized(e, "ec2:DeleteTags");
        errors.add(AwsErrors.describe(e));
      }
    }
    int added = 0;
    if (l.count() > 0) {
      String previousToken = groupToken(g);
      if (Ec2Actuator.tagValue(l.token()).equals(previousToken)) {
        LOG.info("launch {} was already applied to {}; not applying it again", l.token(), group);
        added = l.count();
      } else {
        int before = g.desiredCapacity();
        int target = Math.min(g.maxSize(), before + l.count());
        int asked = target - before;
        if (asked < l.count()) {
          errors.add("MaxSizeReached: group " + group + " has MaxSize " + g.maxSize() + ", so only " + Math.max(0, asked)
              + " of " + l.count() + " can be launched");
        }
        if (asked > 0) {
          recordToken(l.token(), errors);
          switch (setDesired(before, target, errors)) {
            case UNKNOWN -> {
              return ActionResult.unknown(launched, errors);
            }
            case NOT_DONE -> {
              added = 0;
              restoreToken(previousToken, errors); // nothing launched: a retry of this decision must launch
            }
            case DONE -> {
              added = asked;
              launched.addAll(newInstances(g, asked, errors));
            }
          }
        }
      }
    }
    int capacity = reactivated + added;
    ActionResult.Status s = capacity == l.count() + l.reactivate().size() ? ActionResult.Status.OK
        : capacity == 0 ? ActionResult.Status.FAILED : ActionResult.Status.PARTIAL;
    return new ActionResult(s, launched, List.of(), List.of(), errors);
  }

  private enum Outcome { DONE, NOT_DONE, UNKNOWN }

  /**
   * SetDesiredCapacity(target). It is absolute, so when the response is lost the group is read
   * again and, if the capacity is still where it was, the same target is asked for once more:
   * whether or not the first call landed, that cannot add capacity twice.
   */
  private Outcome setDesired(int before, int target, List<String> errors) {
    try {
      asg.setDesiredCapacity(r -> r.autoScalingGroupName(group).desiredCapacity(target).honorCooldown(false));
      return Outcome.DONE;
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:SetDesiredCapacity");
      if (!AwsErrors.mayHaveActed(e)) {
        errors.add(AwsErrors.describe(e));
        return Outcome.NOT_DONE;
      }
      errors.add(AwsErrors.describe(e) + " (SetDesiredCapacity " + target + " may have been applied; checking the group)");
    }
    try {
      int now = describeGroup().desiredCapacity();
      if (now >= target) {
        return Outcome.DONE;
      }
      if (now != before) {
        errors.add("desired capacity of " + group + " is " + now + ", neither " + before + " nor " + target
            + ": someone else changed it; not asking again");
        return Outcome.UNKNOWN;
      }
      asg.setDesiredCapacity(r -> r.autoScalingGroupName(group).desiredCapacity(target).honorCooldown(false));
      return Outcome.DONE;
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:SetDesiredCapacity");
      errors.add(AwsErrors.describe(e) + " (while settling SetDesiredCapacity " + target + ")");
      return Outcome.UNKNOWN;
    }
  }

  /**
   * Tags the group with the decision's token, propagated at launch, before the capacity is raised:
   * the new instances carry it, and a retry of the decision sees it applied.
   */
  private void recordToken(String token, List<String> errors) {
    try {
      asg.createOrUpdateTags(r -> r.tags(software.amazon.awssdk.services.autoscaling.model.Tag.builder().resourceId(group)
          .resourceType("auto-scaling-group").key(PoolTags.LAUNCH_TOKEN).value(Ec2Actuator.tagValue(token))
          .propagateAtLaunch(true).build()));
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:CreateOrUpdateTags");
      errors.add(AwsErrors.describe(e) + " (launch token not recorded; a retry of this decision may launch again)");
    }
  }

  /**
   * Puts the group's launch token back to what it was before a launch whose capacity surely did
   * not change ({@code autoscaling:CreateOrUpdateTags}, or {@code autoscaling:DeleteTags} when
   * there was none): left in place, the token would make a retry of the failed decision look
   * applied and launch nothing.
   */
  private void restoreToken(String previous, List<String> errors) {
    try {
      if (previous == null) {
        asg.deleteTags(r -> r.tags(software.amazon.awssdk.services.autoscaling.model.Tag.builder().resourceId(group)
            .resourceType("auto-scaling-group").key(PoolTags.LAUNCH_TOKEN).build()));
      } else {
        asg.createOrUpdateTags(r -> r.tags(software.amazon.awssdk.services.autoscaling.model.Tag.builder()
            .resourceId(group).resourceType("auto-scaling-group").key(PoolTags.LAUNCH_TOKEN).value(previous)
            .propagateAtLaunch(true).build()));
      }
    } catch (SdkException e) {
      errors.add(AwsErrors.describe(e) + " (launch token of the failed launch left on " + group
          + ": a retry of the same decision will be taken as applied and launch nothing)");
    }
  }

  /**
   * The ids of the {@code added} instances the group now launches: those it lists within the
   * launch wait, and a pending placeholder (as {@link #fleet} will show it) for each of the rest.
   * Listing is best effort: the capacity is already confirmed, so a failed poll only leaves more
   * placeholders, and is recorded.
   */
  private List<String> newInstances(AutoScalingGroup g, int added, List<String> errors) {
    List<String> fresh = new ArrayList<>();
    try {
      fresh.addAll(awaitNewMembers(memberIds(g), added));
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:DescribeAutoScalingGroups");
      errors.add(AwsErrors.describe(e) + " (capacity was raised by " + added + "; new instance ids not listed yet)");
    }
    int base = unlisted(g);
    int missing = added - fresh.size();
    for (int k = 1; k <= missing; k++) {
      fresh.add(placeholder(base + k));
    }
    return fresh;
  }

  /** Polls the group until {@code added} new members appear or the launch wait is over; returns those seen. */
  private List<String> awaitNewMembers(Set<String> before, int added) {
    long deadline = System.nanoTime() + launchWait.toNanos();
    while (true) {
      List<String> fresh = new ArrayList<>();
      for (String id : memberIds(describeGroup())) {
        if (!before.contains(id)) {
          fresh.add(id);
        }
      }
      if (fresh.size() >= added || System.nanoTime() >= deadline) {
        if (fresh.size() < added) {
          LOG.info("{} of {} new instances of {} listed after {}; the rest are reported as pending placeholders",
              fresh.size(), added, group, launchWait);
        }
        return fresh.size() > added ? fresh.subList(0, added) : fresh;
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fresh;
      }
    }
  }

  private ActionResult terminate(Terminate t, AutoScalingGroup g, Instant now) {
    Set<String> members = memberIds(g);
    Set<String> all = new LinkedHashSet<>(t.terminate());
    all.addAll(t.drain());
    List<String> foreign = all.stream()
        .filter(id -> !members.contains(id) && !(id.startsWith(PLACEHOLDER_PREFIX + group + ":") && t.terminate().contains(id)))
        .toList();
    if (!foreign.isEmpty()) {
      LOG.error("refusing to act on {}: not members of Auto Scaling group {}", foreign, group);
      return ActionResult.failed("NotInPool: instances " + foreign + " are not members of Auto Scaling group " + group
          + "; nothing was terminated or drained");
    }
    List<String> errors = new ArrayList<>();
    List<String> terminated = new ArrayList<>();
    List<String> placeholders = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String id : t.terminate()) {
      if (!members.contains(id)) {
        placeholders.add(id);
        continue;
      }
      try {
        asg.terminateInstanceInAutoScalingGroup(r -> r.instanceId(id).shouldDecrementDesiredCapacity(true));
        terminated.add(id);
      } catch (SdkException e) {
        AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:TerminateInstanceInAutoScalingGroup");
        errors.add(AwsErrors.describe(e) + " [" + id + "]");
        failed.add(id);
      }
    }
    boolean unknown = false;
    if (!failed.isEmpty()) {
      // A termination that acted and then lost its response fails its retry ("not found"): ask the group.
      try {
        AutoScalingGroup after = describeGroup();
        for (String id : failed) {
          var m = after.instances().stream().filter(x -> x.instanceId().equals(id)).findFirst();
          if (m.isEmpty() || stateOf(m.get().lifecycleState()) == InstanceState.TERMINATING) {
            terminated.add(id);
            errors.add(id + " is terminating after all");
          }
        }
      } catch (SdkException e) {
        AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:DescribeAutoScalingGroups");
        errors.add(AwsErrors.describe(e) + " (checking terminations " + failed + ")");
        unknown = true;
      }
    }
    if (!placeholders.isEmpty()) {
      try {
        int desired = describeGroup().desiredCapacity();
        int target = Math.max(g.minSize(), desired - placeholders.size());
        asg.setDesiredCapacity(r -> r.autoScalingGroupName(group).desiredCapacity(target).honorCooldown(false));
        terminated.addAll(placeholders.subList(0, desired - target));
      } catch (SdkException e) {
        AwsErrors.failLoudlyIfUnauthorized(e, "autoscaling:SetDesiredCapacity");
        errors.add(AwsErrors.describe(e));
        unknown |= AwsErrors.mayHaveActed(e);
      }
    }
    List<String> drained = new ArrayList<>();
    if (!t.drain().isEmpty()) {
      try {
        ec2.createTags(r -> r.resources(t.drain()).tags(Tag.builder().key(PoolTags.STATE).value(PoolTags.DRAINING).build(),
            Tag.builder().key(PoolTags.DRAINING_SINCE).value(now.toString()).build()));
        drained.addAll(t.drain());
        if (protectBusy) {
          setProtection(t.drain(), true, errors);
        }
      } catch (SdkException e) {
        AwsErrors.failLoudlyIfUnauthorized(e, "ec2:CreateTags");
        errors.add(AwsErrors.describe(e));
      }
    }
    int done = terminated.size() + drained.size();
    ActionResult.Status s = unknown ? ActionResult.Status.UNKNOWN
        : done == all.size() ? ActionResult.Status.OK
        : done == 0 ? ActionResult.Status.FAILED : ActionResult.Status.PARTIAL;
    return new ActionResult(s, List.of(), terminated, drained, errors);
  }

  /** Builds an {@link AutoScalingGroupActuator}; each setter validates at once. */
  public static final class Builder {
    private final AutoScalingClient asg;
    private final Ec2Client ec2;
    private String group;
    private final List<InstanceType> types = new ArrayList<>();
    private boolean protectBusy = true;
    private String terminationHook;
    private Duration launchWait = Duration.ofSeconds(30);
    private Duration pollInterval = Duration.ofSeconds(2);
    private DrainDeadline drainDeadline = DrainDeadline.ofDefaults();
    private Consumer<DrainDeadline.Overdue> onOverdue = o -> {};

    private Builder(AutoScalingClient asg, Ec2Client ec2) {
      this.asg = Objects.requireNonNull(asg, "autoScaling");
      this.ec2 = Objects.requireNonNull(ec2, "ec2");
    }

    /**
     * The Auto Scaling group to manage, by name. Required.
     *
     * @param name the group's name, 1..255 characters
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank or longer than 255 characters
     */
    public Builder group(String name) {
      Objects.requireNonNull(name, "group");
      if (name.isBlank() || name.length() > 255) {
        throw new IllegalArgumentException("group must be 1..255 characters, but was '" + name + "'");
      }
      this.group = name;
      return this;
    }

    /**
     * One of the group's instance types (for slots, price, billing and boot time); at least one is
     * required. The group chooses what it launches; an instance of a type not listed is counted with
     * the first type's slots, billing and boot time, and price 0.
     *
     * @param t the type
     * @return this builder
     * @throws NullPointerException if {@code t} is null
     */
    public Builder instanceType(InstanceType t) {
      Objects.requireNonNull(t, "instanceType");
      types.add(t);
      return this;
    }

    /**
     * Whether to protect busy and draining workers from the group's own scale-in (default true): at
     * each {@link AutoScalingGroupActuator#apply}, running members that are busy (or have no busy
     * report) or draining get scale-in protection, idle ones lose it; a drained instance is
     * protected at once.
     *
     * @param on true to manage scale-in protection, false to leave it alone
     * @return this builder
     */
    public Builder protectBusy(boolean on) {
      this.protectBusy = on;
      return this;
    }

    /**
     * The group's termination lifecycle hook, whose actions the controller completes (with
     * {@code CONTINUE}) for instances in {@code Terminating:Wait} whose worker reported 0 busy slots.
     * Default: none, and no lifecycle action is completed by the controller.
     *
     * @param name the lifecycle hook's name
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder terminationHook(String name) {
      Objects.requireNonNull(name, "terminationHook");
      if (name.isBlank()) {
        throw new IllegalArgumentException("terminationHook must not be blank");
      }
      this.terminationHook = name;
      return this;
    }

    /**
     * How long a launch waits for the group to list its new instances (default 30 s; 0 = don't
     * wait), polling DescribeAutoScalingGroups and blocking the calling thread; instances not listed
     * by then are reported as pending placeholders.
     *
     * @param d the longest wait (&gt;= 0)
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public Builder launchWait(Duration d) {
      this.launchWait = Checks.nonNegative("launchWait", d);
      return this;
    }

    /**
     * How long a launch sleeps between two DescribeAutoScalingGroups while it waits for its new
     * instances (default 2 s), in whole milliseconds.
     *
     * @param d the interval (&gt; 0)
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is zero or negative
     */
    public Builder pollInterval(Duration d) {
      this.pollInterval = Checks.positive("pollInterval", d);
      return this;
    }

    /**
     * How long a draining instance may stay busy and what happens after (default
     * {@link DrainDeadline#ofDefaults()}: 30 min, then wait).
     *
     * @param d the drain deadline
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     */
    public Builder drainDeadline(DrainDeadline d) {
      this.drainDeadline = Objects.requireNonNull(d, "drainDeadline");
      return this;
    }

    /**
     * Called once per overdue drain (besides a warning in the log), on the thread that reads the
     * fleet; default: nothing.
     *
     * @param listener receives each overdue drain
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder onOverdueDrain(Consumer<DrainDeadline.Overdue> listener) {
      this.onOverdue = Objects.requireNonNull(listener, "onOverdueDrain");
      return this;
    }

    /**
     * Builds the actuator. Nothing is called on AWS until the first
     * {@link AutoScalingGroupActuator#fleet} or {@link AutoScalingGroupActuator#apply}.
     *
     * @return the actuator
     * @throws IllegalStateException if the group or an instance type is missing
     */
    public AutoScalingGroupActuator build() {
      if (group == null) {
        throw new IllegalStateException("group must be set");
      }
      if (types.isEmpty()) {
        throw new IllegalStateException("instanceType must be added at least once");
      }
      return new AutoScalingGroupActuator(this);
    }
  }
}
