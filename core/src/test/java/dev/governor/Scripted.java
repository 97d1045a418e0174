package dev.governor;

import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Test helpers: a policy that wants what it is told, and a wall clock that can be stepped either way. */
final class Scripted implements ScalingPolicy {
  int want;

  Scripted(int want) {
    this.want = want;
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public Proposal propose(PolicyContext context) {
    return Proposal.of(want, Reason.of("scripted", "wants " + want));
  }

  /** A clock that steps like a real one can (NTP, a restored VM), built only on InstantSource. */
  static final class WallClock implements java.time.InstantSource {
    final AtomicReference<Instant> now;

    WallClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    WallClock plus(java.time.Duration d) {
      now.set(now.get().plus(d));
      return this;
    }
  }
}
