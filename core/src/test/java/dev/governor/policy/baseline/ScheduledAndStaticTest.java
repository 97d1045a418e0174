package dev.governor.policy.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.policy.baseline.ScheduledCapacity.Rule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduledAndStaticTest {
  static final List<Rule> RULES = List.of(
      Rule.weekdays(LocalTime.of(8, 0), LocalTime.of(20, 0), 10),
      new Rule(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0), 4),
      Rule.every(LocalTime.of(6, 0), LocalTime.of(8, 0), 3));

  private static int at(String utc) {
    return ScheduledCapacity.capacityAt(Instant.parse(utc), RULES, 1, ZoneOffset.UTC).capacity();
  }

  @Test
  void aRulesDaysAreInWeekOrderSoItsReasonReadsTheSameEveryRun() {
    Rule r = new Rule(Set.of(DayOfWeek.SUNDAY, DayOfWeek.FRIDAY, DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY),
        LocalTime.of(8, 0), LocalTime.of(9, 0), 3);
    assertEquals(List.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY, DayOfWeek.SUNDAY), List.copyOf(r.days()));
    assertThrows(UnsupportedOperationException.class, () -> r.days().add(DayOfWeek.TUESDAY));
  }

  @Test
  void firstMatchingRuleWinsElseDefault() {
    assertEquals(10, at("2024-01-01T08:00:00Z")); // Monday, start inclusive
    assertEquals(1, at("2024-01-01T20:00:00Z")); // end exclusive
    assertEquals(3, at("2024-01-06T07:00:00Z")); // Saturday 07:00
    assertEquals(1, at("2024-01-06T12:00:00Z")); // Saturday noon: default
  }

  @Test
  void rulesRunPastMidnight() {
    assertEquals(4, at("2024-01-05T23:00:00Z")); // Friday 23:00
    assertEquals(4, at("2024-01-06T05:59:00Z")); // Saturday 05:59, started Friday
    assertEquals(1, at("2024-01-04T23:00:00Z")); // Thursday 23:00
  }

  @Test
  void rulesAreInTheirZone() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    // 07:30 UTC in January is 08:30 in Paris
    assertEquals(10, ScheduledCapacity.capacityAt(Instant.parse("2024-01-01T07:30:00Z"), RULES, 1, paris).capacity());
  }

  @Test
  void policyExplainsTheRule() {
    ScheduledPolicy p = new ScheduledPolicy(new ScheduledPolicy.Config("scheduled", RULES, 1, null));
    var proposal = p.propose(Ctx.at(Instant.parse("2024-01-01T09:00:00Z")).running(2).build());
    assertEquals(10, proposal.desired());
    assertTrue(proposal.reasons().get(0).message().contains("rule 1"), proposal.reasons().toString());
    assertEquals(Set.of(), p.requiredSignals(List.of(Ctx.UPLOADS)));
  }

  @Test
  void staticIsFixed() {
    StaticPolicy s = new StaticPolicy(7);
    assertEquals(7, s.propose(Ctx.atMinute(0).running(2).visible(10_000).build()).desired());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StaticPolicy(-1));
    assertEquals("instances must be >= 0, but was -1", e.getMessage());
  }
}
