package dev.governor.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeasonalProfilePredictorTest {
  private static final Instant MONDAY = SyntheticSeries.START;

  private static Instant minute(long i) {
    return MONDAY.plusSeconds(60 * i);
  }

  @Test
  void readyOnceTheObservationsSpanOneDay() {
    SeasonalProfilePredictor p = new SeasonalProfilePredictor();
    for (int i = 0; i < 1440; i++) {
      p.observe(minute(i), 10);
      assertEquals(Optional.empty(), p.forecast(minute(i), Duration.ofMinutes(3)), "minute " + i);
    }
    p.observe(minute(1440), 10);
    assertEquals(new Forecast(minute(1443), 10, 10, 10), p.forecast(minute(1440), Duration.ofMinutes(3)).orElseThrow());
  }

  @Test
  void usesTheDailyProfileUntilTheWeeklyBucketHasData() {
    SeasonalProfilePredictor p = new SeasonalProfilePredictor();
    for (int i = 0; i < 2 * 1440 + 1; i++) {
      p.observe(minute(i), i < 1440 ? 100 : 50); // Monday 100, Tuesday 50
    }
    // Wednesday has no weekly data yet: the daily profile averages Monday and Tuesday
    assertEquals(75, p.forecast(minute(2 * 1440), Duration.ofHours(5)).orElseThrow().point(), 1e-9);
  }

  @Test
  void usesTheWeeklyProfileOnceItHasData() {
    SeasonalProfilePredictor p = new SeasonalProfilePredictor();
    for (int i = 0; i <= 7 * 1440; i++) {
      p.observe(minute(i), i < 1440 || i == 7 * 1440 ? 100 : 10); // Mondays busy
    }
    Instant now = minute(7 * 1440);
    assertEquals(100, p.forecast(now, Duration.ofHours(5)).orElseThrow().point(), 1e-9);
    assertEquals(10, p.forecast(now, Duration.ofHours(29)).orElseThrow().point(), 1e-9);
  }

  @Test
  void interpolatesBetweenBucketCentres() {
    SeasonalProfilePredictor p = new SeasonalProfilePredictor();
    for (int i = 0; i <= 1440; i++) {
      p.observe(minute(i), i >= 15 && i < 30 ? 20 : 10); // bucket 00:15-00:30 is 20, the rest 10
    }
    Instant dayTwo = minute(1440);
    assertEquals(20, p.forecast(dayTwo, Duration.ofSeconds(22 * 60 + 30)).orElseThrow().point(), 1e-9); // centre
    assertEquals(15, p.forecast(dayTwo, Duration.ofMinutes(15)).orElseThrow().point(), 1e-9); // edge
    assertEquals(17.5, p.forecast(dayTwo, Duration.ofSeconds(18 * 60 + 45)).orElseThrow().point(), 1e-9);
    assertEquals(15, p.forecast(dayTwo, Duration.ofMinutes(30)).orElseThrow().point(), 1e-9);
  }

  @Test
  void followsTheLocalClockOfItsZone() {
    // Monday starts 10 h earlier in UTC+10; load is high on the local Monday only
    ZoneOffset zone = ZoneOffset.ofHours(10);
    SeasonalProfilePredictor p =
        new SeasonalProfilePredictor(SeasonalProfilePredictor.Config.custom().zone(zone).build());
    Instant localMonday = Instant.parse("2024-01-07T14:00:00Z");
    for (int i = 0; i <= 7 * 1440; i++) {
      p.observe(localMonday.plusSeconds(60L * i), i < 1440 ? 100 : 10);
    }
    Instant nextLocalMonday = localMonday.plus(Duration.ofDays(7));
    assertEquals(100, p.forecast(nextLocalMonday, Duration.ofHours(1)).orElseThrow().point(), 1e-9);
    assertEquals(10, p.forecast(nextLocalMonday, Duration.ofHours(25)).orElseThrow().point(), 1e-9);
  }

  @Test
  void survivesADaylightSavingChange() {
    SeasonalProfilePredictor p =
        new SeasonalProfilePredictor(SeasonalProfilePredictor.Config.custom().zone(ZoneId.of("Europe/Paris")).build());
    Instant start = Instant.parse("2024-03-29T00:00:00Z"); // clocks go forward on 31 March
    for (int i = 0; i < 5 * 1440; i++) {
      p.observe(start.plusSeconds(60L * i), 50 + (i % 1440) / 30.0);
      if (i > 1440) {
        Forecast f = p.forecast(start.plusSeconds(60L * i), Duration.ofMinutes(3)).orElseThrow();
        assertTrue(f.point() >= 40 && f.point() <= 110, f.toString());
      }
    }
  }

  @Test
  void bandComesFromTheResidualSpread() {
    SeasonalProfilePredictor p = new SeasonalProfilePredictor();
    for (int i = 0; i <= 3 * 2880; i++) {
      p.observe(MONDAY.plusSeconds(30L * i), i % 2 == 0 ? 90 : 110); // every bucket's mean is 100, residuals ±10
    }
    Forecast f = p.forecast(minute(3 * 1440), Duration.ofMinutes(3)).orElseThrow();
    assertEquals(100, f.point(), 1e-6);
    assertEquals(Support.Z_90 * 10, f.upper() - f.point(), 1e-6);
    assertEquals(Support.Z_90 * 10, f.point() - f.lower(), 1e-6);
  }

  @Test
  void stateFromAnotherBucketSizeIsRefused() {
    SeasonalProfilePredictor p = new SeasonalProfilePredictor();
    p.observe(MONDAY, 1);
    SeasonalProfilePredictor other =
        new SeasonalProfilePredictor(SeasonalProfilePredictor.Config.custom().bucket(Duration.ofMinutes(30)).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restoreState(p.saveState()));
    assertEquals("seasonal state was saved with bucketMs 900000 but this predictor has 1800000; the saved state cannot be used",
        e.getMessage());
  }
}
