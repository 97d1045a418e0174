package dev.governor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import dev.governor.predict.Forecast;
import dev.governor.predict.Predictor;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/** CloudWatch sources over a recording Mockito client (the SDK's CloudWatch protocol is not Query/XML any more). */
class CloudWatchTest {
  static final Instant NOW = Instant.parse("2026-05-01T12:00:30Z");

  /** A client whose GetMetricData answers each query by {@code answer}, recording the requests. */
  static CloudWatchClient client(List<GetMetricDataRequest> seen, Function<MetricDataQuery, MetricDataResult> answer) {
    CloudWatchClient cw = mock(CloudWatchClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    doAnswer(inv -> {
      GetMetricDataRequest req = inv.getArgument(0);
      seen.add(req);
      List<MetricDataResult> rs = new ArrayList<>();
      for (MetricDataQuery q : req.metricDataQueries()) {
        rs.add(answer.apply(q).toBuilder().id(q.id()).build());
      }
      return GetMetricDataResponse.builder().metricDataResults(rs).build();
    }).when(cw).getMetricData(any(GetMetricDataRequest.class));
    return cw;
  }

  static MetricDataResult points(List<Instant> ts, List<Double> vs) {
    return MetricDataResult.builder().timestamps(ts).values(vs).build();
  }

  @Test
  void manyMetricsAreReadInBatchesOf500AndTheNewestPointWins() {
    List<GetMetricDataRequest> seen = new ArrayList<>();
    Instant t1 = Instant.parse("2026-05-01T11:58:00Z");
    Instant t2 = Instant.parse("2026-05-01T11:59:00Z");
    CloudWatchClient cw = client(seen, q -> points(List.of(t2, t1), List.of(2.0, 1.0)));
    CloudWatchSignalSource.Builder b = CloudWatchSignalSource.builder(cw);
    for (int k = 0; k < 650; k++) {
      b.metric("custom.m" + k, CloudWatchMetric.of("App", "Metric" + k, Map.of("Env", "prod"), "Average", Duration.ofMinutes(1)));
    }
    Map<String, Reading> r = b.build().read(NOW).stream().collect(Collectors.toMap(Reading::name, x -> x));
    assertEquals(2, seen.size(), "650 metrics, two calls");
    assertEquals(500, seen.get(0).metricDataQueries().size());
    assertEquals(650, r.size());
    assertEquals(2.0, r.get("custom.m649").value());
    assertEquals(t2.plusSeconds(60), r.get("custom.m649").observedAt(), "observed when its minute was complete");
  }

  @Test
  void invalidValuesAreRejectedAndMissingMetricsAreAbsent() {
    Instant t = Instant.parse("2026-05-01T11:59:00Z");
    CloudWatchClient cw = client(new ArrayList<>(), q -> switch (q.metricStat().metric().metricName()) {
      case "Nan" -> points(List.of(t), List.of(Double.NaN));
      case "Negative" -> points(List.of(t), List.of(-1.0));
      case "Empty" -> points(List.of(), List.of());
      default -> points(List.of(t), List.of(42.0));
    });
    var src = CloudWatchSignalSource.builder(cw)
        .metric("a", CloudWatchMetric.of("App", "Nan", Map.of(), "Sum", Duration.ofMinutes(1)))
        .metric("b", CloudWatchMetric.of("App", "Negative", Map.of(), "Sum", Duration.ofMinutes(1)))
        .metric("c", CloudWatchMetric.of("App", "Empty", Map.of(), "Sum", Duration.ofMinutes(1)))
        .metric("d", CloudWatchMetric.of("App", "Good", Map.of(), "Sum", Duration.ofMinutes(1)))
        .build();
    List<String> names = src.read(NOW).stream().map(Reading::name).toList();
    assertEquals(List.of("d"), names);
  }

  @Test
  void sqsHelpersUseTheRightMetricsAndScale() {
    Instant t = Instant.parse("2026-05-01T11:59:00Z");
    CloudWatchClient cw = client(new ArrayList<>(), q -> points(List.of(t),
        List.of(q.metricStat().metric().metricName().equals("NumberOfMessagesSent") ? 120.0 : 95.0)));
    var r = CloudWatchSignalSource.builder(cw).sqsArrivals("uploads", "uploads-q").sqsOldestMessageAge("uploads", "uploads-q")
        .build().read(NOW).stream().collect(Collectors.toMap(Reading::name, Reading::value));
    assertEquals(2.0, r.get(SignalNames.arrivals("uploads")), 1e-9, "120 per minute = 2 per second");
    assertEquals(95.0, r.get(SignalNames.oldestAge("uploads")));
  }

  @Test
  void resultsAreCachedForTheTtlAndErrorsKeepThePreviousReadings() {
    List<GetMetricDataRequest> seen = new ArrayList<>();
    Instant t = Instant.parse("2026-05-01T11:59:00Z");
    int[] calls = {0};
    CloudWatchClient cw = client(seen, q -> {
      if (calls[0]++ == 1) {
        throw CloudWatchException.builder().statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").errorMessage("Rate exceeded").build()).build();
      }
      return points(List.of(t), List.of(1.0));
    });
    var src = CloudWatchSignalSource.builder(cw).metric("x", CloudWatchMetric.of("A", "B", Map.of(), "Sum", Duration.ofMinutes(1)))
        .cacheTtl(Duration.ofSeconds(60)).build();
    src.read(NOW);
    src.read(NOW.plusSeconds(30));
    assertEquals(1, seen.size(), "cached");
    assertEquals(1, src.read(NOW.plusSeconds(61)).size(), "failed call: previous readings");
    assertEquals(2, seen.size());
  }

  /** Issue #10 item 2: after a step back the cache stayed frozen for the size of the step. */
  @Test
  void aClockStepEitherWayRefreshesAndNothingIsReportedFromTheFuture() {
    List<GetMetricDataRequest> seen = new ArrayList<>();
    CloudWatchClient cw = mock(CloudWatchClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    doAnswer(inv -> {
      GetMetricDataRequest req = inv.getArgument(0);
      seen.add(req);
      // Like CloudWatch: the newest complete minute before the request's end time.
      Instant t = req.endTime().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusSeconds(60);
      return GetMetricDataResponse.builder().metricDataResults(req.metricDataQueries().stream()
          .map(q -> points(List.of(t), List.of((double) seen.size())).toBuilder().id(q.id()).build()).toList()).build();
    }).when(cw).getMetricData(any(GetMetricDataRequest.class));
    var src = CloudWatchSignalSource.builder(cw).metric("x", CloudWatchMetric.of("A", "B", Map.of(), "Sum", Duration.ofMinutes(1)))
        .cacheTtl(Duration.ofSeconds(60)).build();
    src.read(NOW);
    Instant back = NOW.minus(Duration.ofHours(1));
    List<Reading> r = List.copyOf(src.read(back));
    assertEquals(2, seen.size(), "a step back refreshes at once");
    assertEquals(2.0, r.get(0).value());
    assertFalse(r.get(0).observedAt().isAfter(back), r.toString());
    src.read(back.plusSeconds(30));
    assertEquals(2, seen.size(), "then caches for the TTL again");
    Instant ahead = back.plus(Duration.ofHours(3));
    assertEquals(3.0, List.copyOf(src.read(ahead)).get(0).value(), "a step forward refreshes");
    src.read(ahead.plusSeconds(30));
    assertEquals(3, seen.size(), "and caches again");
  }

  @Test
  void accessDeniedNamesThePermission() {
    CloudWatchClient cw = client(new ArrayList<>(), q -> {
      throw CloudWatchException.builder().statusCode(403)
          .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("no").build()).build();
    });
    var src = CloudWatchSignalSource.builder(cw).metric("x", CloudWatchMetric.of("A", "B", Map.of(), "Sum", Duration.ofMinutes(1))).build();
    assertEquals("cloudwatch:GetMetricData", assertThrows(MissingPermissionException.class, () -> src.read(NOW)).permission());
  }

  @Test
  void warmStartFeedsTheHistoryOldestFirstAtTheEndOfEachPeriod() {
    List<GetMetricDataRequest> seen = new ArrayList<>();
    Instant a = Instant.parse("2026-04-17T12:00:00Z");
    Instant b = a.plus(Duration.ofMinutes(5));
    CloudWatchClient cw = client(seen, q -> points(List.of(b, a), List.of(600.0, 300.0)));
    List<Map.Entry<Instant, Double>> learnt = new ArrayList<>();
    Predictor p = new Predictor() {
      @Override
      public String name() {
        return "recording";
      }

      @Override
      public void observe(Instant t, double value) {
        learnt.add(Map.entry(t, value));
      }

      @Override
      public Optional<Forecast> forecast(Instant now, Duration horizon) {
        return Optional.empty();
      }

      @Override
      public String saveState() {
        return "";
      }

      @Override
      public void restoreState(String state) {}
    };
    int n = CloudWatchHistory.warmStart(p, cw, CloudWatchMetric.sqsArrivalsPerSecond("uploads", Duration.ofMinutes(5)), NOW,
        Duration.ofDays(14));
    assertEquals(2, n);
    assertEquals(List.of(Map.entry(a.plus(Duration.ofMinutes(5)), 1.0), Map.entry(b.plus(Duration.ofMinutes(5)), 2.0)), learnt);
    assertEquals(NOW.minus(Duration.ofDays(14)), seen.get(0).startTime());
    assertEquals(300, seen.get(0).metricDataQueries().get(0).metricStat().period());
  }

  @Test
  void cloudWatchCompletionsSumDeletionsOverWholeMinutes() {
    List<GetMetricDataRequest> seen = new ArrayList<>();
    CloudWatchClient cw = client(seen, q -> points(List.of(NOW, NOW), List.of(3.0, 4.0)));
    var c = new CloudWatchCompletions(cw, Map.of("uploads", "uploads-q"));
    assertEquals(7.0, c.completed("uploads", NOW.minusSeconds(120), NOW).getAsDouble());
    assertEquals("NumberOfMessagesDeleted", seen.get(0).metricDataQueries().get(0).metricStat().metric().metricName());
    assertEquals(Instant.parse("2026-05-01T11:58:00Z"), seen.get(0).startTime());
    assertFalse(c.completed("unknown", NOW.minusSeconds(120), NOW).isPresent());
    assertTrue(c.lag().compareTo(Duration.ZERO) > 0);
  }

  @Test
  void metricValidationNamesTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CloudWatchMetric.of("A", "B", Map.of(), "Sum", Duration.ofSeconds(45)));
    assertEquals("period must be 1, 5, 10, 30 s or a multiple of 60 s, but was PT45S", e.getMessage());
  }
}
