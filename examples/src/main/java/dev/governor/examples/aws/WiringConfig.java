package dev.governor.examples.aws;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link AwsWiring} needs to run Governor on AWS, read from a properties file (see
 * {@code governor-aws.properties} in this module's resources, and the README's "Running on AWS").
 * Every value is checked when read; an error names the key, the rule and the value, and an
 * unknown key (a typo) is an error too.
 *
 * <pre>
 * region, mode (dry-run | live; default dry-run), tick (default 60s)
 * pool                       the pool's name: EC2 instances carry the tag governor:pool=&lt;pool&gt;
 * instance.type, instance.slots, instance.pricePerHour, instance.bootTime (default 120s)
 * min, max                   instances
 * actuator                   ec2 | autoscaling
 * ec2.launchTemplate         a launch template id (lt-…) or name     (actuator=ec2)
 * ec2.subnets                comma-separated, in preference order      (actuator=ec2)
 * autoscaling.group          the group's name                          (actuator=autoscaling)
 * autoscaling.terminationHook  optional: the group's termination lifecycle hook
 * drain.deadline             how long a draining worker may stay busy (default 30m)
 * drain.onOverdue            wait | terminate (default wait)
 * cloudwatch                 true | false (default false): completions and oldest-message age from CloudWatch
 * state.file                 optional: where the controller's state survives restarts
 * decisions.file             optional: the decision log, one TickReport JSON line per tick
 * class.&lt;name&gt;.queueUrl      one SQS queue per job class (at least one class)
 * class.&lt;name&gt;.deadline      the class's objective: longest acceptable queue wait
 * class.&lt;name&gt;.serviceTime   how long one job takes (a prior; measured online when workers report it)
 * class.&lt;name&gt;.priority      optional, default 0 (higher first)
 * </pre>
 * Durations need a unit: {@code 90s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT5M}).
 *
 * @param region the AWS region, e.g. {@code us-east-1}
 * @param live whether decisions act ({@code mode=live}) or are only logged ({@code mode=dry-run})
 * @param tick time between decisions
 * @param pool the pool's name (the EC2 pool tag's value)
 * @param instanceType the instance type launched
 * @param slots concurrent jobs per instance
 * @param pricePerHour the instance's hourly price in dollars
 * @param bootTime launch to RUNNING and pulling jobs
 * @param min fewest instances
 * @param max most instances
 * @param actuator {@code ec2} or {@code autoscaling}
 * @param launchTemplate EC2 launch template id or name (empty for Auto Scaling)
 * @param subnets EC2 subnets in preference order (empty for Auto Scaling)
 * @param group the Auto Scaling group (empty for EC2)
 * @param terminationHook the group's termination lifecycle hook, if any
 * @param drainDeadline how long a draining worker may stay busy
 * @param terminateOverdue whether an overdue drain is terminated ({@code terminate}) or waited for
 * @param cloudWatch whether CloudWatch supplies completions and oldest-message ages
 * @param stateFile where the controller's state is kept, if anywhere
 * @param decisionsFile where the decision log goes, if anywhere
 * @param classes the job classes, in name order
 */
