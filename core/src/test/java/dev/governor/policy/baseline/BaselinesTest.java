package dev.governor.policy.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.policy.Proposal;
import dev.governor.policy.ScalingPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  static final Baselines.Params PARAMS = new Baselines.Params(1, Duration.ofMillis(100), Duration.ofSeconds(10), 0, 50,
      Duration.ofSeconds(60), List.of(Ctx.UPLOADS));

  @Test
  void namesAreStable() {
    assertEquals(List.of("target-tracking", "step", "hpa", "keda-sqs", "aws-predictive", "static", "scheduled"),
        Baselines.names());
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Baselines.create("oracle", PARAMS));
    assertEquals("unknown baseline 'oracle'; known baselines: [target-tracking, step, hpa, keda-sqs, aws-predictive, "
        + "static, scheduled]", e.getMessage());
  }

  @Test
  void targetBacklogIsDeadlineOverServiceTimesSlots() {
    assertEquals(100, PARAMS.targetBacklogPerInstance(), 1e-9);
    Baselines.Params four = new Baselines.Params(4, Duration.ofSeconds(2), Duration.ofSeconds(60), 0, 10,
        Duration.ofSeconds(60), List.of(Ctx.UPLOADS));
    assertEquals(120, four.targetBacklogPerInstance(), 1e-9);
    assertEquals(100, Baselines.Params.forJobClasses(List.of(Ctx.UPLOADS), 1, 0, 5, Duration.ofSeconds(60))
        .targetBacklogPerInstance(), 1e-9);
  }

  @Test
  void mappingsUseTheCommonTarget() {
    assertEquals(1, Baselines.targetTracking(PARAMS).minCapacity()); // cannot scale out from 0
    assertEquals(100, Baselines.targetTracking(PARAMS).metrics().get(0).targetValue(), 1e-9);
    assertEquals(100, Baselines.keda(PARAMS).queueLength());
    assertEquals(0, Baselines.keda(PARAMS).minReplicaCount());
    assertEquals(1, Baselines.hpa(PARAMS).minReplicas());
    assertEquals(0.8, Baselines.predictive(PARAMS).targetLoadPerInstance(), 1e-9);
  }

  @Test
  void everyBaselineProposesWithReasonsAndListsItsSignals() {
    for (String name : Baselines.names()) {
      ScalingPolicy p = Baselines.create(name, PARAMS);
      assertEquals(name, p.name());
      Proposal pr = p.propose(Ctx.atMinute(0).running(10).visible(1500).inflight(0).arrivals(5).build());
      assertFalse(pr.reasons().isEmpty(), name);
      assertTrue(pr.desired() >= 0 && pr.desired() <= 50, name + " → " + pr.desired());
      p.requiredSignals(List.of(Ctx.UPLOADS));
    }
    assertTrue(Baselines.create("keda-sqs", PARAMS).requiredSignals(List.of(Ctx.UPLOADS))
        .contains("queue.uploads.inflight"));
    assertTrue(Baselines.create("aws-predictive", PARAMS).requiredSignals(List.of(Ctx.UPLOADS))
        .contains("queue.uploads.arrivals_per_s"));
  }

  @Test
  void eachCreateIsAFreshPolicy() {
    assertFalse(Baselines.create("hpa", PARAMS) == Baselines.create("hpa", PARAMS));
  }

  @Test
  void paramsValidation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Baselines.Params(0,
        Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 1, Duration.ofSeconds(60), List.of(Ctx.UPLOADS)));
    assertEquals("slotsPerInstance must be >= 1, but was 0", e.getMessage());
  }
}
