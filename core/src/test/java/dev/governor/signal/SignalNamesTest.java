package dev.governor.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SignalNamesTest {
  @Test
  void namesFollowTheConventionAndAreBuiltOnce() {
    assertEquals("queue.uploads.visible", SignalNames.visible("uploads"));
    assertEquals("queue.uploads.inflight", SignalNames.inflight("uploads"));
    assertEquals("queue.uploads.delayed", SignalNames.delayed("uploads"));
    assertEquals("queue.uploads.oldest_age_s", SignalNames.oldestAge("uploads"));
    assertEquals("queue.uploads.arrivals_per_s", SignalNames.arrivals("uploads"));
    assertEquals("queue.uploads.completions_per_s", SignalNames.completions("uploads"));
    assertEquals("jobs.uploads.service_s", SignalNames.serviceTime("uploads"));
    assertSame(SignalNames.visible("uploads"), SignalNames.visible("uploads"));
  }
}