public record WiringConfig(String region, boolean live, Duration tick, String pool, String instanceType, int slots,
    double pricePerHour, Duration bootTime, int min, int max, String actuator, String launchTemplate,
    List<String> subnets, String group, Optional<String> terminationHook, Duration drainDeadline,
    boolean terminateOverdue, boolean cloudWatch, Optional<Path> stateFile, Optional<Path> decisionsFile,
    List<QueueClass> classes) {

  /**
   * One job class and its queue.
   *
   * @param name the class's name (letters, digits, '-', '_')
   * @param queueUrl its SQS queue URL
   * @param deadline its objective: the longest acceptable queue wait
   * @param serviceTime how long one of its jobs takes (a prior)
   * @param priority higher is served first
   */
  public record QueueClass(String name, String queueUrl, Duration deadline, Duration serviceTime, int priority) {
    /** The queue's name: the last segment of its URL (what CloudWatch's QueueName dimension holds). */
    public String queueName() {
      return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }
  }

  private static final Set<String> KEYS = Set.of("region", "mode", "tick", "pool", "instance.type", "instance.slots",
      "instance.pricePerHour", "instance.bootTime", "min", "max", "actuator", "ec2.launchTemplate", "ec2.subnets",
      "autoscaling.group", "autoscaling.terminationHook", "drain.deadline", "drain.onOverdue", "cloudwatch",
      "state.file", "decisions.file");
  private static final Pattern CLASS_KEY = Pattern.compile("class\\.([A-Za-z0-9_-]+)\\.(queueUrl|deadline|serviceTime|priority)");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  /** Reads {@code file} (UTF-8 properties). */
  public static WiringConfig load(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    try {
      return parse(p);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Checks and reads every key; see the class comment for what each means. */
  public static WiringConfig parse(Properties p) {
    Map<String, String> v = new LinkedHashMap<>();
    Map<String, Map<String, String>> byClass = new LinkedHashMap<>();
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      String value = p.getProperty(key).strip();
      Matcher m = CLASS_KEY.matcher(key);
      if (m.matches()) {
        byClass.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>()).put(m.group(2), value);
      } else if (KEYS.contains(key)) {
        v.put(key, value);
      } else {
        throw new IllegalArgumentException("unknown key '" + key + "'; known keys are " + new TreeSet<>(KEYS)
            + " and class.<name>.{queueUrl,deadline,serviceTime,priority}");
      }
    }
    String mode = v.getOrDefault("mode", "dry-run");
    if (!mode.equals("dry-run") && !mode.equals("live")) {
      throw new IllegalArgumentException("mode must be dry-run or live, but was '" + mode + "'");
    }
    String actuator = required(v, "actuator");
    if (!actuator.equals("ec2") && !actuator.equals("autoscaling")) {
      throw new IllegalArgumentException("actuator must be ec2 or autoscaling, but was '" + actuator + "'");
    }
    boolean ec2 = actuator.equals("ec2");
    String launchTemplate = ec2 ? required(v, "ec2.launchTemplate") : forbidden(v, "ec2.launchTemplate", actuator);
    List<String> subnets = new ArrayList<>();
    if (ec2) {
      for (String s : required(v, "ec2.subnets").split(",")) {
        if (s.isBlank()) {
          throw new IllegalArgumentException("ec2.subnets must be comma-separated subnet ids, but was '"
              + v.get("ec2.subnets") + "'");
        }
        subnets.add(s.strip());
      }
    } else {
      forbidden(v, "ec2.subnets", actuator);
    }
    String group = ec2 ? forbidden(v, "autoscaling.group", actuator) : required(v, "autoscaling.group");
    Optional<String> hook = Optional.ofNullable(ec2 ? emptyToNull(forbidden(v, "autoscaling.terminationHook", actuator))
        : v.get("autoscaling.terminationHook"));
    String overdue = v.getOrDefault("drain.onOverdue", "wait");
    if (!overdue.equals("wait") && !overdue.equals("terminate")) {
      throw new IllegalArgumentException("drain.onOverdue must be wait or terminate, but was '" + overdue + "'");
    }
    int min = integer(v, "min", required(v, "min"), 0);
    int max = integer(v, "max", required(v, "max"), Math.max(1, min));
    if (byClass.isEmpty()) {
      throw new IllegalArgumentException("at least one job class is needed: class.<name>.queueUrl, .deadline, .serviceTime");
    }
    List<QueueClass> classes = new ArrayList<>();
    byClass.forEach((name, c) -> {
      String prefix = "class." + name + ".";
      String url = required(c, "queueUrl", prefix);
      if (!url.startsWith("https://") && !url.startsWith("http://")) {
        throw new IllegalArgumentException(prefix + "queueUrl must be an SQS queue URL (https://sqs.<region>.amazonaws.com/"
            + "<account>/<queue>), but was '" + url + "'");
      }
      classes.add(new QueueClass(name, url, duration(prefix + "deadline", required(c, "deadline", prefix)),
          duration(prefix + "serviceTime", required(c, "serviceTime", prefix)),
          integer(c, prefix + "priority", c.getOrDefault("priority", "0"), Integer.MIN_VALUE)));
    });
    return new WiringConfig(required(v, "region"), mode.equals("live"), duration("tick", v.getOrDefault("tick", "60s")),
        required(v, "pool"), required(v, "instance.type"),
        integer(v, "instance.slots", required(v, "instance.slots"), 1),
        price(required(v, "instance.pricePerHour")), duration("instance.bootTime", v.getOrDefault("instance.bootTime", "120s")),
        min, max, actuator, launchTemplate == null ? "" : launchTemplate, List.copyOf(subnets), group == null ? "" : group,
        hook, duration("drain.deadline", v.getOrDefault("drain.deadline", "30m")), overdue.equals("terminate"),
        bool("cloudwatch", v.getOrDefault("cloudwatch", "false")), Optional.ofNullable(v.get("state.file")).map(Path::of),
        Optional.ofNullable(v.get("decisions.file")).map(Path::of), List.copyOf(classes));
  }

  /** Checks what the parser cannot see alone. */
  public WiringConfig {
    Objects.requireNonNull(region, "region");
    classes = List.copyOf(classes);
    subnets = List.copyOf(subnets);
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("tick must be > 0, but was " + tick);
    }
  }

  /** {@code 90s}, {@code 5m}, {@code 1h}, {@code 250ms} or ISO-8601; a bare number is an error (seconds or minutes?). */
  static Duration duration(String key, String value) {
    Matcher m = DURATION.matcher(value);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    } else {
      try {
        d = Duration.parse(value);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(key + " must be a duration with a unit (90s, 5m, 1h or PT5M), but was '" + value + "'");
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(key + " must be > 0, but was '" + value + "'");
    }
    return d;
  }

  private static int integer(Map<String, String> v, String key, String value, int least) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, but was '" + value + "'");
    }
    if (n < least) {
      throw new IllegalArgumentException(key + " must be >= " + least + ", but was " + n);
    }
    return n;
  }

  private static double price(String value) {
    double d;
    try {
      d = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("instance.pricePerHour must be a number of dollars, but was '" + value + "'");
    }
    if (!(d >= 0) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("instance.pricePerHour must be finite and >= 0, but was '" + value + "'");
    }
    return d;
  }

  private static boolean bool(String key, String value) {
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, but was '" + value + "'");
    }
    return value.equals("true");
  }

  private static String required(Map<String, String> v, String key) {
    return required(v, key, "");
  }

  private static String required(Map<String, String> v, String key, String prefix) {
    String s = v.get(key);
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException(prefix + key + " must be set");
    }
    return s;
  }

  private static String forbidden(Map<String, String> v, String key, String actuator) {
    if (v.containsKey(key)) {
      throw new IllegalArgumentException(key + " does not apply to actuator=" + actuator + ", but was set to '"
          + v.get(key) + "'");
    }
    return null;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
