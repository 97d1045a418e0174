package dev.governor.aws.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/** The endpoint's own faults, seen through the real SDK client: they must look like AWS's. */
class FakeAwsTest {
  static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-08-01T00:00:00Z"));
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

  private static RunInstancesRequest run(String token) {
    return RunInstancesRequest.builder().launchTemplate(t -> t.launchTemplateName("lt")).instanceType("c7g.large")
        .minCount(1).maxCount(2).clientToken(token).build();
  }

  @Test
  void anActionThatFailsAfterActingHasActedAndTheSdksRetryWithTheSameTokenGetsTheSameInstances() {
    aws.actThenFail("RunInstances", "InternalError", 500, 1);
    List<String> ids = ec2.runInstances(run("tok-1")).instances().stream().map(i -> i.instanceId()).toList();
    assertEquals(2, aws.count("RunInstances"), "the SDK retried the 500");
    assertEquals(ids, aws.liveIds(), "one launch, not two");
  }

  @Test
  void anErrorOnEveryAttemptStillLeavesTheFirstAttemptsInstances() {
    aws.actThenFail("RunInstances", "InternalError", 500, 10);
    AwsServiceException e = assertThrows(AwsServiceException.class, () -> ec2.runInstances(run("tok-2")));
    assertEquals(500, e.statusCode());
    assertEquals(2, aws.liveIds().size());
  }

  @Test
  void aDroppedResponseIsAnIoErrorToTheClientAfterTheActionTookEffect() {
    aws.actThenDrop("RunInstances", 10);
    SdkClientException e = assertThrows(SdkClientException.class, () -> ec2.runInstances(run("tok-3")));
    Throwable c = e;
    while (c != null && !(c instanceof IOException)) {
      c = c.getCause();
    }
    assertTrue(c instanceof IOException, () -> "cause: " + e);
    assertEquals(2, aws.liveIds().size());
  }

  @Test
  void aLaggingDescribeShowsTheFleetAsItWas() {
    aws.describeLag(Duration.ofSeconds(90));
    String id = ec2.runInstances(run("tok-4")).instances().get(0).instanceId();
    assertEquals(0, ec2.describeInstances().reservations().size());
    CLOCK.advance(Duration.ofSeconds(100));
    ec2.terminateInstances(r -> r.instanceIds(id));
    assertEquals("pending", ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
        .state().nameAsString(), "booting as of 90 s ago, though terminating now");
  }
}
