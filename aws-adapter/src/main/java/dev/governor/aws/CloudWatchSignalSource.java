package dev.governor.aws;

import dev.governor.aws.internal.Checks;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.collect.Lists;
import com.google.common.util.concurrent.RateLimiter;
import dev.governor.aws.internal.AwsErrors;
import dev.governor.aws.internal.StepSafeElapsed;
import dev.governor.signal.InvalidSignalException;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import dev.governor.signal.SignalSource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Any number of CloudWatch metrics as signals — the "30–50 inputs" — read with as few
 * GetMetricData calls as possible (up to 500 metrics per call, paginated).
 *
 * <p>Each signal is the newest datapoint within {@link Builder#lookback}, observed at the end of
 * its period (when its value was complete), so CloudWatch's delay shows up as age and the
 * staleness rules apply to it. A metric with no datapoint in the lookback is missing; a value
 * that is not finite and non-negative is rejected with a warning naming the signal, and missing
 * too. Results are cached for {@link Builder#cacheTtl} (CloudWatch bills per metric requested)
 * and calls are paced by a {@link RateLimiter}; when no permit comes in time, or a call fails,
 * the previous readings are returned with their old observation times.
 *
 * <p>Time as in {@link SqsSignalSource}: the cache runs on the {@code now} each read is handed; a
 * step back of that clock expires it (and drops previous readings stamped after the new now), a
 * step forward expires it as a long wait would; the rate limiter paces in real time.
 *
 * <p>AWS: a refresh is one GetMetricData request per 500 metrics ({@code ScanBy=TimestampDescending},
 * from {@code now - lookback}, truncated to the minute, to {@code now}), each followed through its
 * pages; it needs {@code cloudwatch:GetMetricData} (not resource-scoped). A refresh takes one permit
 * of the rate limiter whatever number of requests it makes. If any request of a refresh fails
 * (throttling left after the SDK's retries included), the whole refresh is dropped and the
 * previous readings are returned; a refusal for lack of permission throws
 * {@link MissingPermissionException}. Thread-safe: {@link #read} is synchronized.
 */
public final class CloudWatchSignalSource implements SignalSource {
  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchSignalSource.class);
  static final int MAX_QUERIES_PER_CALL = 500;

  private final CloudWatchClient cw;
  private final Map<String, CloudWatchMetric> metrics;
  private final Duration lookback;
  private final RateLimiter limiter;
  private final Duration maxPermitWait;
  private final StepSafeElapsed ticker;
  private final Cache<String, List<Reading>> cache;
  private List<Reading> last = List.of();

  private CloudWatchSignalSource(Builder b) {
    this.cw = b.cw;
    this.metrics = new LinkedHashMap<>(b.metrics);
    this.lookback = b.lookback;
    this.limiter = RateLimiter.create(b.maxRequestsPerSecond);
    this.maxPermitWait = b.maxPermitWait;
    this.ticker = StepSafeElapsed.forCache(b.cacheTtl);
    this.cache = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run).expireAfterWrite(b.cacheTtl).build();
  }

  /**
   * Starts a source over {@code cw}; add at least one {@link Builder#metric}.
   *
   * @param cw the CloudWatch client to call (see {@link AwsClients#cloudWatch})
   * @return a builder with the defaults
   * @throws NullPointerException if {@code cw} is null
   */
  public static Builder builder(CloudWatchClient cw) {
    return new Builder(cw);
  }

  @Override
  public synchronized Collection<Reading> read(Instant now) {
    ticker.advance(now);
    if (ticker.wentBack()) {
      // Stamped on the old time line, after the new now: never report a reading from the future.
      LOG.warn("clock stepped back to {}: refreshing CloudWatch readings", now);
      last = last.stream().filter(r -> !r.observedAt().isAfter(now)).toList();
    }
    List<Reading> cached = cache.getIfPresent("all");
    if (cached != null) {
      return cached;
    }
    if (!limiter.tryAcquire(maxPermitWait.toNanos(), TimeUnit.NANOSECONDS)) {
      LOG.debug("CloudWatch reads paced; returning the previous readings");
      return last;
    }
    List<Reading> out;
    try {
      out = fetch(now);
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "cloudwatch:GetMetricData");
      LOG.warn("GetMetricData failed, returning the previous readings: {}", AwsErrors.describe(e));
      return last;
    }
    cache.put("all", out);
    last = out;
    return out;
  }

  private List<Reading> fetch(Instant now) {
    List<String> signals = new ArrayList<>(metrics.keySet());
    Map<String, String> signalById = new HashMap<>();
    List<Reading> out = new ArrayList<>(signals.size());
    Instant start = now.minus(lookback).truncatedTo(ChronoUnit.MINUTES);
    int n = 0;
    for (List<String> batch : Lists.partition(signals, MAX_QUERIES_PER_CALL)) {
      List<MetricDataQuery> queries = new ArrayList<>(batch.size());
      for (String s : batch) {
        String id = "m" + n++;
        signalById.put(id, s);
        queries.add(metrics.get(s).query(id));
      }
      GetMetricDataRequest req = GetMetricDataRequest.builder().metricDataQueries(queries).startTime(start).endTime(now)
          .scanBy(ScanBy.TIMESTAMP_DESCENDING).build();
      Map<String, Instant> newestAt = new HashMap<>();
      Map<String, Double> newest = new HashMap<>();
      for (GetMetricDataResponse page : cw.getMetricDataPaginator(req)) {
        for (MetricDataResult r : page.metricDataResults()) {
          for (int k = 0; k < Math.min(r.timestamps().size(), r.values().size()); k++) {
            Instant t = r.timestamps().get(k);
            Instant prev = newestAt.get(r.id());
            if (prev == null || t.isAfter(prev)) {
              newestAt.put(r.id(), t);
              newest.put(r.id(), r.values().get(k));
            }
          }
        }
      }
      for (Map.Entry<String, Instant> e : newestAt.entrySet()) {
        String signal = signalById.get(e.getKey());
        CloudWatchMetric m = metrics.get(signal);
        Instant complete = e.getValue().plus(m.period());
        Instant observedAt = complete.isAfter(now) ? now : complete;
        try {
          out.add(new Reading(signal, newest.get(e.getKey()) * m.scale(), observedAt));
        } catch (InvalidSignalException ex) {
          LOG.warn("CloudWatch {}/{} rejected: {}", m.namespace(), m.name(), ex.getMessage());
        }
      }
    }
    return out;
  }

  /** Builds a {@link CloudWatchSignalSource}; each setter validates at once. */
  public static final class Builder {
    private final CloudWatchClient cw;
    private final Map<String, CloudWatchMetric> metrics = new LinkedHashMap<>();
    private Duration lookback = Duration.ofMinutes(15);
    private Duration cacheTtl = Duration.ofSeconds(60);
    private double maxRequestsPerSecond = 2;
    private Duration maxPermitWait = Duration.ofSeconds(1);

    private Builder(CloudWatchClient cw) {
      this.cw = Objects.requireNonNull(cw, "cloudWatch");
    }

    /**
     * Reports {@code metric} as the signal {@code signal}: its newest datapoint within the lookback,
     * times the metric's scale.
     *
     * @param signal the reading's name, e.g. {@code queue.uploads.oldest_age_s}; unique within this
     *     source
     * @param metric the metric statistic to read
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code signal} is blank or was added before
     */
    public Builder metric(String signal, CloudWatchMetric metric) {
      Objects.requireNonNull(signal, "signal");
      Objects.requireNonNull(metric, "metric");
      if (signal.isBlank()) {
        throw new IllegalArgumentException("signal must not be blank");
      }
      if (metrics.containsKey(signal)) {
        throw new IllegalArgumentException("signal names must be unique, but '" + signal + "' was added twice");
      }
      metrics.put(signal, metric);
      return this;
    }

    /**
     * {@code queue.<jobClass>.oldest_age_s} from SQS's ApproximateAgeOfOldestMessage (one-minute
     * Maximum, seconds): see {@link CloudWatchMetric#sqsOldestMessageAge}.
     *
     * @param jobClass the job class, the middle of the signal's name
     * @param queueName the SQS queue's name (the {@code QueueName} dimension, not its URL)
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if that signal was added before
     */
    public Builder sqsOldestMessageAge(String jobClass, String queueName) {
      return metric(SignalNames.oldestAge(jobClass), CloudWatchMetric.sqsOldestMessageAge(queueName));
    }

    /**
     * {@code queue.<jobClass>.arrivals_per_s} from SQS's NumberOfMessagesSent (one-minute sums,
     * divided by 60: messages per second): see {@link CloudWatchMetric#sqsArrivalsPerSecond}. An
     * {@link SqsSignalSource} with completions reports the same name for the class; in a snapshot
     * the newest observation of a name wins.
     *
     * @param jobClass the job class, the middle of the signal's name
     * @param queueName the SQS queue's name (the {@code QueueName} dimension, not its URL)
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if that signal was added before
     */
    public Builder sqsArrivals(String jobClass, String queueName) {
      return metric(SignalNames.arrivals(jobClass), CloudWatchMetric.sqsArrivalsPerSecond(queueName, Duration.ofMinutes(1)));
    }

    /**
     * How far back to look for each metric's newest datapoint (default 15 min); a metric without
     * one in that span is missing from the readings.
     *
     * @param d the lookback (&gt; 0)
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is zero or negative
     */
    public Builder lookback(Duration d) {
      this.lookback = Checks.positive("lookback", d);
      return this;
    }

    /**
     * How long a result is reused (default 60 s: CloudWatch data is per minute anyway), measured on
     * the {@code now} the reads are handed.
     *
     * @param d the time to live (&gt; 0)
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is zero or negative
     */
    public Builder cacheTtl(Duration d) {
      this.cacheTtl = Checks.positive("cacheTtl", d);
      return this;
    }

    /**
     * Refreshes per second across all ticks of this source (default 2), paced in real time by a
     * Guava {@link RateLimiter}. A refresh is one GetMetricData call per 500 metrics (plus pages),
     * so with at most 500 metrics and one page this is GetMetricData calls per second.
     *
     * @param r refreshes per second (&gt; 0, finite)
     * @return this builder
     * @throws IllegalArgumentException if {@code r} is not a finite number above zero
     */
    public Builder maxRequestsPerSecond(double r) {
      this.maxRequestsPerSecond = Checks.positiveFinite("maxRequestsPerSecond", r);
      return this;
    }

    /**
     * How long a read may wait for the rate limiter before returning the previous readings (default
     * 1 s); the wait blocks the reading thread. Zero means never wait.
     *
     * @param d the longest wait (&gt;= 0)
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public Builder maxPermitWait(Duration d) {
      this.maxPermitWait = Checks.nonNegative("maxPermitWait", d);
      return this;
    }

    /**
     * Builds the source. Nothing is called on AWS until the first {@link CloudWatchSignalSource#read}.
     *
     * @return the source
     * @throws IllegalStateException if no metric was added
     */
    public CloudWatchSignalSource build() {
      if (metrics.isEmpty()) {
        throw new IllegalStateException("metric must be added at least once");
      }
      return new CloudWatchSignalSource(this);
    }
  }
}
