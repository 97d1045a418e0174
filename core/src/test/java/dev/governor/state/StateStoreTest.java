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
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ControllerState.fromJson("{\"version\":4}"))
        .getMessage().contains("version must be 1, 2 or 3, but was 4"));
    String ok = sample().toJson();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ControllerState.fromJson(ok.replace(
        "\"policies\":{}", "\"policies\":{\"governor\":7}"))).getMessage()
        .contains("'policies.governor' must be a string, but was 7"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ControllerState.fromJson("{\"version\":\"x\"}"))
        .getMessage().contains("'version' must be a number"));
  }

  @Test
  void launchesInFlightRoundTripAndVersionOneStillReads() {
    ControllerState s = sample();
    ControllerState v2 = new ControllerState(T, s.history(), s.predictors(), s.serviceSeconds(), java.util.List.of(
        new InFlightLaunch("gov-1-2-3", "c7g.large", 3, T.minusSeconds(30), java.util.List.of("i-1", "i-2"),
            java.util.List.of("i-1"), java.util.List.of("i-1"), java.util.List.of())));
    assertEquals(v2, ControllerState.fromJson(v2.toJson()));
    String v2doc = s.toJson().replace("\"version\":3", "\"version\":2").replace(",\"policies\":{}", "");
    assertEquals(s, ControllerState.fromJson(v2doc));
    String v1 = v2doc.replace("\"version\":2", "\"version\":1").replace(",\"inFlight\":[]", "");
    assertEquals(s, ControllerState.fromJson(v1));
  }

  @Test
  void thePolicysStateRoundTripsByPolicyName() {
    ControllerState s = sample();
    ControllerState v3 = new ControllerState(T, s.history(), s.predictors(), s.serviceSeconds(), java.util.List.of(),
        Map.of("governor", "{\"policy\":\"governor\",\"version\":1,\"classes\":{}}"));
    assertEquals(v3, ControllerState.fromJson(v3.toJson()));
    assertTrue(v3.toJson().contains("\"policies\":{\"governor\":\"{\\\"policy\\\""), v3.toJson());
    assertEquals(Map.of(), s.policies(), "the shorter constructors keep none");
  }

  @Test
  void statesThatCannotBeTrueAreRefusedNamingFieldRuleAndValue() {
    String ok = sample().toJson();
    assertEquals("serviceSeconds of 'a' must be > 0 and finite, but was -12.5", assertThrows(IllegalArgumentException.class,
        () -> ControllerState.fromJson(ok.replace("12.5", "-12.5"))).getMessage());
    String swapped = ok.replace(T.minusSeconds(120).toString(), "X").replace(T.minusSeconds(60).toString(),
        T.minusSeconds(120).toString()).replace("X", T.minusSeconds(60).toString());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ControllerState.fromJson(swapped)).getMessage()
        .contains("history entries must be in time order"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ControllerState.fromJson(ok.replace(
        "\"current\":4", "\"current\":-4"))).getMessage().contains("'history[0].current' must be >= 0, but was -4"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ControllerState(T.minusSeconds(90), sample().history(),
        Map.of(), Map.of())).getMessage().contains("history must end by savedAt"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> InFlightLaunch.started("t", "c7g.large", 0, T,
        java.util.List.of())).getMessage().contains("count must be > 0, but was 0"));
  }
}
