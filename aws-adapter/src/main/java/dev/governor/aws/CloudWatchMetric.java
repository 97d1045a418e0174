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
 * @param scale multiplier applied to every value (&gt; 0, finite)
 */
public record CloudWatchMetric(String namespace, String name, Map<String, String> dimensions, String stat, Duration period,
    double scale) {
  /**
   * Validates the metric; {@code dimensions} is copied. The statistic's name is not checked here:
   * CloudWatch rejects a bad one when the metric is queried.
   *
   * @param namespace e.g. {@code AWS/SQS}
   * @param name e.g. {@code NumberOfMessagesSent}
   * @param dimensions e.g. {@code QueueName → uploads}
   * @param stat {@code Sum}, {@code Average}, {@code Maximum}, {@code p99}, …
   * @param period 1, 5, 10 or 30 s, or a whole multiple of 60 s
   * @param scale multiplier applied to every value (&gt; 0, finite)
   * @throws NullPointerException if any reference argument, or a key or value of {@code dimensions},
   *     is null
   * @throws IllegalArgumentException if {@code period} is not one of the allowed values or
   *     {@code scale} is not a finite number above zero
   */
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

  /**
   * A metric statistic taken as it is ({@code scale} 1).
   *
   * @param namespace e.g. {@code AWS/SQS}
   * @param name e.g. {@code NumberOfMessagesSent}
   * @param dimensions e.g. {@code QueueName → uploads}
   * @param stat {@code Sum}, {@code Average}, {@code Maximum}, {@code p99}, …
   * @param period 1, 5, 10 or 30 s, or a whole multiple of 60 s
   * @return the metric
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if {@code period} is not one of the allowed values
   */
  public static CloudWatchMetric of(String namespace, String name, Map<String, String> dimensions, String stat,
      Duration period) {
    return new CloudWatchMetric(namespace, name, dimensions, stat, period, 1.0);
  }

  /**
   * SQS messages sent per second, averaged over {@code period} (the arrival rate as CloudWatch sees
   * it): the {@code Sum} of {@code AWS/SQS NumberOfMessagesSent} with {@code QueueName=queueName},
   * scaled by {@code 1 / period} in seconds.
   *
   * @param queueName the queue's name (not its URL)
   * @param period 1, 5, 10 or 30 s, or a whole multiple of 60 s; SQS publishes one-minute sums, so a
   *     multiple of 60 s is what makes sense
   * @return the metric, in messages per second
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code period} is not one of the allowed values
   */
  public static CloudWatchMetric sqsArrivalsPerSecond(String queueName, Duration period) {
    return new CloudWatchMetric("AWS/SQS", "NumberOfMessagesSent", Map.of("QueueName", queueName), "Sum", period,
        1.0 / period.getSeconds());
  }

  /**
   * Messages deleted (jobs completed) per period: the {@code Sum} of
   * {@code AWS/SQS NumberOfMessagesDeleted} with {@code QueueName=queueName}, unscaled.
   *
   * @param queueName the queue's name (not its URL)
   * @param period 1, 5, 10 or 30 s, or a whole multiple of 60 s; SQS publishes one-minute sums, so a
   *     multiple of 60 s is what makes sense
   * @return the metric, in messages per period
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code period} is not one of the allowed values
   */
  public static CloudWatchMetric sqsDeleted(String queueName, Duration period) {
    return of("AWS/SQS", "NumberOfMessagesDeleted", Map.of("QueueName", queueName), "Sum", period);
  }

  /**
   * Age of the oldest message in the queue: the {@code Maximum} of
   * {@code AWS/SQS ApproximateAgeOfOldestMessage} with {@code QueueName=queueName}, over one minute.
   *
   * @param queueName the queue's name (not its URL)
   * @return the metric, in seconds
   * @throws NullPointerException if {@code queueName} is null
   */
  public static CloudWatchMetric sqsOldestMessageAge(String queueName) {
    return of("AWS/SQS", "ApproximateAgeOfOldestMessage", Map.of("QueueName", queueName), "Maximum", Duration.ofMinutes(1));
  }

  /**
   * The same metric statistic with another multiplier (it replaces the scale, it does not multiply
   * it).
   *
   * @param s the new multiplier (&gt; 0, finite)
   * @return a copy with scale {@code s}
   * @throws IllegalArgumentException if {@code s} is not a finite number above zero
   */
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
