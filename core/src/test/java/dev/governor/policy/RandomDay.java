package dev.governor.policy;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static dev.governor.Fixtures.UPLOADS;

import dev.governor.fleet.BillingModel;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.JobClass;
import dev.governor.signal.Freshness;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import dev.governor.signal.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random policy inputs for the tests that hold every policy to a rule: a day of two job
 * classes with quiet and busy spells, bursts, late jobs, missing and minute-old arrival counts,
 * uneven ticks and a fleet that changes size every tick.
 */
final class RandomDay {
  static final Duration MINUTE = Duration.ofMinutes(1);
  static final JobClass THUMBS = JobClass.of("thumbnails", Duration.ofSeconds(90), Duration.ofSeconds(5));
  static final List<JobClass> CLASSES = List.of(UPLOADS, THUMBS);

  private RandomDay() {}

  /** {@code ticks} contexts drawn from {@code seed}, each with the one before as its previous snapshot. */
  static List<PolicyContext> ticks(long seed, int ticks) {
    Random r = new Random(seed);
    List<PolicyContext> out = new ArrayList<>();
    Instant t = T0.plus(Duration.ofHours(1));
    Snapshot prev = null;
    double base = 0.5 + 4 * r.nextDouble();
    for (int k = 0; k < ticks; k++) {
      t = t.plus(r.nextInt(10) == 0 ? MINUTE.multipliedBy(2) : MINUTE);
      List<Reading> rs = new ArrayList<>();
      for (JobClass c : CLASSES) {
        double lambda = base * (1 + Math.sin(k / 30.0)) * (r.nextInt(40) == 0 ? 20 : 1);
        double visible = r.nextInt(3) == 0 ? 0 : r.nextDouble() * 400 * lambda;
        rs.add(new Reading(c.visibleSignal(), Math.floor(visible), t));
        rs.add(new Reading(c.inflightSignal(), Math.floor(r.nextDouble() * 80), t));
        if (r.nextInt(8) != 0) { // the arrivals count is missing now and then, or a minute old
          rs.add(new Reading(c.arrivalsSignal(), lambda, r.nextInt(5) == 0 ? t.minus(MINUTE) : t));
        }
        if (r.nextInt(4) == 0) {
          rs.add(new Reading(SignalNames.late(c.name()), r.nextInt(30), t));
        }
      }
      Snapshot snap = Snapshot.of(t, rs, Freshness.ofDefaults());
      out.add(new PolicyContext(t, MINUTE, snap, prev, fleet(5 + r.nextInt(40), t, r.nextInt(80)), CLASSES,
          Map.of(UPLOADS.name(), 30.0, THUMBS.name(), 5.0), Map.of(), TYPE));
      prev = snap;
    }
    return out;
  }

  /** n RUNNING instances of 4 slots, launched two hours before {@code now}, the first {@code busySlots} slots busy. */
  static Fleet fleet(int n, Instant now, int busySlots) {
    List<Instance> l = new ArrayList<>();
    int left = busySlots;
    for (int k = 0; k < n; k++) {
      int b = Math.min(4, left);
      left -= b;
      l.add(new Instance(String.format("i-%04d", k), TYPE.name(), InstanceState.RUNNING, now.minus(Duration.ofHours(2)),
          4, 0, 0.1, BillingModel.PER_SECOND).withBusySlots(b));
    }
    return Fleet.of(l);
  }
}
