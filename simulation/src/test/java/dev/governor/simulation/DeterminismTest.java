package dev.governor.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.governor.simulation.trace.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
  static final Trace ELB = Trace.bundled("nab_aws_elb_requests_2014_5min.csv");

  static Scenario faulty(long seed) {
    return Scenario.standard().withScale(0.5).withSeed(seed)
        .withFaults(new Faults(0.05, 0.1, 0.05, 4, Duration.ofMinutes(10), 0.05));
  }

  static String json(List<SimulationReport> rs) {
    List<SimulationReport> zeroed = new ArrayList<>();
    for (SimulationReport r : rs) {
      zeroed.add(r.withWallSeconds(0));
    }
    return SimulationReport.toJson(zeroed);
  }

  @Test
  void theSameInputsAndSeedGiveByteIdenticalJsonButWallSeconds() {
    List<String> policies = List.of("governor", "static", "lookahead", "optimal");
    String a = json(Simulation.of(ELB, faulty(42)).compare(policies));
    String b = json(Simulation.of(ELB, faulty(42)).compare(policies));
    assertEquals(a, b);
    assertNotEquals(a, json(Simulation.of(ELB, faulty(43)).compare(policies)), "another seed, other jobs");
  }

  @Test
  void everyPolicySeesTheSameJobs() {
    List<SimulationReport> rs = Simulation.of(ELB, faulty(7)).compare(List.of("governor", "static", "lookahead", "optimal"));
    for (SimulationReport r : rs) {
      assertEquals(rs.get(0).jobs(), r.jobs());
      assertEquals(rs.get(0).lowerBoundInstanceHours(), r.lowerBoundInstanceHours(), 0, "same service times");
      int[] a = new int[r.series().size()];
      int[] b = new int[r.series().size()];
      for (int k = 0; k < a.length; k++) {
        a[k] = rs.get(0).series().arrivals(k);
        b[k] = r.series().arrivals(k);
      }
      assertArrayEquals(a, b, "same arrival times for " + r.policy());
    }
  }

  @Test
  void scaleRoundsRandomlyButKeepsTheExpectedTotal() {
    Simulation sim = Simulation.of(ELB, Scenario.standard().withScale(0.37));
    double expected = sim.summary().expectedJobs();
    long drawn = sim.run("static").jobs();
    assertEquals(expected, drawn, 4 * Math.sqrt(expected));
  }
}
