package dev.governor.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Configs are immutable, validated at once, and their errors name the field, the rule and the value. */
class ConfigTest {
  private static void rejects(String message, Executable e) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
  }

  @Test
  void seasonalDefaultsAndBuilder() {
    SeasonalProfilePredictor.Config d = SeasonalProfilePredictor.Config.ofDefaults();
    assertEquals(SeasonalProfilePredictor.Config.DEFAULT_BUCKET, d.bucket());
    assertEquals(SeasonalProfilePredictor.Config.DEFAULT_DAILY_ALPHA, d.dailyAlpha());
    assertEquals(SeasonalProfilePredictor.Config.DEFAULT_WEEKLY_ALPHA, d.weeklyAlpha());
    assertEquals(ZoneOffset.UTC, d.zone());
    assertEquals(d, SeasonalProfilePredictor.Config.custom().build());
    SeasonalProfilePredictor.Config c = SeasonalProfilePredictor.Config.custom()
        .bucket(Duration.ofMinutes(30)).dailyAlpha(0.5).weeklyAlpha(1).zone(ZoneId.of("Europe/Paris")).build();
    assertEquals(new SeasonalProfilePredictor.Config(Duration.ofMinutes(30), 0.5, 1, ZoneId.of("Europe/Paris")), c);
    assertEquals(c, SeasonalProfilePredictor.Config.from(c).build());
    assertEquals(0.25, SeasonalProfilePredictor.Config.from(c).dailyAlpha(0.25).build().dailyAlpha());
  }

  @Test
  void seasonalRejectsBadValues() {
    var b = SeasonalProfilePredictor.Config.custom();
    rejects("dailyAlpha must be in (0, 1], but was 1.5", () -> b.dailyAlpha(1.5));
    rejects("dailyAlpha must be in (0, 1], but was 0.0", () -> b.dailyAlpha(0));
    rejects("weeklyAlpha must be in (0, 1], but was NaN", () -> b.weeklyAlpha(Double.NaN));
    rejects("bucket must be between PT1M and PT24H and divide one day evenly, but was PT7M", () -> b.bucket(Duration.ofMinutes(7)));
    rejects("bucket must be between PT1M and PT24H and divide one day evenly, but was PT30S", () -> b.bucket(Duration.ofSeconds(30)));
    rejects("bucket must be between PT1M and PT24H and divide one day evenly, but was PT48H", () -> b.bucket(Duration.ofDays(2)));
    rejects("bucket must be between PT1M and PT24H and divide one day evenly, but was PT-15M", () -> b.bucket(Duration.ofMinutes(-15)));
    rejects("weeklyAlpha must be in (0, 1], but was -0.1",
        () -> new SeasonalProfilePredictor.Config(Duration.ofMinutes(15), 0.1, -0.1, ZoneOffset.UTC));
    assertThrows(NullPointerException.class, () -> b.zone(null));
    assertThrows(NullPointerException.class, () -> b.bucket(null));
    // a rejected setter leaves the builder as it was
    assertEquals(SeasonalProfilePredictor.Config.ofDefaults(), b.build());
  }

  @Test
  void holtWintersDefaultsAndBuilder() {
    HoltWintersPredictor.Config d = HoltWintersPredictor.Config.ofDefaults();
    assertEquals(new HoltWintersPredictor.Config(HoltWintersPredictor.Config.DEFAULT_STEP, HoltWintersPredictor.Config.DEFAULT_ALPHA,
        HoltWintersPredictor.Config.DEFAULT_BETA, HoltWintersPredictor.Config.DEFAULT_GAMMA, HoltWintersPredictor.Config.DEFAULT_DELTA,
        HoltWintersPredictor.Config.DEFAULT_PHI, HoltWintersPredictor.Config.DEFAULT_ERROR_ALPHA, HoltWintersPredictor.Config.DEFAULT_ZONE), d);
    HoltWintersPredictor.Config c = HoltWintersPredictor.Config.custom().step(Duration.ofHours(1)).alpha(0.5).beta(0).gamma(0)
        .delta(1).phi(1).errorAlpha(0.1).zone(ZoneOffset.ofHours(2)).build();
    assertEquals(new HoltWintersPredictor.Config(Duration.ofHours(1), 0.5, 0, 0, 1, 1, 0.1, ZoneOffset.ofHours(2)), c);
    assertEquals(c, HoltWintersPredictor.Config.from(c).build());
  }

  @Test
  void holtWintersRejectsBadValues() {
    var b = HoltWintersPredictor.Config.custom();
    rejects("alpha must be in (0, 1], but was 1.5", () -> b.alpha(1.5));
    rejects("alpha must be in (0, 1], but was 0.0", () -> b.alpha(0));
    rejects("beta must be in [0, 1], but was -0.01", () -> b.beta(-0.01));
    rejects("gamma must be in [0, 1], but was 2.0", () -> b.gamma(2));
    rejects("delta must be in [0, 1], but was Infinity", () -> b.delta(Double.POSITIVE_INFINITY));
    rejects("phi must be in (0, 1], but was 0.0", () -> b.phi(0));
    rejects("phi must be in (0, 1], but was 1.01", () -> b.phi(1.01));
    rejects("errorAlpha must be in (0, 1], but was 0.0", () -> b.errorAlpha(0));
    rejects("step must be between PT1M and PT24H and divide one day evenly, but was PT11M", () -> b.step(Duration.ofMinutes(11)));
    rejects("phi must be in (0, 1], but was 3.0",
        () -> new HoltWintersPredictor.Config(Duration.ofMinutes(15), 0.1, 0.1, 0.1, 0.1, 3, 0.1, ZoneOffset.UTC));
  }

  @Test
  void ewmaTrendDefaultsAndBuilder() {
    EwmaTrendPredictor.Config d = EwmaTrendPredictor.Config.ofDefaults();
    assertEquals(new EwmaTrendPredictor.Config(EwmaTrendPredictor.Config.DEFAULT_ALPHA, EwmaTrendPredictor.Config.DEFAULT_BETA,
        EwmaTrendPredictor.Config.DEFAULT_INTERVAL, EwmaTrendPredictor.Config.DEFAULT_ERROR_ALPHA), d);
    EwmaTrendPredictor.Config c = EwmaTrendPredictor.Config.custom().alpha(1).beta(0).interval(Duration.ofSeconds(10))
        .errorAlpha(1).build();
    assertEquals(new EwmaTrendPredictor.Config(1, 0, Duration.ofSeconds(10), 1), c);
    assertEquals(c, EwmaTrendPredictor.Config.from(c).build());
  }

  @Test
  void ewmaTrendRejectsBadValues() {
    var b = EwmaTrendPredictor.Config.custom();
    rejects("alpha must be in (0, 1], but was 1.5", () -> b.alpha(1.5));
    rejects("beta must be in [0, 1], but was 1.1", () -> b.beta(1.1));
    rejects("errorAlpha must be in (0, 1], but was -1.0", () -> b.errorAlpha(-1));
    rejects("interval must be between PT0.001S and PT8760H, but was PT0S", () -> b.interval(Duration.ZERO));
    rejects("interval must be between PT0.001S and PT8760H, but was PT-1S", () -> b.interval(Duration.ofSeconds(-1)));
    rejects("interval must be between PT0.001S and PT8760H, but was PT0.0000001S", () -> b.interval(Duration.ofNanos(100)));
    rejects("interval must be between PT0.001S and PT8760H, but was PT2562047788015215H30M7S",
        () -> b.interval(Duration.ofSeconds(Long.MAX_VALUE)));
  }

  @Test
  void ensembleDefaultsAndBuilder() {
    EnsemblePredictor.Config d = EnsemblePredictor.Config.ofDefaults();
    assertEquals(new EnsemblePredictor.Config(EnsemblePredictor.Config.DEFAULT_ERROR_ALPHA, EnsemblePredictor.Config.DEFAULT_POWER,
        EnsemblePredictor.Config.DEFAULT_EPSILON), d);
    EnsemblePredictor.Config c = EnsemblePredictor.Config.custom().errorAlpha(0.5).power(1).epsilon(1e-3).build();
    assertEquals(new EnsemblePredictor.Config(0.5, 1, 1e-3), c);
    assertEquals(c, EnsemblePredictor.Config.from(c).build());
  }

  @Test
  void ensembleRejectsBadValues() {
    var b = EnsemblePredictor.Config.custom();
    rejects("errorAlpha must be in (0, 1], but was 0.0", () -> b.errorAlpha(0));
    rejects("power must be finite and > 0, but was 0.0", () -> b.power(0));
    rejects("power must be finite and > 0, but was Infinity", () -> b.power(Double.POSITIVE_INFINITY));
    rejects("epsilon must be finite and > 0, but was -1.0E-9", () -> b.epsilon(-1e-9));
    rejects("members must not be empty, but was []", () -> new EnsemblePredictor(java.util.List.of()));
    EwmaTrendPredictor same = new EwmaTrendPredictor();
    rejects("members must be distinct instances, but members[0] and members[1] are the same ewma-trend",
        () -> new EnsemblePredictor(java.util.List.of(same, same)));
  }
}
