package dev.governor.simulation;

import dev.governor.policy.baseline.StaticPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.governor.simulation.trace.Synthetic;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The model against closed-form queueing: a static fleet of c slots fed by a Poisson process with
 * exponential service is an M/M/c queue, whose waiting time has
 * P(W > t) = C(c, a) · e^{−(cμ − λ) t} with C the Erlang-C probability of waiting.
 */
class ErlangCTest {
  /** Erlang C: probability that an arrival waits, offered load a = λ/μ, c servers. */
  static double erlangC(int c, double a) {
    double term = 1;
    double sum = 1;
    for (int k = 1; k < c; k++) {
      term *= a / k;
      sum += term;
    }
    double last = term * a / c;
    double top = last * c / (c - a);
    return top / (sum + top);
  }

  @Test
  void staticFleetWithPoissonArrivalsAndExponentialServiceIsMmc() {
    int c = 10;
    double mu = 1.0;
    double lambda = 8.0;
    double t = 0.5;
    Scenario sc = Scenario.standard().withServiceTime(Duration.ofSeconds(1))
        .withServiceDistribution(ServiceDistribution.EXPONENTIAL).withSlots(1).withBounds(0, 100)
        .withDeadline(Duration.ofMillis(500)).withSeed(11);
    Instant t0 = Instant.parse("2026-01-05T00:00:00Z");
    SimulationReport r = Simulation.of(Synthetic.poisson("mmc", t0, Duration.ofHours(10), Duration.ofMinutes(1), lambda, 5), sc)
        .run(PolicySetup.of(new StaticPolicy(c)).withBoundsOnly().withInitialInstances(c));

    double waitProbability = erlangC(c, lambda / mu);
    assertEquals(0.409, waitProbability, 0.001);
    double expectedWithinDeadline = 1 - waitProbability * Math.exp(-(c * mu - lambda) * t);
    assertEquals(expectedWithinDeadline, r.sloAttainment(), 0.01, "P(W <= 0.5 s)");
    double p99 = Math.log(waitProbability / 0.01) / (c * mu - lambda);
    assertEquals(p99, r.waitP99Seconds(), 0.05 * p99, "99th percentile wait");
    assertEquals(0, r.waitP50Seconds(), 1e-9, "most jobs do not wait at all");
    assertEquals(lambda / (c * mu), r.utilization(), 0.01, "utilisation ρ");
    assertEquals(288_000, r.jobs(), 2_500);
  }
}
