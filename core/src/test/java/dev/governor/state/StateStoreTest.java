package dev.governor.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  static ControllerState sample() {
    ScalingHistory h = ScalingHistory.empty()
        .plus(new HistoryEntry(T.minusSeconds(120), 4, 9, 9, 5), Duration.ofHours(2))
        .plus(new HistoryEntry(T.minusSeconds(60), 9, 7, 9, 0), Duration.ofHours(2))
        .withLaunchFailure(T.minusSeconds(60), "InstanceLimitExceeded: vCPU quota");
    return new ControllerState(T, h, Map.of("queue.a.arrivals_per_s", "{\"n\":3}"), Map.of("a", 12.5));
  }

  @Test
  void stateRoundTripsThroughJson() {
    ControllerState s = sample();
    assertEquals(s, ControllerState.fromJson(s.toJson()));
    assertEquals(T.minusSeconds(120), s.history().lastScaleOut());
    assertEquals(null, s.history().lastScaleIn());
  }

  @Test
  void historyDropsEntriesOlderThanRetention() {
    ScalingHistory h = ScalingHistory.empty();
    for (int i = 0; i < 300; i++) {
      h = h.plus(new HistoryEntry(T.plusSeconds(60L * i), 1, 1, 1, i == 10 ? 1 : 0), Duration.ofHours(1));
    }
    assertEquals(60, h.entries().size());
    assertEquals(T.plusSeconds(600), h.lastScaleOut(), "last scale-out survives the window");
  }

  @Test
  void fileStoreReplacesAtomicallyAndLeavesNoTempFiles(@TempDir Path dir) throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve("sub/state.json"));
    assertEquals(Optional.empty(), store.load());
    store.save(sample());
    store.save(sample());
    assertEquals(sample(), store.load().orElseThrow());
    try (Stream<Path> files = Files.list(dir.resolve("sub"))) {
      assertEquals(1, files.count());
    }
    InMemoryStateStore mem = new InMemoryStateStore();
    mem.save(sample());
    assertEquals(sample(), mem.load().orElseThrow());
  }

  @Test
  void badDocumentsNameTheProblem() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ControllerState.fromJson("{\"version\":2}"))
        .getMessage().contains("version must be 1, but was 2"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ControllerState.fromJson("{\"version\":\"x\"}"))
        .getMessage().contains("'version' must be a number"));
  }
}
