package dev.governor.aws;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * One CloudWatch metric statistic, turned into a Governor value by multiplying by {@code scale}
 * (for example {@code 1/period} to turn a per-period Sum into a per-second rate).
 *
 * @param namespace e.g. {@code AWS/SQS}
 * @param name e.g. {@code NumberOfMessagesSent}
 * @param dimensions e.g. {@code QueueName → uploads}
 * @param stat {@code Sum}, {@code Average}, {@code Maximum}, {@code p99}, …
 * @param period a multiple of 60 s (or 1, 5, 10, 30 s for high-resolution metrics)
 * @param scale multiplier applied to every value (&gt; 0)
 */
public record CloudWatchMetric(String namespace, String name, Map<String, String> dimensions, String stat, Duration period,
    double scale) {
  public CloudWatchMetric {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stat, "stat");
    Objects.requireNonNull(period, "period");
    dimensions = Map.copyOf(Objects.requireNonNull(dimensions, "dimensions"));
    long s = period.getSeconds();
    if (period.getNano() != 0 || !(s == 1 || s == 5 || s == 10 || s == 30 || (s > 0 && s % 60 == 0))) {
      throw new IllegalArgumentException("period must be 1, 5, 10, 30 s or a multiple of 60 s, but was " + period);
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be > 0 and finite, but was " + scale);
    }
  }

  public static CloudWatchMetric of(String namespace, String name, Map<String, String> dimensions, String stat,
      Duration period) {
    return new CloudWatchMetric(namespace, name, dimensions, stat, period, 1.0);
  }

  /** SQS messages sent per second, averaged over {@code period} (the arrival rate as CloudWatch sees it). */
  public static CloudWatchMetric sqsArrivalsPerSecond(String queueName, Duration period) {
    return new CloudWatchMetric("AWS/SQS", "NumberOfMessagesSent", Map.of("QueueName", queueName), "Sum", period,
        1.0 / period.getSeconds());
  }

  /** Messages deleted (jobs completed) per period. */
  public static CloudWatchMetric sqsDeleted(String queueName, Duration period) {
    return of("AWS/SQS", "NumberOfMessagesDeleted", Map.of("QueueName", queueName), "Sum", period);
  }

  /** Age of the oldest message in the queue, seconds (SQS's ApproximateAgeOfOldestMessage, Maximum). */
  public static CloudWatchMetric sqsOldestMessageAge(String queueName) {
    return of("AWS/SQS", "ApproximateAgeOfOldestMessage", Map.of("QueueName", queueName), "Maximum", Duration.ofMinutes(1));
  }

  public CloudWatchMetric withScale(double s) {
    return new CloudWatchMetric(namespace, name, dimensions, stat, period, s);
  }

  /** The GetMetricData query for this metric under {@code id} ([a-z][a-zA-Z0-9_]*). */
  MetricDataQuery query(String id) {
    Metric.Builder m = Metric.builder().namespace(namespace).metricName(name);
    new TreeMap<>(dimensions).forEach((k, v) -> m.dimensions(Dimension.builder().name(k).value(v).build()));
    return MetricDataQuery.builder().id(id).returnData(true)
        .metricStat(MetricStat.builder().metric(m.build()).stat(stat).period((int) period.getSeconds()).build()).build();
  }
}
