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
 */
public final class CloudWatchCompletions implements CompletionSource {
  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchCompletions.class);
  public static final Duration DEFAULT_LAG = Duration.ofMinutes(5);

  private final CloudWatchClient cw;
  private final Map<String, String> queueNameByJobClass;
  private final Duration lag;

  public CloudWatchCompletions(CloudWatchClient cw, Map<String, String> queueNameByJobClass, Duration lag) {
    this.cw = Objects.requireNonNull(cw, "cloudWatch");
    this.queueNameByJobClass = Map.copyOf(queueNameByJobClass);
    this.lag = Checks.nonNegative("lag", lag);
  }

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
