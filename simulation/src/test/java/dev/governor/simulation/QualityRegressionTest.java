package dev.governor.simulation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.fleet.BillingModel;
import dev.governor.simulation.trace.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Governor at its defaults on two-day windows of every bundled trace, in the bench's three tiers,
 * against committed numbers: the test fails when SLO attainment drops more than 0.2 points below, or
 * the cost ÷ lower bound rises more than 3 % above, what this commit measured. (Each window warms up
 * on the 14 days before it, as every replay window does.) When a change makes Governor better,
 * commit the new numbers with it; the full comparison is {@code governor-sim bench}.
 */
class QualityRegressionTest {
  private record Window(String trace, double scale, String from, String until) {}

  private record Tier(String name, Duration deadline, BillingModel billing) {}

  private record Expected(Window w, Tier t, double slo, double costRatio) {}

  private static final Window NASA = new Window("nasa_http_jul1995_1min.csv", 2, "1995-07-18T00:00:00Z",
      "1995-07-20T00:00:00Z");
  private static final Window ELB = new Window("nab_aws_elb_requests_2014_5min.csv", 6, "2014-04-18T00:00:00Z",
      "2014-04-20T00:00:00Z");
  private static final Window AAPL = new Window("nab_twitter_aapl_2015_5min.csv", 1, "2015-04-01T00:00:00Z",
      "2015-04-03T00:00:00Z");
  private static final Window WIKI = new Window("wikipedia_en_2012_1h.csv", 0.001, "2012-02-20T00:00:00Z",
      "2012-02-22T00:00:00Z");
  private static final Tier RELAXED = new Tier("relaxed", Duration.ofSeconds(300), BillingModel.PER_SECOND);
  private static final Tier TIGHT = new Tier("tight", Duration.ofSeconds(60), BillingModel.PER_SECOND);
  private static final Tier PER_HOUR = new Tier("per-hour", Duration.ofSeconds(300), BillingModel.PER_HOUR);

  /** Measured with this commit: {@code governor-sim run --trace T --scale S --from F --until U [tier flags]}. */
  private static final List<Expected> COMMITTED = List.of(
      new Expected(NASA, RELAXED, 1.0, 1.0401),
      new Expected(NASA, TIGHT, 0.993743, 1.3186),
      new Expected(NASA, PER_HOUR, 1.0, 1.1109),
      new Expected(ELB, RELAXED, 1.0, 1.2722),
      new Expected(ELB, TIGHT, 0.985224, 4.0975),
      new Expected(ELB, PER_HOUR, 1.0, 2.0192),
      new Expected(AAPL, RELAXED, 0.998863, 1.1572),
      new Expected(AAPL, TIGHT, 0.941752, 4.7625),
      new Expected(AAPL, PER_HOUR, 0.999304, 2.1406),
      new Expected(WIKI, RELAXED, 1.0, 1.0029),
      new Expected(WIKI, TIGHT, 0.996621, 1.0261),
      new Expected(WIKI, PER_HOUR, 1.0, 1.0099));

  static final double SLO_SLACK = 0.002;
  static final double COST_SLACK = 1.03;

  @Test
  void governorsDefaultsHoldTheirCommittedSloAndCostOnEveryTraceAndTier() {
    List<String> worse = new ArrayList<>();
    for (Expected e : COMMITTED) {
      Scenario sc = Scenario.standard().withScale(e.w().scale()).withDeadline(e.t().deadline())
          .withBilling(e.t().billing()).withWindow(Instant.parse(e.w().from()), Instant.parse(e.w().until()));
      SimulationReport r = Simulation.of(Trace.bundled(e.w().trace()), sc).run("governor");
      String where = e.w().trace() + " " + e.t().name();
      if (r.sloAttainment() < e.slo() - SLO_SLACK) {
        worse.add(where + ": SLO " + r.sloAttainment() + " < committed " + e.slo());
      }
      if (r.costRatio() > e.costRatio() * COST_SLACK) {
        worse.add(where + ": cost ÷ bound " + r.costRatio() + " > committed " + e.costRatio());
      }
    }
    assertTrue(worse.isEmpty(), () -> String.join("\n", worse));
  }
}
