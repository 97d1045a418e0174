package dev.governor.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.signal.SignalNames;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JobClassTest {
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final Duration SERVICE = Duration.ofSeconds(30);

  @Test
  void everySqsQueueNameIsAClassName() {
    // SQS CreateQueue: "A queue name can have up to 80 characters. Valid values: alphanumeric
    // characters, hyphens (-), and underscores (_)"; "A FIFO queue name must end with the .fifo suffix."
    for (String n : List.of("orders", "orders.fifo", "Orders_2-EU", "a", "a.fifo", "x".repeat(80),
        "x".repeat(75) + ".fifo")) {
      assertEquals(n, JobClass.of(n, WAIT, SERVICE).name());
    }
    JobClass fifo = JobClass.of("orders.fifo", WAIT, SERVICE);
    assertEquals("queue.orders.fifo.visible", fifo.visibleSignal());
    assertEquals("queue.orders.fifo.inflight", fifo.inflightSignal());
    assertEquals("jobs.orders.fifo.service_s", fifo.serviceTimeSignal());
  }

  @Test
  void aDotIsOnlyAllowedAsTheFifoSuffix() {
    for (String n : List.of("", ".fifo", "a.b", "a.fifo.fifo", "orders.FIFO", "orders.", "a b", "ü", "orders.fifox")) {
      assertFalse(JobClass.isValidName(n), n);
    }
    assertFalse(JobClass.isValidName(null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobClass.of("a.b", WAIT, SERVICE));
    assertEquals("name must be letters, digits, '-' or '_', optionally ending in '.fifo', but was 'a.b'",
        e.getMessage());
  }

  /** Two different class names never share a signal name, whichever of the per-class signals. */
  @Property(tries = 300)
  void signalNamesOfDifferentClassesNeverCollide(@ForAll("names") String a, @ForAll("names") String b) {
    assertTrue(JobClass.isValidName(a) && JobClass.isValidName(b));
    if (a.equals(b)) {
      return;
    }
    Set<String> of = new HashSet<>(names(a));
    for (String s : names(b)) {
      assertFalse(of.contains(s), a + " and " + b + " both give " + s);
    }
  }

  private static List<String> names(String c) {
    return List.of(SignalNames.visible(c), SignalNames.inflight(c), SignalNames.delayed(c), SignalNames.oldestAge(c),
        SignalNames.arrivals(c), SignalNames.completions(c), SignalNames.serviceTime(c));
  }

  @Provide
  Arbitrary<String> names() {
    // short stems over a small alphabet, so that near-collisions ("a" vs "a.fifo") are drawn often
    Arbitrary<String> stem = Arbitraries.strings().withChars("ab-_").ofMinLength(1).ofMaxLength(3);
    return Arbitraries.oneOf(stem, stem.map(s -> s + ".fifo"));
  }
}
