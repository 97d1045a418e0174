package dev.governor.policy.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.policy.Proposal;
import dev.governor.policy.ScalingPolicy;
import dev.governor.policy.baseline.AwsPredictive.MaxCapacityBreachBehavior;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AwsPredictiveTest {
  static final Instant T0 = Ctx.T0;

  /** {@code hours} hours of load before {@code end}: 40 between 09:00 and 17:00 UTC, 8 otherwise. */
  private static SortedMap<Instant, Double> daily(Instant end, int hours) {
    SortedMap<Instant, Double> m = new TreeMap<>();
    for (int h = hours; h >= 1; h--) {
      Instant t = end.minus(Duration.ofHours(h));
      int hour = t.atZone(java.time.ZoneOffset.UTC).getHour();
      m.put(t, hour >= 9 && hour < 17 ? 40.0 : 8.0);
    }
    return m;
  }

  @Test
  void needsTwentyFourHoursOfHistory() {
    Instant now = T0.plus(Duration.ofDays(3));
    assertFalse(AwsPredictive.enoughHistory(daily(now, 23), now));
    assertTrue(AwsPredictive.forecast(daily(now, 23), now).isEmpty());
    assertTrue(AwsPredictive.enoughHistory(daily(now, 24), now));
    assertEquals(AwsPredictive.FORECAST_HOURS, AwsPredictive.forecast(daily(now, 24), now).size());
  }

  @Test
  void forecastIsTheSameHourOfDayWithoutAWeekOfHistory() {
    Instant now = T0.plus(Duration.ofDays(3)); // Thursday 00:00
    SortedMap<Instant, Double> f = AwsPredictive.forecast(daily(now, 72), now);
    assertEquals(8.0, f.get(now.plus(Duration.ofHours(3))), 1e-9);
    assertEquals(40.0, f.get(now.plus(Duration.ofHours(10))), 1e-9);
    assertEquals(40.0, f.get(now.plus(Duration.ofHours(34))), 1e-9); // tomorrow 10:00
  }

  @Test
  void sameHourOfWeekWinsOnceAWeekIsKnown() {
    Instant now = T0.plus(Duration.ofDays(8)); // Tuesday of the second week
    SortedMap<Instant, Double> h = daily(now, 8 * 24);
    Instant target = now.plus(Duration.ofHours(10));
    h.put(target.minus(Duration.ofDays(7)), 100.0); // last Tuesday 10:00 was a peak
    assertEquals(100.0, AwsPredictive.forecast(h, now).get(target), 1e-9);
  }

  @Test
  void onlyTheLastFourteenDaysCount() {
    Instant now = T0.plus(Duration.ofDays(20));
    SortedMap<Instant, Double> h = daily(now, 20 * 24);
    Instant target = now.plus(Duration.ofHours(10));
    h.put(target.minus(Duration.ofDays(21)), 1000.0); // three weeks ago: outside the window
    assertEquals(40.0, AwsPredictive.forecast(h, now).get(target), 1e-9);
  }

  @Test
  void capacityIsLoadOverTargetRoundedUp() {
    assertEquals(5, AwsPredictive.capacity(40, 8));
    assertEquals(6, AwsPredictive.capacity(41, 8));
  }

  @Test
  void honorMaxCapacityCapsTheForecast() {
    AwsPredictive.Bounded b = AwsPredictive.applyBounds(50, 0, 40, MaxCapacityBreachBehavior.HONOR_MAX_CAPACITY, null);
    assertEquals(40, b.capacity());
    assertEquals(40, b.effectiveMax());
  }

  @Test
  void increaseMaxCapacityUsesTheBuffer() {
    // the API reference: forecast 50, max 40, buffer 10 → effective maximum 55
    AwsPredictive.Bounded b = AwsPredictive.applyBounds(50, 0, 40, MaxCapacityBreachBehavior.INCREASE_MAX_CAPACITY, 10);
    assertEquals(55, b.effectiveMax());
    assertEquals(50, b.capacity());
    // buffer 0: up to the forecast, not beyond
    assertEquals(50, AwsPredictive.applyBounds(50, 0, 40, MaxCapacityBreachBehavior.INCREASE_MAX_CAPACITY, 0)
        .effectiveMax());
  }

  private static AwsPredictivePolicy policy(AwsPredictive.Mode mode, boolean standalone, Instant now) {
    AwsPredictivePolicy p = new AwsPredictivePolicy(AwsPredictiveConfig.custom().mode(mode).targetLoadPerInstance(8)
        .maxCapacity(100).standalone(standalone).build());
    Map<Instant, Double> history = new HashMap<>(daily(AwsPredictive.hourOf(now), 72));
    p.warmStart(history);
    return p;
  }

  @Test
  void schedulingBufferTimeLaunchesFiveMinutesEarly() {
    // Ctx.UPLOADS: 0.1 s per job, so 80 jobs/s is a load of 8
    Instant before = T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(8)).plus(Duration.ofMinutes(54));
    AwsPredictivePolicy p = policy(AwsPredictive.Mode.FORECAST_AND_SCALE, true, before);
    assertEquals(1, p.propose(Ctx.at(before).running(1).arrivals(80).build()).desired());
    // 08:55: the 09:00 hour (load 40 → 5 instances) is launched 300 s ahead
    Proposal p855 = p.propose(Ctx.at(before.plus(Duration.ofMinutes(1))).running(1).arrivals(80).build());
    assertEquals(5, p855.desired());
    assertTrue(p855.reasons().toString().contains("buffer 300 s"), p855.reasons().toString());
  }

  @Test
  void scalesOutOnlyWhenAlone() {
    Instant night = T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(20));
    AwsPredictivePolicy p = policy(AwsPredictive.Mode.FORECAST_AND_SCALE, true, night);
    Proposal r = p.propose(Ctx.at(night).running(5).arrivals(80).build());
    assertEquals(5, r.desired()); // forecast 1, current 5: never scales in
    assertTrue(r.reasons().toString().contains("never scales in"), r.reasons().toString());
  }

  @Test
  void forecastOnlyModeHolds() {
    Instant morning = T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(10));
    AwsPredictivePolicy p = policy(AwsPredictive.Mode.FORECAST_ONLY, true, morning);
    Proposal r = p.propose(Ctx.at(morning).running(1).arrivals(80).build());
    assertEquals(1, r.desired());
    assertTrue(r.reasons().toString().contains("ForecastOnly"), r.reasons().toString());
  }

  @Test
  void withDynamicTheForecastIsAFloorForMax() {
    Instant night = T0.plus(Duration.ofDays(3)).plus(Duration.ofHours(20));
    AwsPredictiveConfig c = AwsPredictiveConfig.custom().mode(AwsPredictive.Mode.FORECAST_AND_SCALE)
        .targetLoadPerInstance(8).maxCapacity(100).build();
    // no history yet: no floor, the dynamic policy decides
    ScalingPolicy combined = AwsPredictivePolicy.withDynamic(c, new StaticPolicy("dynamic", 3));
    assertEquals(3, combined.propose(Ctx.at(night).running(5).arrivals(80).build()).desired());
    // with history: alone it would hold 5; as a floor (1 at night, 5 at 10:00) the larger wins
    AwsPredictivePolicy floor = policy(AwsPredictive.Mode.FORECAST_AND_SCALE, false, night);
    ScalingPolicy max = ScalingPolicy.maxOf("predictive+dynamic", floor, new StaticPolicy("dynamic", 3));
    assertEquals(3, max.propose(Ctx.at(night).running(5).arrivals(80).build()).desired());
    Instant morning = night.plus(Duration.ofHours(14));
    assertEquals(5, max.propose(Ctx.at(morning).running(3).arrivals(80).build()).desired());
  }

  @Test
  void notEnoughDataYetHolds() {
    AwsPredictivePolicy p = new AwsPredictivePolicy(AwsPredictiveConfig.custom().targetLoadPerInstance(8)
        .mode(AwsPredictive.Mode.FORECAST_AND_SCALE).build());
    Proposal r = p.propose(Ctx.atMinute(0).running(2).arrivals(80).build());
    assertEquals(2, r.desired());
    assertTrue(r.reasons().get(0).message().startsWith("not enough data yet"), r.reasons().toString());
  }

  @Test
  void learnsOnlineAndActsAfterADay() {
    AwsPredictivePolicy p = new AwsPredictivePolicy(AwsPredictiveConfig.custom().targetLoadPerInstance(8)
        .mode(AwsPredictive.Mode.FORECAST_AND_SCALE).maxCapacity(100).build());
    int last = 0;
    for (int m = 0; m <= 25 * 60; m += 10) {
      Instant t = T0.plus(Duration.ofMinutes(m));
      int hour = t.atZone(java.time.ZoneOffset.UTC).getHour();
      last = p.propose(Ctx.at(t).running(1).arrivals(hour == 0 ? 400 : 80).build()).desired();
      if (m < 24 * 60) {
        assertEquals(1, last, "minute " + m);
      }
    }
    // day 2, 01:00 hour: yesterday's 01:00 had a load of 8 → 1; at 00:xx it was 40 → 5
    assertEquals(1, last);
    Instant midnight = T0.plus(Duration.ofDays(2)).minus(Duration.ofMinutes(4));
    assertEquals(5, p.propose(Ctx.at(midnight).running(1).arrivals(80).build()).desired());
  }

  @Test
  void configValidation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AwsPredictiveConfig.custom()
        .targetLoadPerInstance(8).maxCapacityBuffer(10).build());
    assertEquals("maxCapacityBuffer must not be set with HONOR_MAX_CAPACITY, but was 10", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AwsPredictiveConfig.custom().targetLoadPerInstance(8)
        .maxCapacityBreachBehavior(MaxCapacityBreachBehavior.INCREASE_MAX_CAPACITY).maxCapacityBuffer(101).build());
    assertEquals("maxCapacityBuffer must be in [0, 100], but was 101", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> AwsPredictiveConfig.custom().targetLoadPerInstance(8)
        .schedulingBufferTime(Duration.ofSeconds(3600)).build());
    assertEquals("schedulingBufferTime must be < 3600s, but was PT1H", e.getMessage());
    assertEquals(AwsPredictive.Mode.FORECAST_ONLY, AwsPredictiveConfig.custom().targetLoadPerInstance(8).build().mode());
  }
}
