package dev.governor.aws;

import dev.governor.aws.internal.Checks;
import com.google.common.collect.Lists;
import com.google.common.hash.Hashing;
import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Sleep;
import dev.governor.action.Terminate;
import dev.governor.actuator.Actuator;
import dev.governor.aws.internal.AwsErrors;
import dev.governor.aws.internal.Fleets;
import dev.governor.aws.internal.StepSafeElapsed;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTagsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

/**
 * Runs a pool of plain EC2 instances from a launch template.
 *
 * <ul>
 *   <li><b>Launch</b>: RunInstances with {@code MinCount=1}, {@code MaxCount=n}, tagged on create
 *       with the pool tag. Placements (instance type × subnet) are tried in preference order,
 *       starting with the type the planner asked for: a placement answering
 *       InsufficientInstanceCapacity passes the rest of the launch to the next one; an account
 *       quota (InstanceLimitExceeded, VcpuLimitExceeded) stops the launch at once, recorded in the
 *       result, because no other placement would help and retrying only burns API budget.
 *   <li><b>Idempotency</b>: each attempt carries a ClientToken derived from the decision's token
 *       and the attempt's position, so a retried call (by the SDK, or a whole retried tick)
 *       returns the original instances instead of launching again; the decision's token is also
 *       the {@code governor:launch-token} tag, read back into {@link Instance#launchToken()}, so
 *       the controller recognises its launches after a restart.
 *   <li><b>Lost responses</b>: when RunInstances fails in a way that may have launched anyway
 *       (a timeout, a dropped connection, a 5xx after the SDK's retries, IdempotentParameterMismatch),
 *       the actuator sends the same request again with the same ClientToken (EC2 answers a token it
 *       has seen with the instances it launched for it), and if that fails too, looks for the
 *       decision's instances by their launch-token tag. What it finds is reported and remembered; if
 *       that is less than asked for, the result is
 *       {@link ActionResult.Status#UNKNOWN} (not FAILED: instances may be booting that Describe does
 *       not show yet), and no other placement is tried, since that could launch the same capacity twice.
 *   <li><b>Fleet</b>: DescribeInstances filtered by the pool tag, paginated: a pure read, nothing on
 *       AWS changes. EC2 is eventually consistent: an instance RunInstances just returned may be
 *       missing from Describe for a while, so it is remembered for its type's boot time plus
 *       {@link Builder#visibilityGrace} and reported PENDING, which keeps the planner from launching
 *       it again. Likewise a just-terminated instance still described as running is reported
 *       TERMINATING for the grace. These memories run on {@link StepSafeElapsed#forMemory()} time,
 *       so a step of the clock can neither cut them short nor stretch them by the size of the step.
 *   <li><b>Terminate</b>: only instances carrying the pool tag; a request naming any other id
 *       fails whole, naming it, and terminates nothing.
 *   <li><b>Drain</b>: tags the instance {@code governor:state=draining}; its {@link DrainingWorker}
 *       stops receiving and reports busy slots in {@code governor:busy}. Reactivation removes the tag.
 *       A running instance without a busy report counts as fully busy (unknown is busy), so it is
 *       drained rather than terminated until its worker reports 0.
 * </ul>
 *
 * Throttling is retried by the client (use {@link AwsClients#recommended} for adaptive retry);
 * what is left is recorded and ends the launch (the controller's next tick is the backoff).
 * EC2 sends InsufficientInstanceCapacity as a server error, which the SDK retries within its
 * attempt budget before the next placement is tried; the ClientToken makes those retries safe.
 * Authorization errors throw {@link MissingPermissionException}.
 * Single-threaded, like the engine.
 *
 * <h2>AWS calls, permissions and tags</h2>
 * <ul>
 *   <li>{@code ec2:RunInstances}, from the launch template (by id or name, at
 *       {@link Builder#launchTemplateVersion}), overriding the instance type and, with
 *       {@link Builder#subnets}, the subnet; {@code ec2:CreateTags} for the tags on create, and
 *       {@code iam:PassRole} if the template names an instance profile. Every launched instance is
 *       tagged {@code governor:pool=<pool>}, {@code governor:launch-token=<token>}
 *       (cut to 256 characters), {@code governor:epoch=<epoch>} when the launch has a leader
 *       epoch, and every {@link Builder#tag}. The ClientToken of placement {@code k} (0 for the
 *       first) is {@code <token>-<k>}, or {@code <token>-e<epoch>-<k>} with a leader epoch, replaced
 *       by {@code gov-} and 56 hex digits of its SHA-256 when it is longer than 64 characters or not
 *       printable ASCII.
 *   <li>{@code ec2:DescribeInstances} (not resource-scoped), always filtered by the pool tag: for
 *       {@link #fleet} (states pending, running, shutting-down and stopping); for the pool check
 *       before a termination, drain or reactivation (the same states, by instance-id filter, 200 ids a
 *       call; instances this actuator launched and still remembers need no call); and to find a
 *       launch by its launch-token tag (pending and running).
 *   <li>{@code ec2:TerminateInstances}, up to 1000 ids a call; each call's failure is recorded on
 *       its own, so some may succeed (PARTIAL), and one that may have acted makes the result UNKNOWN.
 *   <li>{@code ec2:CreateTags} ({@code governor:state=draining} and
 *       {@code governor:draining-since=<now, ISO-8601>}) to drain, one call for all drained
 *       ids; {@code ec2:DeleteTags} of those two keys to reactivate, one call. A failed tag call is
 *       recorded, and the rest of the action still goes ahead.
 * </ul>
 * Least-privilege policies are in {@code aws-adapter/IAM.md}.
 */
