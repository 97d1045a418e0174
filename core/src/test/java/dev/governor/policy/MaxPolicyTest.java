package dev.governor.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.Fixtures;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.JobClass;
import dev.governor.signal.Freshness;
import dev.governor.signal.Snapshot;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaxPolicyTest {
  static ScalingPolicy fixed(String name, int n, String signal) {
    return new ScalingPolicy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Proposal propose(PolicyContext context) {
        return Proposal.of(n, Reason.of(name, "fixed " + n));
      }

      @Override
      public Set<String> requiredSignals(Collection<JobClass> jobClasses) {
        return Set.of(signal);
      }
    };
  }

  @Test
  void theLargestProposalWinsAndEveryMemberIsExplained() {
    ScalingPolicy p = ScalingPolicy.maxOf("combined", fixed("a", 3, "x"), fixed("b", 7, "y"), fixed("c", 5, "x"));
    PolicyContext ctx = new PolicyContext(Fixtures.T0, Duration.ofMinutes(1),
        Snapshot.empty(Fixtures.T0, Freshness.ofDefaults()), null, Fleet.empty(), List.of(Fixtures.UPLOADS), Map.of(),
        Map.of(), Fixtures.TYPE);
    Proposal pr = p.propose(ctx);
    assertEquals(7, pr.desired());
    assertTrue(pr.reasons().get(0).message().contains("b wins with 7"));
    assertEquals(Set.of("x", "y"), p.requiredSignals(List.of(Fixtures.UPLOADS)));
  }
}
