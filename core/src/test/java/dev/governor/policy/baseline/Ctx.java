package dev.governor.policy.baseline;

import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.policy.PolicyContext;
import dev.governor.signal.Freshness;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import dev.governor.signal.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds hand-made {@link PolicyContext}s for the baseline tests. */
final class Ctx {
  /** A Monday, midnight UTC. */
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final JobClass UPLOADS = JobClass.of("uploads", Duration.ofSeconds(10), Duration.ofMillis(100));
  static final InstanceType TYPE = InstanceType.of("c7g.large", 1, 0.1);

  private final Instant now;
  private Duration tick = Duration.ofSeconds(60);
  private final Map<String, Double> signals = new LinkedHashMap<>();
  private final List<Instance> instances = new ArrayList<>();
  private List<JobClass> classes = List.of(UPLOADS);
  private int ids;

  private Ctx(Instant now) {
    this.now = now;
  }

  static Ctx at(Instant now) {
    return new Ctx(now);
  }

  static Ctx atMinute(int minute) {
    return new Ctx(T0.plusSeconds(60L * minute));
  }

  Ctx tick(Duration d) {
    tick = d;
    return this;
  }

  Ctx classes(JobClass... c) {
    classes = List.of(c);
    return this;
  }

  Ctx signal(String name, double v) {
    signals.put(name, v);
    return this;
  }

  Ctx visible(double v) {
    return signal(SignalNames.visible(UPLOADS.name()), v);
  }

  Ctx inflight(double v) {
    return signal(SignalNames.inflight(UPLOADS.name()), v);
  }

  Ctx delayed(double v) {
    return signal(SignalNames.delayed(UPLOADS.name()), v);
  }

  Ctx arrivals(double v) {
    return signal(SignalNames.arrivals(UPLOADS.name()), v);
  }

  /** Instances RUNNING for a day: past any warmup. */
  Ctx running(int n) {
    return runningSince(n, now.minus(Duration.ofDays(1)));
  }

  Ctx runningSince(int n, Instant launchedAt) {
    return add(n, InstanceState.RUNNING, launchedAt, 0);
  }

  Ctx runningBusy(int... busy) {
    for (int b : busy) {
      instances.add(Instance.launched("i-" + (ids++), TYPE.withBilling(TYPE.billing()), InstanceState.RUNNING,
          now.minus(Duration.ofDays(1))).withBusySlots(b));
    }
    return this;
  }

  Ctx pending(int n) {
    return add(n, InstanceState.PENDING, now, 0);
  }

  Ctx draining(int n) {
    return add(n, InstanceState.DRAINING, now.minus(Duration.ofDays(1)), 0);
  }

  private Ctx add(int n, InstanceState s, Instant at, int busy) {
    for (int i = 0; i < n; i++) {
      instances.add(Instance.launched("i-" + (ids++), TYPE, s, at).withBusySlots(busy));
    }
    return this;
  }

  PolicyContext build() {
    List<Reading> rs = new ArrayList<>();
    signals.forEach((k, v) -> rs.add(Reading.of(k, v, now)));
    return new PolicyContext(now, tick, Snapshot.of(now, rs, Freshness.ofDefaults()), null, Fleet.of(instances), classes,
        Map.of(), Map.of(), TYPE);
  }
}
