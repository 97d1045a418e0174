package dev.governor.aws;

import dev.governor.aws.internal.Checks;
import dev.governor.aws.internal.AwsErrors;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * Completions from SQS's {@code NumberOfMessagesDeleted} metric: nothing to run on the workers.
 *
 * <p>Assumptions: every deleted message is a completed job; SQS publishes one-minute sums, which
 * can arrive several minutes late, so windows are asked for only once they are {@link #lag()} old
 * (default 5 min) and the arrival estimate is that much behind. The window is widened to whole
 * minutes ({@code [floor(from), floor(to))}), so a window of one or two minutes can be off by a
 * minute's deletions; over a sliding series of windows the errors cancel.
 *
 * <p>AWS: each {@link #completed} is one GetMetricData request (paginated) for the {@code Sum} of
 * {@code AWS/SQS NumberOfMessagesDeleted} with {@code QueueName=<queue>} at a 60 s period, needing
 * {@code cloudwatch:GetMetricData}; nothing is cached or paced here (the SQS source asks at most
 * once per fresh queue read). Datapoints that are not finite and non-negative are skipped. A call
 * refused for lack of permission throws {@link MissingPermissionException}; any other failure,
 * throttling left over after the SDK's retries included, is logged and makes that window unknown.
 * Thread-safe if the client is (AWS SDK clients are).
 */
public final class CloudWatchCompletions implements CompletionSource {
  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchCompletions.class);
  /** The default {@link #lag()}: 5 minutes, by which SQS's one-minute sums are usually complete. */
  public static final Duration DEFAULT_LAG = Duration.ofMinutes(5);

  private final CloudWatchClient cw;
  private final Map<String, String> queueNameByJobClass;
  private final Duration lag;

  /**
   * Completions of the given queues, asked for once they are {@code lag} old.
   *
   * @param cw the CloudWatch client to call
   * @param queueNameByJobClass for each job class, the name of its SQS queue (the metric's
   *     {@code QueueName} dimension, not its URL); classes not listed have unknown completions
   * @param lag how old a window must be before it is asked for (&gt;= 0); below a few minutes, the
   *     newest minutes' sums may still be incomplete and read low
   * @throws NullPointerException if any argument, or a key or value of the map, is null
   * @throws IllegalArgumentException if {@code lag} is negative
   */
  public CloudWatchCompletions(CloudWatchClient cw, Map<String, String> queueNameByJobClass, Duration lag) {
    this.cw = Objects.requireNonNull(cw, "cloudWatch");
    this.queueNameByJobClass = Map.copyOf(queueNameByJobClass);
    this.lag = Checks.nonNegative("lag", lag);
  }

  /**
   * Completions of the given queues with the default lag, {@link #DEFAULT_LAG} (5 min).
   *
   * @param cw the CloudWatch client to call
   * @param queueNameByJobClass for each job class, the name of its SQS queue (the metric's
   *     {@code QueueName} dimension, not its URL)
   * @throws NullPointerException if any argument, or a key or value of the map, is null
   */
  public CloudWatchCompletions(CloudWatchClient cw, Map<String, String> queueNameByJobClass) {
    this(cw, queueNameByJobClass, DEFAULT_LAG);
  }

  @Override
  public Duration lag() {
    return lag;
  }

  @Override
  public OptionalDouble completed(String jobClass, Instant from, Instant to) {
    String queue = queueNameByJobClass.get(jobClass);
    if (queue == null) {
      return OptionalDouble.empty();
    }
    Instant start = from.truncatedTo(ChronoUnit.MINUTES);
    Instant end = to.truncatedTo(ChronoUnit.MINUTES);
    if (!start.isBefore(end)) {
      return OptionalDouble.empty();
    }
    CloudWatchMetric m = CloudWatchMetric.sqsDeleted(queue, Duration.ofMinutes(1));
    double sum = 0;
    try {
      for (GetMetricDataResponse page : cw.getMetricDataPaginator(r -> r.metricDataQueries(m.query("d"))
          .startTime(start).endTime(end))) {
        for (MetricDataResult r : page.metricDataResults()) {
          for (Double v : r.values()) {
            if (v != null && Double.isFinite(v) && v >= 0) {
              sum += v;
            }
          }
        }
      }
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "cloudwatch:GetMetricData");
      LOG.warn("NumberOfMessagesDeleted of {} unavailable: {}", queue, AwsErrors.describe(e));
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(sum);
  }
}
