package dev.governor.simulation.internal;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Sleep;
import dev.governor.actuator.Actuator;
import dev.governor.fleet.Fleet;
import dev.governor.simulation.Faults;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The faults of the API between a controller and its fleet, wrapped around the
 * {@link SimulatedActuator}: a fleet view that cannot be read ({@code fleetViewFailure}) or that
 * lags ({@code fleetViewLag}: the controller gets the view as it was that long ago), and calls
 * that act and then throw ({@code lostResponse}). It also undoes a clock step: the controller's
 * {@code now} may be off, the model's time is not ({@link #clockOffset}).
 */
final class FaultyActuator implements Actuator {
  private final SimulatedActuator real;
  private final FleetModel model;
  private final Faults faults;
  private final double lag;
  private final SplittableRandom failRnd;
  private final SplittableRandom lostRnd;
  private final ArrayDeque<Object[]> views = new ArrayDeque<>();
  /** Seconds the controller's clock is ahead of true time (negative: behind). */
  double clockOffset;
  long fleetViewFailures;
  long lostResponses;

  FaultyActuator(SimulatedActuator real, FleetModel model, Faults faults, long seed) {
    this.real = real;
    this.model = model;
    this.faults = faults;
    this.lag = faults.fleetViewLag().toNanos() / 1e9;
    this.failRnd = Seeds.stream(seed, Seeds.FLEET_FAILURE);
    this.lostRnd = Seeds.stream(seed, Seeds.LOST);
  }

  private Instant trueNow(Instant now) {
    return clockOffset == 0 ? now : model.instant(model.seconds(now) - clockOffset);
  }

  @Override
  public Fleet fleet(Instant now) {
    Fleet current = real.fleet(trueNow(now));
    if (faults.fleetViewFailure() > 0 && failRnd.nextDouble() < faults.fleetViewFailure()) {
      fleetViewFailures++;
      throw new IllegalStateException("Ec2Exception: Service Unavailable (Status Code: 503) on DescribeInstances"
          + " (simulated fleet view failure)");
    }
    if (lag <= 0) {
      return current;
    }
    double t = model.now;
    views.addLast(new Object[] {t, current});
    // keep the newest view at least lag old at the front
    while (views.size() > 1) {
      java.util.Iterator<Object[]> it = views.iterator();
      it.next();
      if ((double) it.next()[0] > t - lag) {
        break;
      }
      views.removeFirst();
    }
    return (Fleet) views.peekFirst()[1];
  }

  @Override
  public ActionResult apply(Action action, Instant now) {
    ActionResult r = real.apply(action, trueNow(now));
    if (!(action instanceof Sleep) && faults.lostResponse() > 0 && lostRnd.nextDouble() < faults.lostResponse()) {
      lostResponses++;
      throw new IllegalStateException("SdkClientException: Unable to execute HTTP request: Read timed out"
          + " (simulated lost response; the call did: " + r.status() + ")");
    }
    return r;
  }

  @Override
  public Optional<Set<String>> launchableTypes() {
    return real.launchableTypes();
  }
}
