package dev.governor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.Controller;
import dev.governor.TickReport;
import dev.governor.action.Launch;
import dev.governor.action.Terminate;
import dev.governor.aws.fake.FakeAws;
import dev.governor.aws.fake.LocalSqs;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridPolicy;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import dev.governor.signal.SignalNames;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole loop on loopback: ElasticMQ holds the jobs, the local EC2 endpoint the fleet, the
 * real {@link Controller} decides, and simulated workers embed {@link DrainingWorker}. A burst of
 * messages leads to launches; once the queue is drained, idle instances are terminated and the
 * one still running a job is kept (the flagship policy counts its in-flight job) or drained (a
 * policy that wants zero), and terminated only after it finished.
 */
@ExtendWith(LocalSqs.Extension.class)
class EndToEndTest {
  static final InstanceType TYPE = InstanceType.of("c7g.large", 4, 0.0725).withBootTime(Duration.ofSeconds(60));
  static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-07-06T09:00:00Z"));
  static FakeAws aws;
  static Ec2Client ec2;
  static SqsClient sqs;

  @BeforeAll
  static void start(LocalSqs local) {
    aws = new FakeAws(CLOCK::instant).bootTime(Duration.ofSeconds(60));
    ec2 = aws.ec2Client();
    sqs = local.client();
  }

  @BeforeEach
  void reset() {
    aws.reset();
  }

  @AfterAll
  static void stop() {
    ec2.close();
    aws.close();
  }

  /** Until the flagship policy lands: enough instances for the visible backlog at 10 messages each. */
  static final class BacklogPolicy implements ScalingPolicy {
    @Override
    public String name() {
      return "backlog-per-instance";
    }

    @Override
    public Proposal propose(PolicyContext ctx) {
      double visible = ctx.snapshot().valueOr(SignalNames.visible("jobs"), 0);
      int desired = (int) Math.ceil(visible / 10.0);
      return Proposal.of(desired, Reason.of("jobs.backlog", visible + " visible / 10 per instance = " + desired));
    }
  }

  @Test
  void withTheFlagshipPolicyABurstLaunchesAndIdleInstancesGoWhileTheBusyOneStays() {
    run(HybridPolicy.ofDefaults(), "e2e-hybrid", false);
  }

  @Test
  void whenThePolicyWantsNoneTheBusyWorkerIsDrainedAndTerminatedOnlyOnceIdle() {
    run(new BacklogPolicy(), "e2e-backlog", true);
  }

  private void run(ScalingPolicy policy, String name, boolean expectDrain) {
    String queue = sqs.createQueue(r -> r.queueName(name)).queueUrl();
    AtomicLong completed = new AtomicLong();
    SqsSignalSource signals = SqsSignalSource.builder(sqs).queue("jobs", queue).cacheTtl(Duration.ofSeconds(10))
        .completions(CompletionSource.counter(c -> completed.get())).build();
    Ec2Actuator actuator = Ec2Actuator.builder(ec2).pool(name).launchTemplateName("workers").instanceType(TYPE)
        .subnets("subnet-a", "subnet-b").build();
    List<TickReport> reports = new ArrayList<>();
    Controller controller = Controller.builder().clock(CLOCK).signals(signals)
        .jobClass(JobClass.of("jobs", Duration.ofMinutes(5), Duration.ofSeconds(30))).launchType(TYPE)
        .policy(policy).actuator(actuator)
        .guards(Guards.builder(0, 8).stabilization(Duration.ofMinutes(2)).cooldowns(Duration.ZERO, Duration.ofMinutes(1)).build())
        .listener(reports::add).build();

    // A burst nobody predicted.
    for (int b = 0; b < 12; b++) {
      int batch = b;
      sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(java.util.stream.IntStream.range(0, 10)
          .mapToObj(k -> software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry.builder()
              .id("m" + k).messageBody("job-" + batch + "-" + k).build()).toList()));
    }
    TickReport first = controller.tick();
    assertTrue(first.action() instanceof Launch, first.summary());
    int launched = ((Launch) first.action()).count();
    assertTrue(launched >= 3 && launched <= 8, "120 jobs of 30 s, 4 slots each, within bounds: " + first.summary());
    assertEquals(launched, aws.liveIds().size());

    Map<String, DrainingWorker> workers = new HashMap<>();
    Map<String, DrainingWorker.Job> held = new HashMap<>();
    String sticky = null;
    String[] heldReceipt = {null};
    boolean released = false;
    for (int tick = 0; tick < 20; tick++) {
      CLOCK.advance(Duration.ofSeconds(60));
      // Workers on RUNNING instances pull up to 4 jobs each and finish them within the minute,
      // except the first worker, which keeps one long job running.
      for (String id : aws.liveIds()) {
        if (!aws.state(id).equals("running")) {
          continue;
        }
        DrainingWorker w = workers.computeIfAbsent(id, k -> DrainingWorker.builder(ec2, k).slots(4).clock(CLOCK).build());
        if (sticky == null) {
          sticky = id;
        }
        w.refresh();
        if (!w.shouldReceive()) {
          continue;
        }
        List<Message> msgs = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(4).visibilityTimeout(3600)).messages();
        for (Message m : msgs) {
          if (id.equals(sticky) && !held.containsKey(id) && !released) {
            held.put(id, w.begin());
            heldReceipt[0] = m.receiptHandle();
            continue;
          }
          DrainingWorker.Job job = w.begin();
          try {
            sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
            completed.incrementAndGet();
          } finally {
            job.close();
          }
        }
        w.refresh();
      }
      TickReport r = controller.tick();
      if (r.action() instanceof Terminate t && held.containsKey(sticky)) {
        assertFalse(t.terminate().contains(sticky), "a busy worker is never terminated: " + r.summary());
      }
      if (held.containsKey(sticky) && aws.liveIds().size() == 1 && !released) {
        if (expectDrain) {
          assertEquals(PoolTags.DRAINING, aws.tags(sticky).get(PoolTags.STATE), "the busy one is drained instead");
        }
        sqs.deleteMessage(d -> d.queueUrl(queue).receiptHandle(heldReceipt[0])); // its long job ends
        completed.incrementAndGet();
        held.remove(sticky).close();
        released = true;
        workers.get(sticky).refresh();
      }
      if (released && aws.liveIds().isEmpty()) {
        break;
      }
    }
    assertTrue(released, "the fleet shrank to the busy worker: " + last(reports));
    assertEquals(List.of(), aws.liveIds(), "and it went once idle: " + last(reports));
    assertTrue(reports.stream().anyMatch(x -> x.readings().stream().anyMatch(
        rd -> rd.name().equals(SignalNames.arrivals("jobs")))), "arrival estimates were reported");
    assertTrue(reports.stream().allMatch(x -> x.errors().isEmpty()), () -> "no tick errors: " + reports.stream()
        .filter(x -> !x.errors().isEmpty()).map(TickReport::errors).toList());
  }

  private static String last(List<TickReport> reports) {
    return reports.isEmpty() ? "no ticks" : reports.get(reports.size() - 1).summary();
  }
}
