package dev.governor.aws.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A protocol-level EC2 + Auto Scaling endpoint on 127.0.0.1 for tests. It parses the real
 * form-encoded Query requests the SDK sends, keeps instance state (tags, states, boot progress
 * by an injectable clock), answers with the real XML shapes and error documents, and injects
 * faults: throttling (503 RequestLimitExceeded / 400 Throttling), InsufficientInstanceCapacity
 * per type or type+subnet, partial launches, quota errors, authorization errors, delayed
 * visibility of new instances, Describe views that lag by a duration, and — as AWS does — requests
 * that take effect and are then answered with an error or lose their response on the wire
 * ({@link #actThenFail}, {@link #actThenDrop}). Every request is recorded ({@link #calls()}).
 *
 * <p>Thread-safe: the HTTP thread and the test thread share state under one lock.
 */
public final class FakeAws implements AutoCloseable {
  static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";
  static final String ASG_NS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
  static final String OWNER = "123456789012";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Supplier<Instant> clock;

  // --- state, guarded by this ---
  private final Map<String, Inst> instances = new LinkedHashMap<>();
  private final Map<String, Reservation> tokens = new HashMap<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private int nextId = 1;
  private Duration bootTime = Duration.ofSeconds(60);
  private Duration shutdownTime = Duration.ofSeconds(30);
  private Duration visibilityDelay = Duration.ZERO;
  private Duration describeLag = Duration.ZERO;
  private final Deque<AfterEffect> afterEffects = new ArrayDeque<>();
  private final Map<String, java.util.function.Consumer<FakeAws>> hooks = new HashMap<>();
  private int throttleNext;
  private final Set<String> noCapacity = new TreeSet<>();
  private int launchAtMost = Integer.MAX_VALUE;
  private final Deque<String[]> failNext = new ArrayDeque<>();
  private final Set<String> denied = new TreeSet<>();

  /** What happens to the response of a request that took effect: an error document, or a dropped connection (status null). */
  private record AfterEffect(String action, Integer status, String code) {}

  /** One request as received: its Action and every parameter. */
  public record Call(String action, Map<String, String> params) {}

  private static final class Inst {
    String id;
    String type;
    String subnet;
    String az;
    Instant launchTime;
    Instant visibleAt;
    Instant terminateAt;
    String reservationId;
    final Map<String, String> tags = new LinkedHashMap<>();
    String group;
  }

  private record Reservation(String id, List<String> instanceIds, String fingerprint) {}

  private static final class Group {
    String name;
    int min;
    int max;
    int desired;
    String type;
    String terminationHook;
    final List<String> members = new ArrayList<>();
    final Set<String> protectedIds = new TreeSet<>();
    final Set<String> waiting = new TreeSet<>(); // Terminating:Wait
    final Map<String, String> tags = new LinkedHashMap<>();
    final Set<String> propagated = new TreeSet<>(); // tag keys copied to the instances it launches
  }

  public FakeAws(Supplier<Instant> clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "fake-aws");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** An EC2 client for this endpoint: fake static credentials, fast retries (standard mode, short backoff). */
  public Ec2Client ec2Client() {
    return Ec2Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(fastRetries())).build();
  }

  public AutoScalingClient autoScalingClient() {
    return AutoScalingClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(fastRetries())).build();
  }

  /**
   * The SDK's standard strategy (3 attempts, throttling retried) with millisecond backoffs, so tests
   * that inject throttling stay fast. Not the adaptive mode the adapter recommends: its client-side
   * rate limiter sleeps in real time after throttling, seconds per test.
   */
  static software.amazon.awssdk.retries.api.RetryStrategy fastRetries() {
    return software.amazon.awssdk.awscore.retry.AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50)))
        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(5), Duration.ofMillis(50)))
        .build();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ------------------------------------------------------------------ test controls

  public synchronized void reset() {
    instances.clear();
    tokens.clear();
    groups.clear();
    calls.clear();
    throttleNext = 0;
    noCapacity.clear();
    launchAtMost = Integer.MAX_VALUE;
    failNext.clear();
    afterEffects.clear();
    hooks.clear();
    describeLag = Duration.ZERO;
    denied.clear();
    visibilityDelay = Duration.ZERO;
  }

  public synchronized FakeAws bootTime(Duration d) {
    bootTime = d;
    return this;
  }

  /** New instances appear in DescribeInstances only this long after launch. */
  public synchronized FakeAws visibilityDelay(Duration d) {
    visibilityDelay = d;
    return this;
  }

  /** The next {@code n} requests are throttled (EC2: 503 RequestLimitExceeded; Auto Scaling: 400 Throttling). */
  public synchronized FakeAws throttleNext(int n) {
    throttleNext = n;
    return this;
  }

  /** RunInstances of {@code type} (in {@code subnet}, or anywhere if null) answers InsufficientInstanceCapacity. */
  public synchronized FakeAws noCapacity(String type, String subnet) {
    noCapacity.add(subnet == null ? type : type + "@" + subnet);
    return this;
  }

  /** Each RunInstances launches at most {@code n} instances (a partial launch when MaxCount is larger). */
  public synchronized FakeAws launchAtMost(int n) {
    launchAtMost = n;
    return this;
  }

  /**
   * DescribeInstances, and the instance lists of DescribeAutoScalingGroups, show the fleet as it
   * was {@code d} ago: instances launched since are missing, and states (booted, terminated) are
   * those of then. Tags and desired capacities are current.
   */
  public synchronized FakeAws describeLag(Duration d) {
    describeLag = d;
    return this;
  }

  /**
   * The next {@code times} requests with this action take effect and are then answered with this
   * error (as when AWS acted but the response was an InternalError, or a retry hit a fault).
   */
  public synchronized FakeAws actThenFail(String action, String code, int status, int times) {
    for (int k = 0; k < times; k++) {
      afterEffects.add(new AfterEffect(action, status, code));
    }
    return this;
  }

  /** The next {@code times} requests with this action take effect and no response is sent: the connection drops. */
  public synchronized FakeAws actThenDrop(String action, int times) {
    for (int k = 0; k < times; k++) {
      afterEffects.add(new AfterEffect(action, null, null));
    }
    return this;
  }

  /**
   * Once the next request with this action has been carried out, runs {@code then} (once), for
   * faults that must hit a later call: e.g. throttle the poll that follows a SetDesiredCapacity.
   */
  public synchronized FakeAws after(String action, java.util.function.Consumer<FakeAws> then) {
    hooks.put(action, then);
    return this;
  }

  /** The next request with this action fails with this code and HTTP status. */
  public synchronized FakeAws failNext(String action, String code, int status) {
    failNext.add(new String[] {action, code, Integer.toString(status)});
    return this;
  }

  /** Every request with this action is refused (UnauthorizedOperation / AccessDenied). */
  public synchronized FakeAws deny(String action) {
    denied.add(action);
    return this;
  }

  /** A running instance outside any pool (another team's), returning its id. */
  public synchronized String addForeignInstance(String type, Map<String, String> tags) {
    Inst i = newInstance(type, null, clock.get().minus(Duration.ofHours(1)));
    i.tags.putAll(tags);
    return i.id;
  }

  public synchronized void setTag(String id, String key, String value) {
    Inst i = require(id);
    if (value == null) {
      i.tags.remove(key);
    } else {
      i.tags.put(key, value);
    }
  }

  public synchronized Map<String, String> tags(String id) {
    return Map.copyOf(require(id).tags);
  }

  /** pending, running, shutting-down or terminated, as of the clock. */
  public synchronized String state(String id) {
    return stateOf(require(id), clock.get());
  }

  /** Instances not terminated or shutting down, as of the clock. */
  public synchronized List<String> liveIds() {
    Instant now = clock.get();
    List<String> out = new ArrayList<>();
    for (Inst i : instances.values()) {
      String s = stateOf(i, now);
      if (s.equals("pending") || s.equals("running")) {
        out.add(i.id);
      }
    }
    return out;
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized long count(String action) {
    return calls.stream().filter(c -> c.action().equals(action)).count();
  }

  public synchronized void createGroup(String name, int min, int max, String type, String terminationHook) {
    Group g = new Group();
    g.name = name;
    g.min = min;
    g.max = max;
    g.type = type;
    g.terminationHook = terminationHook;
    groups.put(name, g);
  }

  public synchronized int desired(String group) {
    return groups.get(group).desired;
  }

  public synchronized boolean isProtected(String group, String id) {
    return groups.get(group).protectedIds.contains(id);
  }

  public synchronized String lifecycleState(String id) {
    Inst i = require(id);
    if (i.group == null) {
      return null;
    }
    return lifecycleOf(groups.get(i.group), i, clock.get());
  }

  private Inst require(String id) {
    Inst i = instances.get(id);
    if (i == null) {
      throw new IllegalArgumentException("no instance " + id);
    }
    return i;
  }

  // ------------------------------------------------------------------ HTTP

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Form f = Form.parse(body);
    if (ex.getRequestURI().getRawQuery() != null) {
      f.params.putAll(Form.parse(ex.getRequestURI().getRawQuery()).params);
    }
    String action = f.get("Action", "");
    boolean asg = "2011-01-01".equals(f.get("Version"));
    Response r;
    AfterEffect after = null;
    try {
      synchronized (this) {
        calls.add(new Call(action, Map.copyOf(f.params)));
        r = asg ? asg(action, f) : ec2(action, f);
        var hook = hooks.remove(action);
        if (hook != null) {
          hook.accept(this);
        }
        if (!afterEffects.isEmpty() && afterEffects.peek().action().equals(action)) {
          after = afterEffects.poll();
        }
      }
      if (after != null && after.status() != null) {
        throw new ApiError(after.status(), after.code(), "injected " + after.code() + " after the request took effect");
      }
    } catch (ApiError e) {
      r = asg ? asgError(e) : ec2Error(e);
    } catch (RuntimeException e) {
      r = asg ? asgError(new ApiError(500, "InternalFailure", String.valueOf(e)))
          : ec2Error(new ApiError(500, "InternalError", String.valueOf(e)));
    }
    byte[] bytes = r.body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "text/xml;charset=UTF-8");
    ex.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
    if (after != null && after.status() == null) {
      // Nothing is sent: the server drops the connection, the client sees an unexpected end of stream.
      throw new IOException("injected: connection dropped after " + action + " took effect");
    }
    ex.sendResponseHeaders(r.status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  private record Response(int status, String body) {}

  private static final class ApiError extends RuntimeException {
    final int status;
    final String code;

    ApiError(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  private static Response ec2Error(ApiError e) {
    return new Response(e.status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + e.code
        + "</Code><Message>" + esc(e.getMessage()) + "</Message></Error></Errors><RequestID>" + UUID.randomUUID()
        + "</RequestID></Response>");
  }

  private static Response asgError(ApiError e) {
    return new Response(e.status, "<ErrorResponse xmlns=\"" + ASG_NS + "\"><Error><Type>"
        + (e.status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + e.code + "</Code><Message>" + esc(e.getMessage())
        + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>");
  }

  private void injectFaults(String action, boolean asg) {
    if (throttleNext > 0) {
      throttleNext--;
      throw asg ? new ApiError(400, "Throttling", "Rate exceeded") : new ApiError(503, "RequestLimitExceeded", "Request limit exceeded.");
    }
    if (denied.contains(action)) {
      throw asg ? new ApiError(403, "AccessDenied", "User: arn:aws:iam::" + OWNER + ":role/governor is not authorized to perform: autoscaling:" + action)
          : new ApiError(403, "UnauthorizedOperation", "You are not authorized to perform this operation. Encoded authorization failure message: abc");
    }
    if (!failNext.isEmpty() && failNext.peek()[0].equals(action)) {
      String[] f = failNext.poll();
      throw new ApiError(Integer.parseInt(f[2]), f[1], "injected " + f[1]);
    }
  }

  // ------------------------------------------------------------------ EC2

  private Response ec2(String action, Form f) {
    injectFaults(action, false);
    Instant now = clock.get();
    return switch (action) {
      case "RunInstances" -> runInstances(f, now);
      case "DescribeInstances" -> describeInstances(f, now);
      case "TerminateInstances" -> terminateInstances(f, now);
      case "CreateTags" -> createTags(f, true);
      case "DeleteTags" -> createTags(f, false);
      default -> throw new ApiError(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
    };
  }

  private Inst newInstance(String type, String subnet, Instant at) {
    Inst i = new Inst();
    i.id = String.format("i-%017x", 0xabc0000L + nextId++);
    i.type = type;
    i.subnet = subnet == null ? "subnet-default" : subnet;
    i.az = "us-east-1" + (char) ('a' + Math.floorMod(i.subnet.hashCode(), 3));
    i.launchTime = at.truncatedTo(ChronoUnit.MILLIS);
    i.visibleAt = at.plus(visibilityDelay);
    instances.put(i.id, i);
    return i;
  }

  private Response runInstances(Form f, Instant now) {
    String type = f.get("InstanceType", "m5.large");
    String subnet = f.get("SubnetId");
    int min = f.getInt("MinCount", 1);
    int max = f.getInt("MaxCount", 1);
    String token = f.get("ClientToken");
    if (f.get("LaunchTemplate.LaunchTemplateId") == null && f.get("LaunchTemplate.LaunchTemplateName") == null) {
      throw new ApiError(400, "MissingParameter", "The request must contain the parameter ImageId or LaunchTemplate");
    }
    String fingerprint = type + "|" + subnet + "|" + min + "|" + max;
    if (token != null && tokens.containsKey(token)) {
      Reservation r = tokens.get(token);
      if (!r.fingerprint().equals(fingerprint)) {
        throw new ApiError(400, "IdempotentParameterMismatch", "The client token you have provided is associated with a resource that is already deleted or the request parameters differ.");
      }
      return new Response(200, runResponse(r, now));
    }
    if (noCapacity.contains(type) || (subnet != null && noCapacity.contains(type + "@" + subnet))) {
      throw new ApiError(500, "InsufficientInstanceCapacity", "We currently do not have sufficient " + type
          + " capacity in the Availability Zone you requested. Our system will be working on provisioning additional capacity.");
    }
    int n = Math.min(max, launchAtMost);
    if (n < min) {
      throw new ApiError(500, "InsufficientInstanceCapacity", "There is not enough capacity to fulfill your request for " + min + " instances of " + type);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (int s = 1; f.get("TagSpecification." + s + ".ResourceType") != null; s++) {
      if (!"instance".equals(f.get("TagSpecification." + s + ".ResourceType"))) {
        continue;
      }
      for (int t = 1; f.get("TagSpecification." + s + ".Tag." + t + ".Key") != null; t++) {
        tags.put(f.get("TagSpecification." + s + ".Tag." + t + ".Key"), f.get("TagSpecification." + s + ".Tag." + t + ".Value", ""));
      }
    }
    String rid = "r-" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
    List<String> ids = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Inst i = newInstance(type, subnet, now);
      i.reservationId = rid;
      i.tags.putAll(tags);
      ids.add(i.id);
    }
    Reservation r = new Reservation(rid, ids, fingerprint);
    if (token != null) {
      tokens.put(token, r);
    }
    return new Response(200, runResponse(r, now));
  }

  private String runResponse(Reservation r, Instant now) {
    StringBuilder sb = new StringBuilder();
    sb.append("<RunInstancesResponse xmlns=\"").append(EC2_NS).append("\"><requestId>").append(UUID.randomUUID())
        .append("</requestId><reservationId>").append(r.id()).append("</reservationId><ownerId>").append(OWNER)
        .append("</ownerId><groupSet/><instancesSet>");
    for (String id : r.instanceIds()) {
      instanceXml(sb, instances.get(id), now);
    }
    sb.append("</instancesSet></RunInstancesResponse>");
    return sb.toString();
  }

  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

  private void instanceXml(StringBuilder sb, Inst i, Instant now) {
    String state = stateOf(i, now);
    sb.append("<item><instanceId>").append(i.id).append("</instanceId><imageId>ami-0123456789abcdef0</imageId>")
        .append("<instanceState><code>").append(stateCode(state)).append("</code><name>").append(state)
        .append("</name></instanceState><privateDnsName>ip-10-0-0-1.ec2.internal</privateDnsName><amiLaunchIndex>0</amiLaunchIndex>")
        .append("<instanceType>").append(i.type).append("</instanceType><launchTime>").append(ISO.format(i.launchTime))
        .append("</launchTime><placement><availabilityZone>").append(i.az).append("</availabilityZone><tenancy>default</tenancy></placement>")
        .append("<subnetId>").append(i.subnet).append("</subnetId><vpcId>vpc-0123</vpcId>");
    if (!i.tags.isEmpty()) {
      sb.append("<tagSet>");
      i.tags.forEach((k, v) -> sb.append("<item><key>").append(esc(k)).append("</key><value>").append(esc(v)).append("</value></item>"));
      sb.append("</tagSet>");
    }
    sb.append("</item>");
  }

  private String stateOf(Inst i, Instant now) {
    if (i.terminateAt != null && !now.isBefore(i.terminateAt)) {
      return now.isBefore(i.terminateAt.plus(shutdownTime)) ? "shutting-down" : "terminated";
    }
    return now.isBefore(i.launchTime.plus(bootTime)) ? "pending" : "running";
  }

  private static int stateCode(String s) {
    return switch (s) {
      case "pending" -> 0;
      case "running" -> 16;
      case "shutting-down" -> 32;
      case "terminated" -> 48;
      case "stopping" -> 64;
      default -> 80;
    };
  }

  private boolean visible(Inst i, Instant now) {
    return !now.isBefore(i.visibleAt) && !i.launchTime.isAfter(now.minus(describeLag));
  }

  private Response describeInstances(Form f, Instant real) {
    Instant now = real.minus(describeLag); // the view is this old
    List<String> ids = f.list("InstanceId");
    List<Inst> matching = new ArrayList<>();
    for (Inst i : instances.values()) {
      if (!visible(i, real)) {
        continue; // eventual consistency: not visible yet
      }
      if (!ids.isEmpty() && !ids.contains(i.id)) {
        continue;
      }
      if (matches(f, i, now)) {
        matching.add(i);
      }
    }
    if (!ids.isEmpty()) {
      for (String id : ids) {
        Inst i = instances.get(id);
        if (i == null || !visible(i, real)) {
          throw new ApiError(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
      }
    }
    int max = f.getInt("MaxResults", 1000);
    int start = f.get("NextToken") == null ? 0 : Integer.parseInt(f.get("NextToken"));
    int end = Math.min(matching.size(), start + max);
    StringBuilder sb = new StringBuilder();
    sb.append("<DescribeInstancesResponse xmlns=\"").append(EC2_NS).append("\"><requestId>").append(UUID.randomUUID())
        .append("</requestId><reservationSet>");
    // One reservation per instance keeps paging simple; the SDK flattens them the same way.
    for (Inst i : matching.subList(start, end)) {
      sb.append("<item><reservationId>").append(i.reservationId == null ? "r-foreign" : i.reservationId)
          .append("</reservationId><ownerId>").append(OWNER).append("</ownerId><groupSet/><instancesSet>");
      instanceXml(sb, i, now);
      sb.append("</instancesSet></item>");
    }
    sb.append("</reservationSet>");
    if (end < matching.size()) {
      sb.append("<nextToken>").append(end).append("</nextToken>");
    }
    sb.append("</DescribeInstancesResponse>");
    return new Response(200, sb.toString());
  }

  private boolean matches(Form f, Inst i, Instant now) {
    for (int n = 1; f.get("Filter." + n + ".Name") != null; n++) {
      String name = f.get("Filter." + n + ".Name");
      List<String> values = f.list("Filter." + n + ".Value");
      String actual;
      if (name.startsWith("tag:")) {
        actual = i.tags.get(name.substring(4));
      } else if (name.equals("instance-state-name")) {
        actual = stateOf(i, now);
      } else if (name.equals("instance-id")) {
        actual = i.id;
      } else if (name.equals("instance-type")) {
        actual = i.type;
      } else if (name.equals("tag-key")) {
        if (values.stream().noneMatch(i.tags::containsKey)) {
          return false;
        }
        continue;
      } else {
        throw new ApiError(400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
      }
      if (actual == null || !values.contains(actual)) {
        return false;
      }
    }
    return true;
  }

  private Response terminateInstances(Form f, Instant now) {
    List<String> ids = f.list("InstanceId");
    if (ids.isEmpty()) {
      throw new ApiError(400, "MissingParameter", "The request must contain the parameter InstanceId");
    }
    for (String id : ids) {
      if (!instances.containsKey(id)) {
        throw new ApiError(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("<TerminateInstancesResponse xmlns=\"").append(EC2_NS).append("\"><requestId>").append(UUID.randomUUID())
        .append("</requestId><instancesSet>");
    for (String id : ids) {
      Inst i = instances.get(id);
      String before = stateOf(i, now);
      if (i.terminateAt == null) {
        i.terminateAt = now;
      }
      String after = stateOf(i, now);
      sb.append("<item><instanceId>").append(id).append("</instanceId><currentState><code>").append(stateCode(after))
          .append("</code><name>").append(after).append("</name></currentState><previousState><code>")
          .append(stateCode(before)).append("</code><name>").append(before).append("</name></previousState></item>");
    }
    sb.append("</instancesSet></TerminateInstancesResponse>");
    return new Response(200, sb.toString());
  }

  private Response createTags(Form f, boolean create) {
    List<String> ids = f.list("ResourceId");
    for (String id : ids) {
      if (!instances.containsKey(id)) {
        throw new ApiError(400, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
      }
    }
    for (String id : ids) {
      Inst i = instances.get(id);
      for (int t = 1; f.get("Tag." + t + ".Key") != null; t++) {
        String k = f.get("Tag." + t + ".Key");
        if (create) {
          i.tags.put(k, f.get("Tag." + t + ".Value", ""));
        } else {
          i.tags.remove(k);
        }
      }
    }
    String name = create ? "CreateTagsResponse" : "DeleteTagsResponse";
    return new Response(200, "<" + name + " xmlns=\"" + EC2_NS + "\"><requestId>" + UUID.randomUUID()
        + "</requestId><return>true</return></" + name + ">");
  }

  // ------------------------------------------------------------------ Auto Scaling

  private Response asg(String action, Form f) {
    injectFaults(action, true);
    Instant now = clock.get();
    return switch (action) {
      case "DescribeAutoScalingGroups" -> describeGroups(f, now);
      case "SetDesiredCapacity" -> setDesired(f, now);
      case "TerminateInstanceInAutoScalingGroup" -> terminateInGroup(f, now);
      case "SetInstanceProtection" -> setProtection(f);
      case "CompleteLifecycleAction" -> completeLifecycle(f, now);
      case "RecordLifecycleActionHeartbeat" -> heartbeat(f);
      case "DescribeAutoScalingInstances" -> describeAsgInstances(f, now);
      case "CreateOrUpdateTags" -> groupTags(f);
      case "DeleteTags" -> deleteGroupTags(f);
      default -> throw new ApiError(400, "InvalidAction", "Could not find operation " + action);
    };
  }

  private Group group(String name) {
    Group g = groups.get(name);
    if (g == null) {
      throw new ApiError(400, "ValidationError", "AutoScalingGroup name not found - AutoScalingGroup " + name + " not found");
    }
    return g;
  }

  private static String asgOk(String action, String result) {
    return "<" + action + "Response xmlns=\"" + ASG_NS + "\">" + (result == null ? "" : "<" + action + "Result>" + result + "</" + action + "Result>")
        + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action + "Response>";
  }

  private String lifecycleOf(Group g, Inst i, Instant now) {
    if (g.waiting.contains(i.id)) {
      return "Terminating:Wait";
    }
    String s = stateOf(i, now);
    return switch (s) {
      case "pending" -> "Pending";
      case "running" -> "InService";
      default -> "Terminating:Proceed";
    };
  }

  /** Launches or retires members until the group holds {@code desired} live instances. */
  private void reconcile(Group g, Instant now) {
    List<String> live = new ArrayList<>();
    for (String id : g.members) {
      if (!g.waiting.contains(id) && instances.get(id).terminateAt == null) {
        live.add(id);
      }
    }
    while (live.size() < g.desired) {
      Inst i = newInstance(g.type, "subnet-asg", now);
      i.group = g.name;
      i.tags.put("aws:autoscaling:groupName", g.name);
      g.propagated.forEach(k -> i.tags.put(k, g.tags.get(k)));
      g.members.add(i.id);
      live.add(i.id);
    }
    // Scale-in by the group itself: newest unprotected first; protected instances are never chosen.
    for (int k = live.size() - 1; k >= 0 && live.size() > g.desired; k--) {
      String id = live.get(k);
      if (!g.protectedIds.contains(id)) {
        startTermination(g, id, now);
        live.remove(k);
      }
    }
  }

  private void startTermination(Group g, String id, Instant now) {
    if (g.terminationHook != null) {
      g.waiting.add(id);
    } else {
      finishTermination(g, id, now);
    }
  }

  private void finishTermination(Group g, String id, Instant now) {
    g.waiting.remove(id);
    g.members.remove(id);
    g.protectedIds.remove(id);
    instances.get(id).terminateAt = now;
  }

  private Response describeGroups(Form f, Instant now) {
    List<String> names = f.list("AutoScalingGroupNames.member");
    StringBuilder sb = new StringBuilder("<AutoScalingGroups>");
    for (Group g : groups.values()) {
      if (!names.isEmpty() && !names.contains(g.name)) {
        continue;
      }
      sb.append("<member><AutoScalingGroupName>").append(g.name).append("</AutoScalingGroupName>")
          .append("<AutoScalingGroupARN>arn:aws:autoscaling:us-east-1:").append(OWNER).append(":autoScalingGroup:x:autoScalingGroupName/")
          .append(g.name).append("</AutoScalingGroupARN><MinSize>").append(g.min).append("</MinSize><MaxSize>").append(g.max)
          .append("</MaxSize><DesiredCapacity>").append(g.desired).append("</DesiredCapacity><DefaultCooldown>300</DefaultCooldown>")
          .append("<AvailabilityZones><member>us-east-1a</member></AvailabilityZones><HealthCheckType>EC2</HealthCheckType>")
          .append("<CreatedTime>2026-01-01T00:00:00Z</CreatedTime><Instances>");
      for (String id : g.members) {
        Inst i = instances.get(id);
        if (!visible(i, now)) {
          continue; // the group has not listed its new instance yet
        }
        sb.append("<member><InstanceId>").append(id).append("</InstanceId><InstanceType>").append(i.type)
            .append("</InstanceType><AvailabilityZone>").append(i.az).append("</AvailabilityZone><LifecycleState>")
            .append(lifecycleOf(g, i, now.minus(describeLag))).append("</LifecycleState><HealthStatus>Healthy</HealthStatus><ProtectedFromScaleIn>")
            .append(g.protectedIds.contains(id)).append("</ProtectedFromScaleIn></member>");
      }
      sb.append("</Instances><Tags>");
      g.tags.forEach((k, v) -> sb.append("<member><ResourceId>").append(g.name)
          .append("</ResourceId><ResourceType>auto-scaling-group</ResourceType><Key>").append(esc(k)).append("</Key><Value>")
          .append(esc(v)).append("</Value><PropagateAtLaunch>").append(g.propagated.contains(k)).append("</PropagateAtLaunch></member>"));
      sb.append("</Tags><NewInstancesProtectedFromScaleIn>false</NewInstancesProtectedFromScaleIn></member>");
    }
    sb.append("</AutoScalingGroups>");
    return new Response(200, asgOk("DescribeAutoScalingGroups", sb.toString()));
  }

  private Response setDesired(Form f, Instant now) {
    Group g = group(f.get("AutoScalingGroupName"));
    int d = f.getInt("DesiredCapacity", -1);
    if (d < g.min || d > g.max) {
      throw new ApiError(400, "ValidationError", "New SetDesiredCapacity value " + d + " is above max value " + g.max
          + " for the AutoScalingGroup.");
    }
    g.desired = d;
    reconcile(g, now);
    return new Response(200, asgOk("SetDesiredCapacity", null));
  }

  private Response terminateInGroup(Form f, Instant now) {
    String id = f.get("InstanceId");
    Inst i = instances.get(id);
    if (i == null || i.group == null || !groups.get(i.group).members.contains(id)) {
      throw new ApiError(400, "ValidationError", "Instance Id not found - No managed instance found for instance ID: " + id);
    }
    Group g = groups.get(i.group);
    boolean decrement = Boolean.parseBoolean(f.get("ShouldDecrementDesiredCapacity", "false"));
    if (decrement) {
      if (g.desired - 1 < g.min) {
        throw new ApiError(400, "ValidationError", "Currently, desiredSize equals minSize (" + g.min
            + "). Terminating instance without replacement will violate group's min size constraint. Either set shouldDecrementDesiredCapacity flag to false or lower group's min size.");
      }
      g.desired--;
    }
    startTermination(g, id, now);
    reconcile(g, now);
    String activity = "<Activity><ActivityId>" + UUID.randomUUID() + "</ActivityId><AutoScalingGroupName>" + g.name
        + "</AutoScalingGroupName><Description>Terminating EC2 instance: " + id + "</Description><Cause>At "
        + ISO.format(now) + " instance " + id + " was taken out of service in response to a user request.</Cause><StartTime>"
        + ISO.format(now) + "</StartTime><StatusCode>InProgress</StatusCode><Progress>0</Progress></Activity>";
    return new Response(200, asgOk("TerminateInstanceInAutoScalingGroup", activity));
  }

  private Response setProtection(Form f) {
    Group g = group(f.get("AutoScalingGroupName"));
    boolean p = Boolean.parseBoolean(f.get("ProtectedFromScaleIn"));
    for (String id : f.list("InstanceIds.member")) {
      if (!g.members.contains(id)) {
        throw new ApiError(400, "ValidationError", "The instance " + id + " is not part of Auto Scaling group " + g.name + ".");
      }
      if (p) {
        g.protectedIds.add(id);
      } else {
        g.protectedIds.remove(id);
      }
    }
    return new Response(200, asgOk("SetInstanceProtection", ""));
  }

  private Response completeLifecycle(Form f, Instant now) {
    Group g = group(f.get("AutoScalingGroupName"));
    String id = f.get("InstanceId");
    if (!Objects.equals(g.terminationHook, f.get("LifecycleHookName")) || !g.waiting.contains(id)) {
      throw new ApiError(400, "ValidationError", "No active Lifecycle Action found with instance ID " + id);
    }
    finishTermination(g, id, now);
    return new Response(200, asgOk("CompleteLifecycleAction", ""));
  }

  private Response heartbeat(Form f) {
    Group g = group(f.get("AutoScalingGroupName"));
    if (!g.waiting.contains(f.get("InstanceId"))) {
      throw new ApiError(400, "ValidationError", "No active Lifecycle Action found with instance ID " + f.get("InstanceId"));
    }
    return new Response(200, asgOk("RecordLifecycleActionHeartbeat", ""));
  }

  private Response describeAsgInstances(Form f, Instant now) {
    StringBuilder sb = new StringBuilder("<AutoScalingInstances>");
    for (String id : f.list("InstanceIds.member")) {
      Inst i = instances.get(id);
      if (i == null || i.group == null || !groups.get(i.group).members.contains(id)) {
        continue;
      }
      Group g = groups.get(i.group);
      sb.append("<member><InstanceId>").append(id).append("</InstanceId><InstanceType>").append(i.type)
          .append("</InstanceType><AutoScalingGroupName>").append(g.name).append("</AutoScalingGroupName><AvailabilityZone>")
          .append(i.az).append("</AvailabilityZone><LifecycleState>").append(lifecycleOf(g, i, now))
          .append("</LifecycleState><HealthStatus>HEALTHY</HealthStatus><ProtectedFromScaleIn>")
          .append(g.protectedIds.contains(id)).append("</ProtectedFromScaleIn></member>");
    }
    sb.append("</AutoScalingInstances>");
    return new Response(200, asgOk("DescribeAutoScalingInstances", sb.toString()));
  }

  private Response groupTags(Form f) {
    for (int t = 1; f.get("Tags.member." + t + ".Key") != null; t++) {
      Group g = group(f.get("Tags.member." + t + ".ResourceId"));
      String key = f.get("Tags.member." + t + ".Key");
      g.tags.put(key, f.get("Tags.member." + t + ".Value", ""));
      if (Boolean.parseBoolean(f.get("Tags.member." + t + ".PropagateAtLaunch", "false"))) {
        g.propagated.add(key);
      } else {
        g.propagated.remove(key);
      }
    }
    return new Response(200, asgOk("CreateOrUpdateTags", null));
  }

  private Response deleteGroupTags(Form f) {
    for (int t = 1; f.get("Tags.member." + t + ".Key") != null; t++) {
      Group g = group(f.get("Tags.member." + t + ".ResourceId"));
      String key = f.get("Tags.member." + t + ".Key");
      g.tags.remove(key);
      g.propagated.remove(key);
    }
    return new Response(200, asgOk("DeleteTags", null));
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
