package dev.governor.aws;

import dev.governor.aws.internal.AwsErrors;
import dev.governor.predict.Predictor;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * A metric's history from CloudWatch, for warming a predictor up so it forecasts from the first
 * tick instead of after weeks of learning: for example 14 days of {@code NumberOfMessagesSent}
 * at 5-minute periods (CloudWatch keeps 1-minute data 15 days, 5-minute data 63 days).
 */
public final class CloudWatchHistory {
  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchHistory.class);

  private CloudWatchHistory() {}

  /**
   * The metric's datapoints in {@code [from, to)}, oldest first, scaled. Paginated; values that
   * are not finite and non-negative are skipped (and counted in the log), never passed on.
   *
   * <p>One GetMetricData request ({@code ScanBy=TimestampAscending}), followed through all its
   * pages; needs {@code cloudwatch:GetMetricData}. Nothing is retried here beyond the SDK's own
   * retries, and nothing failed is swallowed.
   *
   * @param cw the CloudWatch client to call
   * @param metric the metric statistic to read; each value is multiplied by its scale
   * @param from start of the history (inclusive)
   * @param to end of the history (exclusive)
   * @return one entry per datapoint: the start of its period (CloudWatch's timestamp) and its scaled
   *     value, oldest first, one per timestamp
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code from} is not before {@code to}
   * @throws MissingPermissionException if CloudWatch refuses the call for lack of permission
   * @throws SdkException if the call fails otherwise (throttling left after the SDK's retries, a
   *     bad metric, the network)
   */
  public static List<Map.Entry<Instant, Double>> fetch(CloudWatchClient cw, CloudWatchMetric metric, Instant from,
      Instant to) {
    Objects.requireNonNull(cw, "cloudWatch");
    Objects.requireNonNull(metric, "metric");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to, but was " + from + " / " + to);
    }
    GetMetricDataRequest req = GetMetricDataRequest.builder().metricDataQueries(metric.query("h"))
        .startTime(from).endTime(to).scanBy(ScanBy.TIMESTAMP_ASCENDING).build();
    TreeMap<Instant, Double> points = new TreeMap<>();
    int rejected = 0;
    try {
      for (GetMetricDataResponse page : cw.getMetricDataPaginator(req)) {
        for (MetricDataResult r : page.metricDataResults()) {
          for (int k = 0; k < Math.min(r.timestamps().size(), r.values().size()); k++) {
            double v = r.values().get(k) * metric.scale();
            if (!Double.isFinite(v) || v < 0) {
              rejected++;
              continue;
            }
            points.put(r.timestamps().get(k), v);
          }
        }
      }
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "cloudwatch:GetMetricData");
      throw e;
    }
    if (rejected > 0) {
      LOG.warn("{} datapoints of {}/{} were not finite and non-negative and were skipped", rejected, metric.namespace(),
          metric.name());
    }
    List<Map.Entry<Instant, Double>> out = new ArrayList<>(points.size());
    points.forEach((t, v) -> out.add(new AbstractMap.SimpleImmutableEntry<>(t, v)));
    return out;
  }

  /**
   * Warms {@code predictor} with the last {@code span} of {@code metric} before {@code now} and
   * returns how many points it learnt. Each point is observed at the end of its period, when its
   * value was complete, as a live source would have reported it. The history is read by
   * {@link #fetch} over {@code [now - span, now)} and handed to {@link Predictor#warmStart} in one go.
   *
   * @param predictor the predictor to warm up
   * @param cw the CloudWatch client to call
   * @param metric the metric statistic to learn, e.g.
   *     {@code CloudWatchMetric.sqsArrivalsPerSecond(queue, Duration.ofMinutes(5))}
   * @param now the end of the history, normally the controller's first tick time
   * @param span how far back to read (&gt; 0), e.g. 14 days; CloudWatch keeps 1-minute data 15 days
   *     and 5-minute data 63 days
   * @return the number of points learnt
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code span} is not positive
   * @throws MissingPermissionException if CloudWatch refuses the call for lack of permission
   * @throws SdkException if the call fails otherwise; the predictor has then learnt nothing
   */
  public static int warmStart(Predictor predictor, CloudWatchClient cw, CloudWatchMetric metric, Instant now,
      Duration span) {
    Objects.requireNonNull(predictor, "predictor");
    List<Map.Entry<Instant, Double>> h = fetch(cw, metric, now.minus(span), now);
    List<Map.Entry<Instant, Double>> shifted = new ArrayList<>(h.size());
    for (Map.Entry<Instant, Double> e : h) {
      shifted.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey().plus(metric.period()), e.getValue()));
    }
    predictor.warmStart(shifted);
    LOG.info("warmed {} with {} points of {}/{} over {}", predictor.name(), shifted.size(), metric.namespace(),
        metric.name(), span);
    return shifted.size();
  }
}