public final class Ec2Actuator implements Actuator {
  private static final Logger LOG = LoggerFactory.getLogger(Ec2Actuator.class);
  static final int MAX_CLIENT_TOKEN = 64;

  private final Ec2Client ec2;
  private final String pool;
  private final String launchTemplateId;
  private final String launchTemplateName;
  private final String launchTemplateVersion;
  private final List<InstanceType> types;
  private final List<String> subnets;
  private final Map<String, String> extraTags;
  private final Duration visibilityGrace;
  private final int pageSize;
  private final Fleets fleets;

  /** Launched (or terminated) by us, maybe not yet visible as such in Describe: id → what we know. */
  private final Map<String, Remembered> launchedRecently = new LinkedHashMap<>();
  private final Map<String, Long> terminatedRecently = new LinkedHashMap<>();
  private final StepSafeElapsed elapsed = StepSafeElapsed.forMemory();

  /** {@code forgetAt} is in {@link #elapsed} nanoseconds. */
  private record Remembered(String type, Instant launchedAt, String token, long forgetAt) {}

  private Ec2Actuator(Builder b) {
    this.ec2 = b.ec2;
    this.pool = b.pool;
    this.launchTemplateId = b.launchTemplateId;
    this.launchTemplateName = b.launchTemplateName;
    this.launchTemplateVersion = b.launchTemplateVersion;
    this.types = List.copyOf(b.types);
    this.subnets = List.copyOf(b.subnets);
    this.extraTags = Map.copyOf(b.tags);
    this.visibilityGrace = b.visibilityGrace;
    this.pageSize = b.pageSize;
    this.fleets = new Fleets(types, b.drainDeadline, b.onOverdue);
  }

  /**
   * Starts an actuator over {@code ec2}; {@link Builder#pool}, a launch template and at least one
   * {@link Builder#instanceType} are required.
   *
   * @param ec2 the EC2 client to call (see {@link AwsClients#ec2})
   * @return a builder with the defaults
   * @throws NullPointerException if {@code ec2} is null
   */
  public static Builder builder(Ec2Client ec2) {
    return new Builder(ec2);
  }

  /**
   * The pool this actuator manages.
   *
   * @return the value of the instances' {@code governor:pool} tag
   */
  public String pool() {
    return pool;
  }

  /** A pure read: DescribeInstances only; it updates nothing but this actuator's own memory. */
  @Override
  public Fleet fleet(Instant now) {
    forgetExpired(now);
    fleets.begin(now);
    List<Instance> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (software.amazon.awssdk.services.ec2.model.Instance i : describePool(List.of())) {
      if (!seen.add(i.instanceId())) {
        continue; // pages may overlap while the fleet changes
      }
      InstanceState state = stateOf(i.state().name());
      if (state == null) {
        continue;
      }
      if (terminatedRecently.containsKey(i.instanceId())) {
        state = InstanceState.TERMINATING; // Describe has not caught up with our TerminateInstances yet
      }
      Instant launchedAt = i.launchTime() != null ? i.launchTime() : now;
      out.add(fleets.instance(i.instanceId(), i.instanceTypeAsString(), state, launchedAt, Fleets.tags(i.tags()), now));
    }
    for (Map.Entry<String, Remembered> e : launchedRecently.entrySet()) {
      if (!seen.contains(e.getKey()) && !terminatedRecently.containsKey(e.getKey())) {
        Remembered r = e.getValue();
        out.add(fleets.instance(e.getKey(), r.type(), InstanceState.PENDING, r.launchedAt(),
            Map.of(PoolTags.LAUNCH_TOKEN, r.token()), now));
      }
    }
    fleets.end(out.stream().map(Instance::id).toList());
    return Fleet.of(out);
  }

