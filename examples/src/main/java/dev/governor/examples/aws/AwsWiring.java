package dev.governor.examples.aws;

import dev.governor.Controller;
import dev.governor.ControllerRunner;
import dev.governor.TickListener;
import dev.governor.actuator.Actuator;
import dev.governor.actuator.DryRunActuator;
import dev.governor.aws.AutoScalingGroupActuator;
import dev.governor.aws.AwsClients;
import dev.governor.aws.CloudWatchCompletions;
import dev.governor.aws.CloudWatchSignalSource;
import dev.governor.aws.DrainDeadline;
import dev.governor.aws.Ec2Actuator;
import dev.governor.aws.SqsSignalSource;
import dev.governor.examples.DecisionLog;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.signal.SignalSource;
import dev.governor.state.FileStateStore;
import dev.governor.state.InMemoryStateStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Governor on AWS from a small config ({@link WiringConfig}): SQS queue depths per job class
 * (plus, with {@code cloudwatch=true}, completions and oldest-message ages from CloudWatch), the
 * benchmarked {@code governor} configuration within [min, max], and the EC2 actuator (launch
 * template, subnets, pool tag) or the Auto Scaling one (group, optional termination hook), behind
 * a {@link DryRunActuator} unless {@code mode=live}.
 *
 * <p>Run it: {@code java -cp examples/target/governor-examples.jar dev.governor.examples.aws.AwsWiring
 * governor-aws.properties} (credentials from the SDK's default chain; IAM in the README).
 */
public final class AwsWiring {
  private AwsWiring() {}

  /**
   * The SDK clients the wiring uses; {@code autoScaling} only with {@code actuator=autoscaling},
   * {@code cloudWatch} only with {@code cloudwatch=true} (null otherwise).
   *
   * @param sqs reads queue depths
   * @param ec2 launches, terminates and describes instances (Auto Scaling uses it for tags and Describe)
   * @param autoScaling sets the group's desired capacity
   * @param cloudWatch reads completions and oldest-message ages
   */
  public record Clients(SqsClient sqs, Ec2Client ec2, AutoScalingClient autoScaling, CloudWatchClient cloudWatch) {
    /** The recommended clients ({@link AwsClients}: adaptive retry, JDK HTTP client) for what {@code c} uses. */
    public static Clients forConfig(WiringConfig c) {
      Region region = Region.of(c.region());
      return new Clients(AwsClients.sqs(region), AwsClients.ec2(region),
          c.actuator().equals("autoscaling") ? AwsClients.autoScaling(region) : null,
          c.cloudWatch() ? AwsClients.cloudWatch(region) : null);
    }
  }

  /** The instance type the config launches. */
  public static InstanceType instanceType(WiringConfig c) {
    return InstanceType.of(c.instanceType(), c.slots(), c.pricePerHour()).withBootTime(c.bootTime());
  }

  /** The signals: SQS depths per class, and CloudWatch's completions and oldest-message ages if configured. */
  public static SignalSource signals(WiringConfig c, Clients clients) {
    SqsSignalSource.Builder sqs = SqsSignalSource.builder(Objects.requireNonNull(clients.sqs(), "sqs client"));
    c.classes().forEach(q -> sqs.queue(q.name(), q.queueUrl()));
    if (!c.cloudWatch()) {
      return sqs.build();
    }
    CloudWatchClient cw = Objects.requireNonNull(clients.cloudWatch(), "cloudWatch client (cloudwatch=true)");
    Map<String, String> queueNames = new LinkedHashMap<>();
    c.classes().forEach(q -> queueNames.put(q.name(), q.queueName()));
    sqs.completions(new CloudWatchCompletions(cw, queueNames));
    CloudWatchSignalSource.Builder ages = CloudWatchSignalSource.builder(cw);
    c.classes().forEach(q -> ages.sqsOldestMessageAge(q.name(), q.queueName()));
    return SignalSource.composite(sqs.build(), ages.build());
  }

  /** The actuator that acts: EC2 (pool tag, launch template, subnets) or the Auto Scaling group. */
  public static Actuator actuator(WiringConfig c, Clients clients) {
    InstanceType type = instanceType(c);
    DrainDeadline drain = new DrainDeadline(c.drainDeadline(),
        c.terminateOverdue() ? DrainDeadline.Rule.TERMINATE : DrainDeadline.Rule.WAIT);
    Ec2Client ec2 = Objects.requireNonNull(clients.ec2(), "ec2 client");
    if (c.actuator().equals("ec2")) {
      Ec2Actuator.Builder b = Ec2Actuator.builder(ec2).pool(c.pool()).instanceType(type)
          .subnets(c.subnets().toArray(String[]::new)).drainDeadline(drain);
      if (c.launchTemplate().startsWith("lt-")) {
        b.launchTemplateId(c.launchTemplate());
      } else {
        b.launchTemplateName(c.launchTemplate());
      }
      return b.build();
    }
    AutoScalingGroupActuator.Builder b = AutoScalingGroupActuator.builder(
        Objects.requireNonNull(clients.autoScaling(), "autoScaling client (actuator=autoscaling)"), ec2)
        .group(c.group()).instanceType(type).drainDeadline(drain);
    c.terminationHook().ifPresent(b::terminationHook);
    return b.build();
  }

  /**
   * The controller: {@link #signals}, every class of the config, {@link #instanceType},
   * {@link Controller.Builder#standardGovernor} within [min, max], {@link #actuator} (behind a
   * dry run unless {@code mode=live}), the state file if configured, and {@code listener}.
   */
  public static Controller controller(WiringConfig c, Clients clients, InstantSource clock, TickListener listener) {
    Actuator real = actuator(c, clients);
    Controller.Builder b = Controller.builder()
        .clock(clock)
        .tick(c.tick())
        .signals(signals(c, clients))
        .launchType(instanceType(c))
        .standardGovernor(c.min(), c.max())
        .actuator(c.live() ? real : new DryRunActuator(real::fleet))
        .stateStore(c.stateFile().<dev.governor.state.StateStore>map(FileStateStore::new).orElseGet(InMemoryStateStore::new))
        .listener(listener);
    c.classes().forEach(q -> b.jobClass(new JobClass(q.name(), q.deadline(), q.serviceTime(), q.priority())));
    return b.build();
  }

  /** Reads the config named by {@code args[0]}, then ticks every {@code tick} until the JVM is stopped. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: AwsWiring <governor-aws.properties>");
      System.exit(2);
    }
    WiringConfig c = WiringConfig.load(Path.of(args[0]));
    Clients clients = Clients.forConfig(c);
    DecisionLog log = c.decisionsFile().map(DecisionLog::toLoggerAndFile).orElseGet(DecisionLog::toLogger);
    Controller governor = controller(c, clients, InstantSource.system(), log);
    ControllerRunner runner = ControllerRunner.start(governor);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runner.close(); // no new tick; the state is saved at the end of every tick
      log.close();
      stopped.countDown();
    }));
    stopped.await();
  }
}
