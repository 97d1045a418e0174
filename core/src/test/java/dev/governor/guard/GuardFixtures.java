package dev.governor.guard;

import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import dev.governor.signal.Freshness;
import dev.governor.signal.Snapshot;
import dev.governor.state.HistoryEntry;
import dev.governor.state.ScalingHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

final class GuardFixtures {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final InstanceType TYPE = InstanceType.of("m7g.large", 4, 0.10);

  private GuardFixtures() {}

  static Fleet running(int n) {
    List<Instance> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(Instance.launched("i-" + i, TYPE, InstanceState.RUNNING, T0));
    }
    return Fleet.of(l);
  }

  static GuardContext ctx(Instant now, int current, int proposed, ScalingHistory h) {
    return ctx(now, current, proposed, h, Set.of());
  }

  static GuardContext ctx(Instant now, int current, int proposed, ScalingHistory h, Set<String> stale) {
    return new GuardContext(now, current, proposed, Snapshot.empty(now, Freshness.ofDefaults()), stale, h,
        running(current), TYPE);
  }

  /** A history with one tick per minute ending one minute before {@code now}. */
  static ScalingHistory history(Instant now, int... proposals) {
    ScalingHistory h = ScalingHistory.empty();
    for (int k = 0; k < proposals.length; k++) {
      Instant at = now.minus(Duration.ofMinutes(proposals.length - k));
      h = h.plus(new HistoryEntry(at, 10, proposals[k], proposals[k], 0), Duration.ofHours(2));
    }
    return h;
  }
}
