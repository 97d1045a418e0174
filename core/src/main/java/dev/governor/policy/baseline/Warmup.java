package dev.governor.policy.baseline;

import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import java.time.Duration;
import java.time.Instant;

/**
 * EC2 Auto Scaling instance warmup as the baselines read it from a {@link Fleet}: an instance is
 * warming while it is PENDING or was launched less than {@code warmup} ago. AWS counts warmup from
 * InService; Governor only knows the launch time, so the boot time is part of the warmup here.
 */
final class Warmup {
  private Warmup() {}

  /** RUNNING instances past their warmup: the "current capacity" AWS uses on scale-out. */
  static int warmedCapacity(Fleet fleet, Instant now, Duration warmup) {
    int n = 0;
    double w = warmup.toNanos() / 1e9;
    for (Instance i : fleet.instances()) {
      if (i.state() == InstanceState.RUNNING && i.ageSeconds(now) >= w) {
        n++;
      }
    }
    return n;
  }

  /** Instances of the desired capacity that are still warming (PENDING or young RUNNING). */
  static int warming(Fleet fleet, Instant now, Duration warmup) {
    return fleet.effective() - warmedCapacity(fleet, now, warmup);
  }
}
