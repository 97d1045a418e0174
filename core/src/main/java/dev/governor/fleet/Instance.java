package dev.governor.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * One worker machine.
 *
 * @param id provider id (e.g. {@code i-0abc…})
 * @param type instance type name
 * @param state life-cycle state
 * @param launchedAt launch time; billing starts here
 * @param slots concurrent jobs it can serve
 * @param busySlots jobs it is serving now (0..slots)
 * @param hourlyPrice price per hour
 * @param billing billing model
 * @param launchToken the idempotency token of the launch that started it ({@code Launch.token()}),
 *     or {@code null} when unknown; lets the controller match a launch whose response was lost to
 *     the instances it started
 */
public record Instance(String id, String type, InstanceState state, Instant launchedAt, int slots, int busySlots,
    double hourlyPrice, BillingModel billing, String launchToken) {
  /**
   * Validates the instance: id, type, state, launch time and billing not null; id and type not
   * blank; a non-null token not blank; {@code slots > 0}; {@code 0 <= busySlots <= slots}; price
   * finite and &gt;= 0.
   *
   * @param id provider id (e.g. {@code i-0abc…})
   * @param type instance type name
   * @param state life-cycle state
   * @param launchedAt launch time; billing starts here
   * @param slots concurrent jobs it can serve
   * @param busySlots jobs it is serving now (0..slots)
   * @param hourlyPrice price per hour
   * @param billing billing model
   * @param launchToken the idempotency token of the launch that started it ({@code Launch.token()}),
   *     or {@code null} when unknown; lets the controller match a launch whose response was lost to
   *     the instances it started
   */
  public Instance {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(launchedAt, "launchedAt");
    Objects.requireNonNull(billing, "billing");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank, but was '" + id + "'");
    }
    if (type.isBlank()) {
      throw new IllegalArgumentException("type of " + id + " must not be blank");
    }
    if (launchToken != null && launchToken.isBlank()) {
      throw new IllegalArgumentException("launchToken of " + id + " must not be blank (null when unknown)");
    }
    if (slots <= 0) {
      throw new IllegalArgumentException("slots of " + id + " must be > 0, but was " + slots);
    }
    if (busySlots < 0 || busySlots > slots) {
      throw new IllegalArgumentException("busySlots of " + id + " must be in [0, " + slots + "], but was " + busySlots);
    }
    if (!(hourlyPrice >= 0) || Double.isInfinite(hourlyPrice)) {
      throw new IllegalArgumentException("hourlyPrice of " + id + " must be >= 0 and finite, but was " + hourlyPrice);
    }
  }

  /**
   * An instance whose launch token is unknown.
   *
   * @param id provider id
   * @param type instance type name
   * @param state life-cycle state
   * @param launchedAt launch time
   * @param slots concurrent jobs it can serve (&gt; 0)
   * @param busySlots jobs served now (0..slots)
   * @param hourlyPrice price per hour (&gt;= 0)
   * @param billing billing model
   */
  public Instance(String id, String type, InstanceState state, Instant launchedAt, int slots, int busySlots,
      double hourlyPrice, BillingModel billing) {
    this(id, type, state, launchedAt, slots, busySlots, hourlyPrice, billing, null);
  }

  /**
   * A new instance of a type, launched at {@code at}.
   *
   * @param id provider id
   * @param t its type: slots, price and billing come from it
   * @param state life-cycle state
   * @param at launch time
   * @return an instance with no busy slot and no launch token
   */
  public static Instance launched(String id, InstanceType t, InstanceState state, Instant at) {
    return new Instance(id, t.name(), state, at, t.slots(), 0, t.hourlyPrice(), t.billing());
  }

  /**
   * Whether it serves at least one job.
   *
   * @return {@code busySlots > 0}
   */
  public boolean isBusy() {
    return busySlots > 0;
  }

  /**
   * The same instance in another state.
   *
   * @param s the new state
   * @return a copy with state {@code s}
   */
  public Instance withState(InstanceState s) {
    return new Instance(id, type, s, launchedAt, slots, busySlots, hourlyPrice, billing, launchToken);
  }

  /**
   * The same instance serving another number of jobs.
   *
   * @param busy jobs served (0..slots)
   * @return a copy with {@code busySlots = busy}
   */
  public Instance withBusySlots(int busy) {
    return new Instance(id, type, state, launchedAt, slots, busy, hourlyPrice, billing, launchToken);
  }

  /**
   * The same instance, started by the launch with {@code token} (null: unknown).
   *
   * @param token the launch's token, or null
   * @return a copy with that launch token
   */
  public Instance withLaunchToken(String token) {
    return new Instance(id, type, state, launchedAt, slots, busySlots, hourlyPrice, billing, token);
  }

  /**
   * Seconds since launch at {@code now}, with nanosecond precision; 0 if {@code now} is before the
   * launch.
   *
   * @param now the time to measure at
   * @return the age in seconds (&gt;= 0)
   */
  public double ageSeconds(Instant now) {
    double age = (now.getEpochSecond() - launchedAt.getEpochSecond()) + (now.getNano() - launchedAt.getNano()) / 1e9;
    return Math.max(0, age);
  }

  /**
   * Paid-for seconds this instance would waste if terminated at {@code now}.
   *
   * @param now the time of the termination
   * @return seconds paid but unused, per the billing model
   */
  public double paidRemainingSeconds(Instant now) {
    return billing.paidRemainingSeconds(ageSeconds(now));
  }
}
