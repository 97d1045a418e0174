package dev.governor.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.withSettings;

import dev.governor.aws.fake.LocalSqs;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

@ExtendWith(LocalSqs.Extension.class)
class SqsSignalSourceTest {
  static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  static LocalSqs local;
  static SqsClient sqs;

  @BeforeAll
  static void start(LocalSqs shared) {
    local = shared;
    sqs = local.client();
  }

  static Map<String, Reading> byName(Collection<Reading> rs) {
    return rs.stream().collect(Collectors.toMap(Reading::name, r -> r));
  }

  private void send(String url, int n, int delaySeconds) {
    for (int k = 0; k < n; k++) {
      int i = k;
      sqs.sendMessage(r -> r.queueUrl(url).messageBody("job-" + i).delaySeconds(delaySeconds));
    }
  }

  private int receiveAndDelete(String url, int n) {
    int done = 0;
    while (done < n) {
      int want = Math.min(10, n - done);
      var msgs = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(want)).messages();
      if (msgs.isEmpty()) {
        break;
      }
      for (Message m : msgs) {
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
        done++;
      }
    }
    return done;
  }

  @Test
  void reportsVisibleInflightAndDelayedPerJobClass() {
    String uploads = local.createQueue("uploads-depth");
    String thumbs = local.createQueue("thumbs-depth");
    send(uploads, 4, 0);
    send(uploads, 1, 600);
    sqs.receiveMessage(r -> r.queueUrl(uploads).maxNumberOfMessages(2).visibilityTimeout(600));
    send(thumbs, 3, 0);
    SqsSignalSource src = SqsSignalSource.builder(sqs).queue("uploads", uploads).queue("thumbs", thumbs).build();
    Map<String, Reading> r = byName(src.read(T0));
    assertEquals(2, r.get(SignalNames.visible("uploads")).value());
    assertEquals(2, r.get(SignalNames.inflight("uploads")).value());
    assertEquals(1, r.get(SignalNames.delayed("uploads")).value());
    assertEquals(3, r.get(SignalNames.visible("thumbs")).value());
    assertEquals(T0, r.get(SignalNames.visible("thumbs")).observedAt());
    assertFalse(r.containsKey(SignalNames.arrivals("uploads")), "no completion source, no arrival estimate");
  }

  @Test
  void readsAreCachedForTheTtlOnTheTicksOwnTime() {
    String q = local.createQueue("cached");
    SqsSignalSource src = SqsSignalSource.builder(sqs).queue("c", q).cacheTtl(Duration.ofSeconds(20)).build();
    assertEquals(0, byName(src.read(T0)).get(SignalNames.visible("c")).value());
    send(q, 3, 0);
    Reading within = byName(src.read(T0.plusSeconds(10))).get(SignalNames.visible("c"));
    assertEquals(0, within.value(), "cached");
    assertEquals(T0, within.observedAt(), "a cached value keeps its observation time");
    Reading after = byName(src.read(T0.plusSeconds(21))).get(SignalNames.visible("c"));
    assertEquals(3, after.value());
    assertEquals(T0.plusSeconds(21), after.observedAt());
  }

  @Test
  void whenPacedThePreviousValuesAreReportedWithTheirAge() {
    String q = local.createQueue("paced");
    SqsSignalSource src = SqsSignalSource.builder(sqs).queue("p", q).cacheTtl(Duration.ofSeconds(1))
        .maxRequestsPerSecond(0.001).maxPermitWait(Duration.ZERO).build();
    src.read(T0);
    send(q, 2, 0);
    Reading r = byName(src.read(T0.plusSeconds(30))).get(SignalNames.visible("p"));
    assertEquals(0, r.value());
    assertEquals(T0, r.observedAt(), "stale, and the staleness rules will see it");
  }

  @Test
  void arrivalRateIsTheDepthChangePlusCompletionsOverTheWindow() {
    String q = local.createQueue("rate");
    AtomicLong completed = new AtomicLong();
    SqsSignalSource src = SqsSignalSource.builder(sqs).queue("r", q).cacheTtl(Duration.ofSeconds(10))
        .minRateWindow(Duration.ofSeconds(60)).completions(CompletionSource.counter(c -> completed.get())).build();
    send(q, 5, 0);
    src.read(T0);
    send(q, 20, 0);
    completed.addAndGet(receiveAndDelete(q, 8));
    Map<String, Reading> early = byName(src.read(T0.plusSeconds(30)));
    assertFalse(early.containsKey(SignalNames.arrivals("r")), "window shorter than minRateWindow");
    Map<String, Reading> r = byName(src.read(T0.plusSeconds(60)));
    // depth 5 -> 17, 8 completed: 20 arrivals in 60 s
    assertEquals(20.0 / 60, r.get(SignalNames.arrivals("r")).value(), 1e-9);
    assertEquals(8.0 / 60, r.get(SignalNames.completions("r")).value(), 1e-9);
    assertEquals(T0.plusSeconds(60), r.get(SignalNames.arrivals("r")).observedAt());
  }

  @Test
  void aCompletionSourceWithLagEstimatesAnOlderWindow() {
    String q = local.createQueue("lagged");
    CompletionSource lagged = new CompletionSource() {
      @Override
      public java.util.OptionalDouble completed(String jobClass, Instant from, Instant to) {
        return java.util.OptionalDouble.of(0);
      }

      @Override
      public Duration lag() {
        return Duration.ofMinutes(2);
      }
    };
    SqsSignalSource src = SqsSignalSource.builder(sqs).queue("l", q).cacheTtl(Duration.ofSeconds(10)).completions(lagged)
        .build();
    src.read(T0);
    send(q, 6, 0);
    src.read(T0.plusSeconds(60));
    assertFalse(byName(src.read(T0.plusSeconds(120))).containsKey(SignalNames.arrivals("l")), "no window is 2 min old yet");
    Reading r = byName(src.read(T0.plusSeconds(180))).get(SignalNames.arrivals("l"));
    assertEquals(6.0 / 60, r.value(), 1e-9);
    assertEquals(T0.plusSeconds(60), r.observedAt(), "observed at the end of its window, 2 min ago");
  }

  private void burst(String url, int batches) {
    for (int b = 0; b < batches; b++) {
      int batch = b;
      sqs.sendMessageBatch(r -> r.queueUrl(url).entries(java.util.stream.IntStream.range(0, 10)
          .mapToObj(k -> software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry.builder()
              .id("m" + k).messageBody("burst-" + batch + "-" + k).build()).toList()));
    }
  }

  /** Issue #10 item 2: the cache's ticker never went back, so a step back froze it for the size of the step. */
  @Test
  void aClockStepBackRefreshesAtOnceAndNothingIsReportedFromTheFuture() {
    String q = local.createQueue("step-back");
    AtomicLong completed = new AtomicLong();
    SqsSignalSource src = SqsSignalSource.builder(sqs).queue("s", q).cacheTtl(Duration.ofSeconds(20))
        .completions(CompletionSource.counter(c -> completed.get())).build();
    src.read(T0);
    src.read(T0.plusSeconds(60));
    assertTrue(byName(src.read(T0.plusSeconds(120))).containsKey(SignalNames.arrivals("s")), "estimating before the step");
    burst(q, 5);
    Instant back = T0.plusSeconds(125).minus(Duration.ofHours(1));
    Map<String, Reading> r = byName(src.read(back));
    assertEquals(50, r.get(SignalNames.visible("s")).value(), "the burst is seen at the first read after the step");
    assertEquals(back, r.get(SignalNames.visible("s")).observedAt());
    assertTrue(r.values().stream().noneMatch(x -> x.observedAt().isAfter(back)), () -> "stamped after now: " + r);
    Map<String, Reading> cached = byName(src.read(back.plusSeconds(10)));
    assertEquals(back, cached.get(SignalNames.visible("s")).observedAt(), "and cached again for the TTL from there");
    src.read(back.plusSeconds(60));
    Reading rate = byName(src.read(back.plusSeconds(120))).get(SignalNames.arrivals("s"));
    assertEquals(back.plusSeconds(120), rate.observedAt(), "arrival estimates resume on the new time line");
  }

  @Test
  void aClockStepForwardRefreshesOnceAndNoRateIsEstimatedAcrossIt() {
    String q = local.createQueue("step-forward");
    AtomicLong completed = new AtomicLong();
    SqsSignalSource src = SqsSignalSource.builder(sqs).queue("f", q).cacheTtl(Duration.ofSeconds(20))
        .completions(CompletionSource.counter(c -> completed.get())).build();
    src.read(T0);
    burst(q, 3);
    src.read(T0.plusSeconds(60));
    Reading before = byName(src.read(T0.plusSeconds(120))).get(SignalNames.arrivals("f"));
    burst(q, 3);
    Instant ahead = T0.plusSeconds(125).plus(Duration.ofHours(1));
    Map<String, Reading> r = byName(src.read(ahead));
    assertEquals(60, r.get(SignalNames.visible("f")).value());
    assertEquals(ahead, r.get(SignalNames.visible("f")).observedAt());
    // 30 messages in seconds, spread over an hour, would read as 0.008/s: not estimated, the old one ages.
    assertEquals(before, r.get(SignalNames.arrivals("f")), "no estimate over a window of an hour");
    assertEquals(ahead, byName(src.read(ahead.plusSeconds(10))).get(SignalNames.visible("f")).observedAt(), "cached again");
  }

  @Test
  void theCompletionCounterKeepsNewSamplesAfterAStepBack() {
    AtomicLong done = new AtomicLong();
    CompletionSource c = CompletionSource.counter(x -> done.get());
    for (int k = 0; k < 64; k++) {
      c.sample("j", T0.plusSeconds(60L * k));
      done.addAndGet(2);
    }
    Instant back = T0.minus(Duration.ofHours(1));
    c.sample("j", back);
    done.addAndGet(5);
    c.sample("j", back.plusSeconds(60));
    assertEquals(5, c.completed("j", back, back.plusSeconds(60)).orElse(-1), "new samples were evicted as the oldest");
  }

  @Test
  void aFifoQueueNameIsAJobClassAndOtherDotsAreRefused() {
    SqsSignalSource.builder(sqs).queue("orders.fifo", "u").build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SqsSignalSource.builder(sqs).queue("orders.v2", "u"));
    assertEquals("jobClass must be letters, digits, '-' or '_', optionally ending in '.fifo', but was 'orders.v2'",
        e.getMessage());
  }

  @Test
  void aMaxRateWindowBelowTheMinimumIsRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqsSignalSource.builder(sqs).queue("a", "u")
        .minRateWindow(Duration.ofMinutes(2)).maxRateWindow(Duration.ofMinutes(1)).build());
    assertEquals("maxRateWindow must be >= minRateWindow (PT2M), but was PT1M", e.getMessage());
  }

  @Test
  void anInvalidCountIsRejectedNamingTheSignalAndTheOthersKept() {
    SqsClient mock = mock(SqsClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    doReturn(GetQueueAttributesResponse.builder()
        .attributes(Map.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "-3",
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "2"))
        .build()).when(mock).getQueueAttributes(any(GetQueueAttributesRequest.class));
    Map<String, Reading> r = byName(SqsSignalSource.builder(mock).queue("x", "https://q/x").build().read(T0));
    assertFalse(r.containsKey(SignalNames.visible("x")));
    assertEquals(2, r.get(SignalNames.inflight("x")).value());
  }

  @Test
  void accessDeniedFailsLoudlyAndOtherErrorsKeepThePreviousValues() {
    SqsClient mock = mock(SqsClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    doReturn(GetQueueAttributesResponse.builder().attributes(Map.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "7")).build())
        .doThrow(SqsException.builder().statusCode(500)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalError").errorMessage("boom").build()).build())
        .doThrow(SqsException.builder().statusCode(403)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("no").build()).build())
        .when(mock).getQueueAttributes(any(GetQueueAttributesRequest.class));
    SqsSignalSource src = SqsSignalSource.builder(mock).queue("x", "https://q/x").cacheTtl(Duration.ofSeconds(1)).build();
    src.read(T0);
    Reading kept = byName(src.read(T0.plusSeconds(5))).get(SignalNames.visible("x"));
    assertEquals(7, kept.value());
    assertEquals(T0, kept.observedAt());
    MissingPermissionException e = assertThrows(MissingPermissionException.class, () -> src.read(T0.plusSeconds(10)));
    assertEquals("sqs:GetQueueAttributes", e.permission());
  }

  @Test
  void builderValidates() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SqsSignalSource.builder(sqs).cacheTtl(Duration.ZERO));
    assertEquals("cacheTtl must be > 0, but was PT0S", e.getMessage());
    assertThrows(IllegalStateException.class, () -> SqsSignalSource.builder(sqs).build());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SqsSignalSource.builder(sqs).queue("a b", "u"))
        .getMessage().contains("a b"));
  }
}
