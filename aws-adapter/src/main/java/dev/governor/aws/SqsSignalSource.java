package dev.governor.aws;

import dev.governor.aws.internal.Checks;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.common.util.concurrent.RateLimiter;
import dev.governor.aws.internal.AwsErrors;
import dev.governor.aws.internal.StepSafeElapsed;
import dev.governor.signal.InvalidSignalException;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import dev.governor.signal.SignalSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Queue depths of any number of SQS queues, one job class each, from GetQueueAttributes:
 * {@code queue.<class>.visible} (ApproximateNumberOfMessages), {@code .inflight}
 * (ApproximateNumberOfMessagesNotVisible) and {@code .delayed} (ApproximateNumberOfMessagesDelayed),
 * plus, with a {@link CompletionSource}, {@code .arrivals_per_s} and {@code .completions_per_s}.
 *
 * <h2>Arrival-rate estimate</h2>
 * SQS does not count arrivals, but a queue is a bucket: between two reads at {@code a} and {@code b}
 * <pre>
 *   arrivals(a, b) = depth(b) − depth(a) + completed(a, b)        depth = visible + inflight + delayed
 *   arrivals_per_s = max(0, arrivals(a, b)) / (b − a)
 * </pre>
 * Assumptions: every message leaves the queue by being deleted after its job completed, and each
 * deletion is counted by the completion source (messages that expire at the retention period or
 * move to a dead-letter queue are invisible to it and make the estimate low); SQS's approximate
 * counts lag by up to about a minute, so windows are at least {@link Builder#minRateWindow} long
 * (default 60 s) and the noise of one window is not averaged away here — predictors smooth it.
 * A window ends at the newest read that is at least {@link CompletionSource#lag()} old, so the
 * estimate is observed at the end of its window, and its age shows how late it is.
 *
 * A window longer than {@link Builder#maxRateWindow} (default 10 min) is not estimated: over a
 * gap that long, or across a forward step of the host's clock, the depth change of seconds would be
 * spread over the whole gap and read as a rate far too low. The next window is short again.
 *
 * <h2>API budget</h2>
 * Reads are cached per queue with Caffeine for {@link Builder#cacheTtl} and paced by a Guava
 * {@link RateLimiter}, so many controllers and frequent ticks stay inside the account's budget. When
 * no permit comes within {@link Builder#maxPermitWait}, or a call fails, the queue's previous values
 * are reported with their old observation time; the controller's staleness rules then keep missing
 * data from ever causing scale-in. Only a missing permission throws ({@link MissingPermissionException}).
 *
 * <h2>AWS calls</h2>
 * One GetQueueAttributes per queue per refresh (once its cache entry has expired), asking for
 * ApproximateNumberOfMessages, ApproximateNumberOfMessagesNotVisible and
 * ApproximateNumberOfMessagesDelayed; it needs {@code sqs:GetQueueAttributes} on each queue. An
 * attribute missing from the answer counts as 0; a non-numeric one, like a failed call, keeps the
 * previous values. Throttling is retried by the client (see {@link AwsClients#recommended}); what is
 * left after its retries is a failed call. A {@link CloudWatchCompletions} adds its own
 * GetMetricData calls. Readings are stamped with the {@code now} of the read that fetched them.
 *
 * <h2>Time and clock steps</h2>
 * The cache runs on the {@code now} each read is handed, never on a clock of its own, so a cached
 * value is never older than the TTL by the controller's own clock and readings are stamped on that
 * same clock. That clock may step (NTP, a restored VM): a step back expires the cache, because how
 * much real time passed is unknown and one extra call is the safe price, and it drops the samples
 * and estimates stamped after the new {@code now}, so no reading is ever reported from the future;
 * a step forward expires the cache as a long wait would, and a rate window across it is too long
 * to be estimated (above). The rate limiter paces calls in real time (Guava's own monotonic
 * stopwatch), which is what the account's API budget is counted in, so clock steps cannot touch it.
 *
 * <p>Thread-safe: {@link #read} is synchronized.
 */
public final class SqsSignalSource implements SignalSource {
  private static final Logger LOG = LoggerFactory.getLogger(SqsSignalSource.class);
  private static final List<QueueAttributeName> ATTRIBUTES = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
      QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

  private final SqsClient sqs;
  private final Map<String, String> queues;
  private final CompletionSource completions;
  private final Duration minRateWindow;
  private final RateLimiter limiter;
  private final Duration maxPermitWait;
  private final Duration maxRateWindow;
  private final StepSafeElapsed ticker;
  private final Cache<String, Sample> cache;
  private final Map<String, Sample> last = new HashMap<>();
  private final Map<String, Deque<Sample>> history = new HashMap<>();
  private final Map<String, List<Reading>> rates = new HashMap<>();

  /** One GetQueueAttributes answer. */
  record Sample(Instant at, long visible, long inflight, long delayed) {
    long depth() {
      return visible + inflight + delayed;
    }
  }

  private SqsSignalSource(Builder b) {
    this.sqs = b.sqs;
    this.queues = new LinkedHashMap<>(b.queues);
    this.completions = b.completions;
    this.minRateWindow = b.minRateWindow;
    this.maxRateWindow = b.maxRateWindow;
    this.ticker = StepSafeElapsed.forCache(b.cacheTtl);
    this.limiter = RateLimiter.create(b.maxRequestsPerSecond);
    this.maxPermitWait = b.maxPermitWait;
    this.cache = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run).expireAfterWrite(b.cacheTtl).build();
  }

  /**
   * Starts a source over {@code sqs}; add at least one {@link Builder#queue}.
   *
   * @param sqs the SQS client to call (see {@link AwsClients#sqs})
   * @return a builder with the defaults
   * @throws NullPointerException if {@code sqs} is null
   */
  public static Builder builder(SqsClient sqs) {
    return new Builder(sqs);
  }

  @Override
  public synchronized Collection<Reading> read(Instant now) {
    ticker.advance(now);
    if (ticker.wentBack()) {
      forgetAfter(now);
    }
    List<Reading> out = new ArrayList<>(queues.size() * 5);
    for (Map.Entry<String, String> q : queues.entrySet()) {
      String jobClass = q.getKey();
      Sample s = cache.getIfPresent(jobClass);
      if (s == null) {
        s = fetch(jobClass, q.getValue(), now);
        if (s != null) {
          cache.put(jobClass, s);
          last.put(jobClass, s);
          if (completions != null) {
            completions.sample(jobClass, s.at());
            estimate(jobClass, s, now);
          }
        } else {
          s = last.get(jobClass);
        }
      }
      if (s != null) {
        add(out, SignalNames.visible(jobClass), s.visible(), s.at());
        add(out, SignalNames.inflight(jobClass), s.inflight(), s.at());
        add(out, SignalNames.delayed(jobClass), s.delayed(), s.at());
      }
      out.addAll(rates.getOrDefault(jobClass, List.of()));
    }
    return out;
  }

  /** After a step back of the clock: what was stamped after {@code now} belongs to the old time line. */
  private void forgetAfter(Instant now) {
    LOG.warn("clock stepped back to {}: refreshing every queue and dropping samples stamped after it", now);
    last.values().removeIf(s -> s.at().isAfter(now));
    history.values().forEach(h -> h.removeIf(s -> s.at().isAfter(now)));
    rates.values().removeIf(rs -> rs.stream().anyMatch(r -> r.observedAt().isAfter(now)));
  }

  private Sample fetch(String jobClass, String url, Instant now) {
    if (!limiter.tryAcquire(maxPermitWait.toNanos(), TimeUnit.NANOSECONDS)) {
      LOG.debug("GetQueueAttributes for {} paced; reporting the previous values", jobClass);
      return null;
    }
    try {
      Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(ATTRIBUTES)).attributes();
      return new Sample(now, count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
          count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
          count(a, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    } catch (SdkException e) {
      AwsErrors.failLoudlyIfUnauthorized(e, "sqs:GetQueueAttributes");
      LOG.warn("GetQueueAttributes for {} ({}) failed, reporting the previous values: {}", jobClass, url,
          AwsErrors.describe(e));
      return null;
    } catch (NumberFormatException e) {
      LOG.warn("GetQueueAttributes for {} returned a non-numeric count: {}", jobClass, e.getMessage());
      return null;
    }
  }

  private static long count(Map<QueueAttributeName, String> a, QueueAttributeName n) {
    String v = a.get(n);
    return v == null ? 0 : Long.parseLong(v.trim());
  }

  private static void add(List<Reading> out, String name, double value, Instant at) {
    try {
      out.add(new Reading(name, value, at));
    } catch (InvalidSignalException e) {
      LOG.warn("rejected: {}", e.getMessage());
    }
  }

  /** Records {@code s} and, when a window of at least minRateWindow ends lag before now, estimates its rates. */
  private void estimate(String jobClass, Sample s, Instant now) {
    Deque<Sample> h = history.computeIfAbsent(jobClass, k -> new ArrayDeque<>());
    h.addLast(s);
    Duration keep = completions.lag().plus(minRateWindow.multipliedBy(3)).plus(Duration.ofMinutes(10));
    while (h.size() > 2 && h.peekFirst().at().isBefore(now.minus(keep))) {
      h.removeFirst();
    }
    Instant endBy = now.minus(completions.lag());
    Sample b = null;
    Sample a = null;
    Iterator<Sample> it = h.descendingIterator();
    while (it.hasNext()) {
      Sample x = it.next();
      if (b == null) {
        if (!x.at().isAfter(endBy)) {
          b = x;
        }
      } else if (!x.at().isAfter(b.at().minus(minRateWindow))) {
        a = x;
        break;
      }
    }
    if (a == null) {
      return;
    }
    if (Duration.between(a.at(), b.at()).compareTo(maxRateWindow) > 0) {
      LOG.info("arrival window {} .. {} of {} is longer than {}; not estimated", a.at(), b.at(), jobClass, maxRateWindow);
      return;
    }
    OptionalDouble done = completions.completed(jobClass, a.at(), b.at());
    if (done.isEmpty() || !Double.isFinite(done.getAsDouble()) || done.getAsDouble() < 0) {
      return;
    }
    double seconds = Duration.between(a.at(), b.at()).toNanos() / 1e9;
    double arrivals = Math.max(0, b.depth() - a.depth() + done.getAsDouble());
    List<Reading> r = new ArrayList<>(2);
    add(r, SignalNames.arrivals(jobClass), arrivals / seconds, b.at());
    add(r, SignalNames.completions(jobClass), done.getAsDouble() / seconds, b.at());
    rates.put(jobClass, r);
  }

  /** Builds an {@link SqsSignalSource}; each setter validates at once. */
  public static final class Builder {
    private final SqsClient sqs;
    private final Map<String, String> queues = new LinkedHashMap<>();
    private CompletionSource completions;
    private Duration cacheTtl = Duration.ofSeconds(20);
    private Duration minRateWindow = Duration.ofSeconds(60);
    private Duration maxRateWindow = Duration.ofMinutes(10);
    private double maxRequestsPerSecond = 10;
    private Duration maxPermitWait = Duration.ofMillis(500);

    private Builder(SqsClient sqs) {
      this.sqs = Objects.requireNonNull(sqs, "sqs");
    }

    /**
     * The queue of one job class (its full URL, as GetQueueUrl returns it). Its readings are named
     * {@code queue.<jobClass>.visible}, {@code .inflight}, {@code .delayed} and, with completions,
     * {@code .arrivals_per_s} and {@code .completions_per_s}.
     *
     * @param jobClass the job class's name ({@link dev.governor.fleet.JobClass#NAME_RULE}), unique
     *     within this source
     * @param queueUrl the queue's URL, e.g. {@code https://sqs.us-east-1.amazonaws.com/123456789012/uploads}
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code jobClass} breaks the name rule or was added before,
     *     or {@code queueUrl} is blank
     */
    public Builder queue(String jobClass, String queueUrl) {
      Objects.requireNonNull(jobClass, "jobClass");
      Objects.requireNonNull(queueUrl, "queueUrl");
      if (!dev.governor.fleet.JobClass.isValidName(jobClass)) {
        throw new IllegalArgumentException(
            "jobClass must be " + dev.governor.fleet.JobClass.NAME_RULE + ", but was '" + jobClass + "'");
      }
      if (queues.containsKey(jobClass)) {
        throw new IllegalArgumentException("jobClass must be unique, but '" + jobClass + "' was added twice");
      }
      if (queueUrl.isBlank()) {
        throw new IllegalArgumentException("queueUrl of " + jobClass + " must not be blank");
      }
      queues.put(jobClass, queueUrl);
      return this;
    }

    /**
     * Where completions come from; enables the arrival-rate estimate ({@code .arrivals_per_s},
     * {@code .completions_per_s}). Without one, only the depths are reported.
     *
     * @param c the completion source, e.g. {@link CloudWatchCompletions} or {@link CompletionSource#counter}
     * @return this builder
     * @throws NullPointerException if {@code c} is null
     */
    public Builder completions(CompletionSource c) {
      this.completions = Objects.requireNonNull(c, "completions");
      return this;
    }

    /**
     * How long a queue's attributes are reused before GetQueueAttributes is called again (default
     * 20 s), measured on the {@code now} the reads are handed.
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
     * The shortest window an arrival rate is estimated over (default 60 s): SQS's approximate counts
     * lag by up to about a minute, so shorter windows are mostly noise.
     *
     * @param d the shortest window (&gt; 0)
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is zero or negative
     */
    public Builder minRateWindow(Duration d) {
      this.minRateWindow = Checks.positive("minRateWindow", d);
      return this;
    }

    /**
     * The longest window an arrival rate is estimated over (default 10 min); a longer one (a gap in
     * the reads, a forward clock step) is skipped. Must be at least {@link #minRateWindow}, which
     * {@link #build} checks.
     *
     * @param d the longest window (&gt; 0)
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is zero or negative
     */
    public Builder maxRateWindow(Duration d) {
      this.maxRateWindow = Checks.positive("maxRateWindow", d);
      return this;
    }

    /**
     * GetQueueAttributes calls per second across every queue and tick of this source (default 10),
     * paced in real time by a Guava {@link RateLimiter}: each call takes one permit.
     *
     * @param r calls per second (&gt; 0, finite)
     * @return this builder
     * @throws IllegalArgumentException if {@code r} is not a finite number above zero
     */
    public Builder maxRequestsPerSecond(double r) {
      this.maxRequestsPerSecond = Checks.positiveFinite("maxRequestsPerSecond", r);
      return this;
    }

    /**
     * How long a read waits for a permit before reporting the previous values (default 500 ms),
     * per queue; the wait blocks the reading thread. Zero means never wait.
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
     * Builds the source. Nothing is called on AWS until the first {@link SqsSignalSource#read}.
     *
     * @return the source
     * @throws IllegalStateException if no queue was added, or {@code maxRateWindow} is shorter than
     *     {@code minRateWindow}
     */
    public SqsSignalSource build() {
      if (queues.isEmpty()) {
        throw new IllegalStateException("queue must be added at least once");
      }
      if (maxRateWindow.compareTo(minRateWindow) < 0) {
        throw new IllegalStateException("maxRateWindow must be >= minRateWindow (" + minRateWindow + "), but was "
            + maxRateWindow);
      }
      return new SqsSignalSource(this);
    }
  }
}
