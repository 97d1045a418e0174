package dev.governor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.aws.fake.FakeAws;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

class AwsClientsTest {
  @Test
  void theRecommendedClientUsesAdaptiveRetryAndRidesOutThrottling() {
    Instant now = Instant.parse("2026-08-01T00:00:00Z");
    try (FakeAws aws = new FakeAws(() -> now);
        Ec2Client ec2 = AwsClients.recommended(Ec2Client.builder()).endpointOverride(aws.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .build()) {
      assertTrue(ec2.serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow()
          instanceof AdaptiveRetryStrategy, "adaptive retry");
      aws.addForeignInstance("m5.large", Map.of(PoolTags.POOL, "p"));
      aws.throttleNext(1);
      Ec2Actuator a = Ec2Actuator.builder(ec2).pool("p").launchTemplateName("t")
          .instanceType(dev.governor.fleet.InstanceType.of("m5.large", 1, 0.1)).build();
      assertEquals(1, a.fleet(now).running());
      assertEquals(2, aws.count("DescribeInstances"), "throttled once, retried once");
    }
  }
}