  private static InstanceState stateOf(InstanceStateName s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case PENDING -> InstanceState.PENDING;
      case RUNNING -> InstanceState.RUNNING;
      case SHUTTING_DOWN, STOPPING -> InstanceState.TERMINATING;
      default -> null; // terminated and stopped instances serve nothing and cost no compute
    };
  }

  private void forgetExpired(Instant now) {
    long t = elapsed.advance(now);
    launchedRecently.values().removeIf(r -> t >= r.forgetAt());
    terminatedRecently.values().removeIf(f -> t >= f);
  }

  /** How long a launch is remembered while Describe does not show it: its boot time plus the grace. */
  private long rememberUntil(String type) {
    return elapsed.read() + fleets.type(type).bootTime().plus(visibilityGrace).toNanos();
  }

  /** Pool instances (optionally only {@code ids}) that are not terminated, across all pages. */
  private List<software.amazon.awssdk.services.ec2.model.Instance> describePool(Collection<String> ids) {
    List<Filter> filters = new ArrayList<>();
    if (!ids.isEmpty()) {
      // A filter, not InstanceIds: an unknown id must not fail the whole call.
      filters.add(Filter.builder().name("instance-id").values(ids).build());
    }
    return describePool(filters, "pending", "running", "shutting-down", "stopping");
  }

  /** The instances the decision {@code token} launched that Describe shows (a pure read). */
  private List<software.amazon.awssdk.services.ec2.model.Instance> describeLaunch(String token) {
    return describePool(List.of(Filter.builder().name("tag:" + PoolTags.LAUNCH_TOKEN).values(tagValue(token)).build()),
        "pending", "running");
  }

  private List<software.amazon.awssdk.services.ec2.model.Instance> describePool(List<Filter> extra, String... states) {
    List<Filter> filters = new ArrayList<>();
    filters.add(Filter.builder().name("tag:" + PoolTags.POOL).values(pool).build());
    filters.add(Filter.builder().name("instance-state-name").values(states).build());
    filters.addAll(extra);
    DescribeInstancesRequest req = DescribeInstancesRequest.builder().filters(filters).maxResults(pageSize).build();
    List<software.amazon.awssdk.services.ec2.model.Instance> out = new ArrayList<>();
    try {
      for (DescribeInstancesResponse page : ec2.describeInstancesPaginator(req)) {
        for (Reservation r : page.reservations()) {
          out.addAll(r.instances());
        }
      }
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "ec2:DescribeInstances");
      throw e;
    }
    return out;
  }

  @Override
  public ActionResult apply(Action action, Instant now) {
    Objects.requireNonNull(action, "action");
    forgetExpired(now);
    if (action instanceof Sleep) {
      return ActionResult.noop();
    }
    if (action instanceof Launch l) {
      return launch(l, now);
    }
    return terminate((Terminate) action, now);
  }

  private void remember(String id, String type, Instant launchedAt, String token) {
    launchedRecently.put(id, new Remembered(type, launchedAt, tagValue(token), rememberUntil(type)));
  }

  private ActionResult launch(Launch l, Instant now) {
    List<String> errors = new ArrayList<>();
    List<String> launched = new ArrayList<>();
    if (!l.reactivate().isEmpty()) {
      Set<String> owned;
      try {
        owned = ownedAmong(l.reactivate());
      } catch (SdkException e) {
        return ActionResult.failed(AwsErrors.describe(e));
      }
      List<String> foreign = l.reactivate().stream().filter(id -> !owned.contains(id)).toList();
      if (!foreign.isEmpty()) {
        return ActionResult.failed("InvalidInstanceState: " + foreign + " are not instances of pool " + pool
            + "; nothing was reactivated or launched");
      }
      try {
        ec2.deleteTags(DeleteTagsRequest.builder().resources(l.reactivate())
            .tags(Tag.builder().key(PoolTags.STATE).build(), Tag.builder().key(PoolTags.DRAINING_SINCE).build()).build());
        launched.addAll(l.reactivate());
      } catch (SdkException e) {
        AwsErrors.failLoudlyIfUnauthorized(e, "ec2:DeleteTags");
        errors.add(AwsErrors.describe(e));
      }
    }

    int remaining = l.count();
    boolean unknown = false;
    List<Placement> placements = placements(l.instanceType());
    for (int k = 0; k < placements.size() && remaining > 0; k++) {
      Placement p = placements.get(k);
      try {
        RunInstancesResponse r = ec2.runInstances(runRequest(l, p, remaining, clientToken(decisionToken(l), k)));
        for (software.amazon.awssdk.services.ec2.model.Instance i : r.instances()) {
          if (launched.contains(i.instanceId())) {
            continue;
          }
          remember(i.instanceId(), p.type(), i.launchTime() != null ? i.launchTime() : now, l.token());
          launched.add(i.instanceId());
          remaining--;
        }
      } catch (SdkException e) {
        AwsErrors.failLoudlyIfUnauthorized(e, "ec2:RunInstances (and ec2:CreateTags on create)");
        if (AwsErrors.mayHaveActed(e)) {
          errors.add(AwsErrors.describe(e) + " [" + p + "] (the launch may have happened; asking again with its token)");
          Recovery rec = recover(l, p, k, remaining, launched, errors, now);
          remaining -= rec.found();
          if (rec.settled()) {
            continue; // the repeated request answered: as if the first had
          }
          if (remaining > 0) {
            unknown = true;
            LOG.warn("launch {} into pool {}: outcome unknown ({}); {} instance(s) found by token, {} unaccounted for",
                l.token(), pool, AwsErrors.describe(e), l.count() - remaining, remaining);
          }
          break; // another placement could launch the same capacity twice
        }
        errors.add(AwsErrors.describe(e) + " [" + p + "]");
        if (AwsErrors.isPlacement(e)) {
          LOG.info("{} has no capacity for {} ({}), trying the next placement", p, pool, AwsErrors.code(e));
          continue;
        }
        LOG.warn("launch of {} into pool {} stopped: {}", remaining, pool, AwsErrors.describe(e));
        break;
      }
    }
    int wanted = l.count() + l.reactivate().size();
    if (unknown) {
      return ActionResult.unknown(launched, errors);
    }
    if (launched.size() == wanted) {
      return new ActionResult(ActionResult.Status.OK, launched, List.of(), List.of(), errors);
    }
    return new ActionResult(launched.isEmpty() ? ActionResult.Status.FAILED : ActionResult.Status.PARTIAL, launched,
        List.of(), List.of(), errors);
  }

  /**
   * After a launch whose outcome is unknown. First the same request again, with the same
   * ClientToken: EC2 answers a token it has seen with the instances it launched for it, and one it
   * has not by launching them now, which is what the decision wanted; either way once. If that
   * fails too, the decision's instances Describe already shows (by their launch-token tag). Found
   * instances are added to {@code launched} and remembered; returns how many.
   */
  private record Recovery(int found, boolean settled) {}

  private Recovery recover(Launch l, Placement p, int attempt, int count, List<String> launched, List<String> errors,
      Instant now) {
    int found = 0;
    try {
      RunInstancesResponse r = ec2.runInstances(runRequest(l, p, count, clientToken(decisionToken(l), attempt)));
      for (software.amazon.awssdk.services.ec2.model.Instance i : r.instances()) {
        if (!launched.contains(i.instanceId())) {
          remember(i.instanceId(), p.type(), i.launchTime() != null ? i.launchTime() : now, l.token());
          launched.add(i.instanceId());
          found++;
        }
      }
      return new Recovery(found, true);
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "ec2:RunInstances (and ec2:CreateTags on create)");
      errors.add(AwsErrors.describe(e) + " (asking again; looking for the launch by its token)");
    }
    try {
      for (software.amazon.awssdk.services.ec2.model.Instance i : describeLaunch(l.token())) {
        if (!launched.contains(i.instanceId())) {
          String type = i.instanceTypeAsString() != null ? i.instanceTypeAsString() : p.type();
          remember(i.instanceId(), type, i.launchTime() != null ? i.launchTime() : now, l.token());
          launched.add(i.instanceId());
          found++;
        }
      }
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "ec2:DescribeInstances");
      errors.add(AwsErrors.describe(e) + " (looking for the launch by its token)");
    }
    return new Recovery(found, false);
  }

  private RunInstancesRequest runRequest(Launch l, Placement p, int count, String token) {
    List<Tag> tags = new ArrayList<>();
    tags.add(Tag.builder().key(PoolTags.POOL).value(pool).build());
    tags.add(Tag.builder().key(PoolTags.LAUNCH_TOKEN).value(tagValue(l.token())).build());
    if (l.epoch() > 0) {
      tags.add(Tag.builder().key(PoolTags.EPOCH).value(Long.toString(l.epoch())).build());
    }
    extraTags.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
    RunInstancesRequest.Builder b = RunInstancesRequest.builder()
        .launchTemplate(t -> {
          if (launchTemplateId != null) {
            t.launchTemplateId(launchTemplateId);
          } else {
            t.launchTemplateName(launchTemplateName);
          }
          t.version(launchTemplateVersion);
        })
        .instanceType(p.type())
        .minCount(1)
        .maxCount(count)
        .clientToken(token)
        .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build());
    if (p.subnet() != null) {
      b.subnetId(p.subnet());
    }
    return b.build();
  }

  /** One place a launch can go: a type, and a subnet (null = the launch template's). */
  record Placement(String type, String subnet) {
    @Override
    public String toString() {
      return subnet == null ? type : type + " in " + subnet;
    }
  }

  /** The requested type first, then the other configured types; each across the subnets in order. */
  List<Placement> placements(String requestedType) {
    List<String> order = new ArrayList<>();
    order.add(requestedType);
    for (InstanceType t : types) {
      if (!order.contains(t.name())) {
        order.add(t.name());
      }
    }
    List<Placement> out = new ArrayList<>();
    for (String t : order) {
      if (subnets.isEmpty()) {
        out.add(new Placement(t, null));
      } else {
        for (String s : subnets) {
          out.add(new Placement(t, s));
        }
      }
    }
    return out;
  }

  /**
   * The decision's token, naming its leader epoch when it has one ({@code <token>-e<epoch>}): two
   * leaders never send the same ClientToken, so EC2 cannot answer a new leader's launch with a
   * deposed one's instances, and the epoch is visible in CloudTrail.
   */
  static String decisionToken(Launch l) {
    String suffix = "-e" + l.epoch();
    return l.epoch() == 0 || l.token().endsWith(suffix) ? l.token() : l.token() + suffix;
  }

  /**
   * The decision's token plus the attempt's position: deterministic, so a retried launch repeats
   * the same calls with the same tokens, and EC2 answers each with the instances it launched the
   * first time. At most 64 characters (EC2's limit): longer ones are hashed.
   */
  static String clientToken(String decisionToken, int attempt) {
    String t = decisionToken + "-" + attempt;
    if (t.length() <= MAX_CLIENT_TOKEN && t.chars().allMatch(c -> c >= 0x21 && c < 0x7f)) {
      return t;
    }
    return "gov-" + Hashing.sha256().hashString(t, StandardCharsets.UTF_8).toString().substring(0, 56);
  }

  /** The launch-token tag's value: the token itself, cut to EC2's 256-character limit for tag values. */
  static String tagValue(String token) {
    return token.length() <= 256 ? token : token.substring(0, 256);
  }

  private ActionResult terminate(Terminate t, Instant now) {
    Set<String> all = new LinkedHashSet<>(t.terminate());
    all.addAll(t.drain());
    Set<String> owned;
    try {
      owned = ownedAmong(all);
    } catch (SdkException e) {
      return ActionResult.failed(AwsErrors.describe(e));
    }
    List<String> foreign = all.stream().filter(id -> !owned.contains(id)).toList();
    if (!foreign.isEmpty()) {
      LOG.error("refusing to act on {}: not tagged {}={}", foreign, PoolTags.POOL, pool);
      return ActionResult.failed("NotInPool: instances " + foreign + " do not carry " + PoolTags.POOL + "=" + pool
          + "; nothing was terminated or drained");
    }
    List<String> errors = new ArrayList<>();
    List<String> terminated = new ArrayList<>();
    boolean unknown = false;
    for (List<String> batch : Lists.partition(new ArrayList<>(t.terminate()), 1000)) {
      try {
        TerminateInstancesResponse r = ec2.terminateInstances(b -> b.instanceIds(batch));
        r.terminatingInstances().forEach(c -> {
          terminated.add(c.instanceId());
          terminatedRecently.put(c.instanceId(), elapsed.read() + visibilityGrace.toNanos());
        });
      } catch (SdkException e) {
        AwsErrors.failLoudlyIfUnauthorized(e, "ec2:TerminateInstances");
        if (AwsErrors.mayHaveActed(e)) {
          unknown = true;
          errors.add(AwsErrors.describe(e) + " (termination of " + batch + " may have happened)");
        } else {
          errors.add(AwsErrors.describe(e));
        }
      }
    }
    List<String> drained = new ArrayList<>();
    if (!t.drain().isEmpty()) {
      try {
        ec2.createTags(CreateTagsRequest.builder().resources(t.drain())
            .tags(Tag.builder().key(PoolTags.STATE).value(PoolTags.DRAINING).build(),
                Tag.builder().key(PoolTags.DRAINING_SINCE).value(now.toString()).build())
            .build());
        drained.addAll(t.drain());
      } catch (SdkException e) {
        AwsErrors.failLoudlyIfUnauthorized(e, "ec2:CreateTags");
        errors.add(AwsErrors.describe(e));
      }
    }
    int done = terminated.size() + drained.size();
    ActionResult.Status s = unknown ? ActionResult.Status.UNKNOWN
        : errors.isEmpty() && done == all.size() ? ActionResult.Status.OK
        : done == 0 ? ActionResult.Status.FAILED : ActionResult.Status.PARTIAL;
    return new ActionResult(s, List.of(), terminated, drained, errors);
  }

  /** The ids among {@code ids} that carry the pool tag (or that we launched and EC2 does not show yet). */
  private Set<String> ownedAmong(Collection<String> ids) {
    Set<String> owned = new LinkedHashSet<>();
    for (String id : ids) {
      if (launchedRecently.containsKey(id)) {
        owned.add(id);
      }
    }
    List<String> ask = ids.stream().filter(id -> !owned.contains(id)).distinct().toList();
    for (List<String> batch : Lists.partition(ask, 200)) {
      for (software.amazon.awssdk.services.ec2.model.Instance i : describePool(batch)) {
        owned.add(i.instanceId());
      }
    }
    return owned;
  }

  /** Builds an {@link Ec2Actuator}; each setter validates at once. */
  public static final class Builder {
    private final Ec2Client ec2;
    private String pool;
    private String launchTemplateId;
    private String launchTemplateName;
    private String launchTemplateVersion = "$Default";
    private final List<InstanceType> types = new ArrayList<>();
    private final List<String> subnets = new ArrayList<>();
    private final Map<String, String> tags = new HashMap<>();
    private Duration visibilityGrace = Duration.ofMinutes(5);
    private int pageSize = 1000;
    private DrainDeadline drainDeadline = DrainDeadline.ofDefaults();
    private Consumer<DrainDeadline.Overdue> onOverdue = o -> {};

    private Builder(Ec2Client ec2) {
      this.ec2 = Objects.requireNonNull(ec2, "ec2");
    }

    /**
     * The pool's name: the value of the {@code governor:pool} tag. Required. Only instances with
     * that tag are listed, terminated, drained or reactivated; every launch is tagged with it.
     *
     * @param name the pool's name, 1..256 characters (EC2's limit for a tag value)
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank or longer than 256 characters
     */
    public Builder pool(String name) {
      Objects.requireNonNull(name, "pool");
      if (name.isBlank() || name.length() > 256) {
        throw new IllegalArgumentException("pool must be 1..256 characters, but was '" + name + "'");
      }
      this.pool = name;
      return this;
    }

    /**
     * The launch template to launch from, by id; replaces a {@link #launchTemplateName} set before.
     * A template id or name is required.
     *
     * @param id the template's id, e.g. {@code lt-0abcd1234ef567890}
     * @return this builder
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public Builder launchTemplateId(String id) {
      this.launchTemplateId = requireText("launchTemplateId", id);
      this.launchTemplateName = null;
      return this;
    }

    /**
     * The launch template to launch from, by name; replaces a {@link #launchTemplateId} set before.
     * A template id or name is required.
     *
     * @param name the template's name
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder launchTemplateName(String name) {
      this.launchTemplateName = requireText("launchTemplateName", name);
      this.launchTemplateId = null;
      return this;
    }

    /**
     * The launch template's version to launch.
     *
     * @param version {@code $Default} (default), {@code $Latest} or a version number, e.g. {@code 3}
     * @return this builder
     * @throws NullPointerException if {@code version} is null
     * @throws IllegalArgumentException if {@code version} is blank
     */
    public Builder launchTemplateVersion(String version) {
      this.launchTemplateVersion = requireText("launchTemplateVersion", version);
      return this;
    }

    /**
     * An instance type the pool may launch; call in preference order. At least one is required. A
     * launch tries the type the planner asked for first, then the others in this order. An instance
     * of a type not listed (launched by someone else into the pool) is counted with the first type's
     * slots, billing and boot time, and price 0.
     *
     * @param type the type, with its slots, hourly price, billing and boot time
     * @return this builder
     * @throws NullPointerException if {@code type} is null
     * @throws IllegalArgumentException if a type of that name was added before
     */
    public Builder instanceType(InstanceType type) {
      Objects.requireNonNull(type, "instanceType");
      if (types.stream().anyMatch(t -> t.name().equals(type.name()))) {
        throw new IllegalArgumentException("instance types must be unique, but '" + type.name() + "' was added twice");
      }
      types.add(type);
      return this;
    }

    /**
     * Subnets in preference order (each in its availability zone); none = the launch template's.
     * Each call appends. A launch tries every subnet, in this order, for one type before the next
     * type.
     *
     * @param ids subnet ids, e.g. {@code subnet-0abc…}
     * @return this builder
     * @throws NullPointerException if {@code ids} or one of them is null
     * @throws IllegalArgumentException if one of them is blank
     */
    public Builder subnets(String... ids) {
      for (String s : ids) {
        subnets.add(requireText("subnet", s));
      }
      return this;
    }

    /**
     * Another tag put on every launched instance at creation (cost allocation, Name, …); a second
     * call with the same key replaces the value. EC2's own limits (128 characters for a key, 256 for
     * a value) are not checked here: RunInstances rejects a tag beyond them.
     *
     * @param key the tag's key, not starting with {@code governor:} or {@code aws:}
     * @param value the tag's value (may be empty)
     * @return this builder
     * @throws NullPointerException if {@code key} or {@code value} is null
     * @throws IllegalArgumentException if {@code key} is blank or starts with {@code governor:} or
     *     {@code aws:}
     */
    public Builder tag(String key, String value) {
      requireText("tag key", key);
      Objects.requireNonNull(value, "tag value");
      if (key.startsWith("governor:") || key.startsWith("aws:")) {
        throw new IllegalArgumentException("tag key must not start with governor: or aws:, but was '" + key + "'");
      }
      tags.put(key, value);
      return this;
    }

    /**
     * How long past its type's boot time a just-launched instance missing from Describe is still
     * counted as PENDING, and a just-terminated one still described as running counted as
     * TERMINATING (default 5 min).
     *
     * @param d the grace (&gt;= 0)
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public Builder visibilityGrace(Duration d) {
      this.visibilityGrace = Checks.nonNegative("visibilityGrace", d);
      return this;
    }

    /**
     * DescribeInstances page size (its MaxResults), for the fleet read and the lookups by tag
     * (default 1000).
     *
     * @param n instances per page, 5..1000
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is outside 5..1000
     */
    public Builder pageSize(int n) {
      if (n < 5 || n > 1000) {
        throw new IllegalArgumentException("pageSize must be in [5, 1000], but was " + n);
      }
      this.pageSize = n;
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
     * Builds the actuator. Nothing is called on AWS until the first {@link Ec2Actuator#fleet} or
     * {@link Ec2Actuator#apply}.
     *
     * @return the actuator
     * @throws IllegalStateException if the pool, a launch template or an instance type is missing
     */
    public Ec2Actuator build() {
      if (pool == null) {
        throw new IllegalStateException("pool must be set");
      }
      if (launchTemplateId == null && launchTemplateName == null) {
        throw new IllegalStateException("launchTemplateId or launchTemplateName must be set");
      }
      if (types.isEmpty()) {
        throw new IllegalStateException("instanceType must be added at least once");
      }
      return new Ec2Actuator(this);
    }

    private static String requireText(String field, String v) {
      Objects.requireNonNull(v, field);
      if (v.isBlank()) {
        throw new IllegalArgumentException(field + " must not be blank");
      }
      return v;
    }
  }
}
