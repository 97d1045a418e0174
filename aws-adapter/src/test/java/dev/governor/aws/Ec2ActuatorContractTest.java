package dev.governor.aws;

import dev.governor.actuator.Actuator;
import dev.governor.testkit.ActuatorContract;
import dev.governor.aws.fake.FakeAws;
import dev.governor.fleet.InstanceType;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Core's actuator contract, through the real SDK client against the local EC2 endpoint. */
class Ec2ActuatorContractTest extends ActuatorContract {
  static final InstanceType TYPE = InstanceType.of("c7g.large", 4, 0.0725);
  static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-01-04T00:00:00Z"));
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

  @Override
  protected Harness newHarness() {
    aws.reset();
    String foreign = aws.addForeignInstance(TYPE.name(), Map.of("team", "other"));
    Ec2Actuator actuator = Ec2Actuator.builder(ec2).pool("contract").launchTemplateName("workers")
        .instanceType(TYPE).subnets("subnet-a", "subnet-b").build();
    return new Harness() {
      @Override
      public Actuator actuator() {
        return actuator;
      }

      @Override
      public Instant now() {
        return CLOCK.instant();
      }

      @Override
      public void advance(Duration d) {
        CLOCK.advance(d);
      }

      @Override
      public String instanceType() {
        return TYPE.name();
      }

      @Override
      public String foreignInstanceId() {
        return foreign;
      }

      @Override
      public boolean foreignInstanceAlive() {
        return aws.state(foreign).equals("running");
      }

      @Override
      public void setBusy(String instanceId, int busySlots) {
        aws.setTag(instanceId, PoolTags.BUSY, Integer.toString(busySlots));
      }
    };
  }
}
