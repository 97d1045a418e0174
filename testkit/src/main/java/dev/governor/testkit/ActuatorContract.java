package dev.governor.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Sleep;
import dev.governor.action.Terminate;
import dev.governor.actuator.Actuator;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Actuator} must pass: core's in-memory one, the simulator's, EC2's,
 * Auto Scaling's, and yours. Extend it in your test sources (JUnit 5) and return a fresh
 * {@link Harness} over an empty managed pool; every test below then runs against it:
 *
 * <pre>{@code
 * class MyActuatorContractTest extends ActuatorContract {
 *   protected Harness newHarness() {
 *     return new MyHarness(new MyActuator(...));
 *   }
 * }
 * }</pre>
 *
 * <p>What it holds an actuator to: a new pool is empty; launched instances are listed at once
 * (PENDING or RUNNING) and are RUNNING after {@link #bootWait()}; a retried launch with the same
 * idempotency token launches nothing new; terminate removes idle instances; an instance outside
 * the pool is never terminated and the error names it; draining marks a busy instance DRAINING
 * and a launch that reactivates it makes it RUNNING again; Sleep changes nothing; the fleet never
 * lists an instance twice.
 */
public abstract class ActuatorContract {
  /** Creates the contract; JUnit instantiates each subclass once per test. */
  protected ActuatorContract() {}

  /** What a contract test needs around the actuator under test. */
  public interface Harness {
    /**
     * The actuator under test.
     *
     * @return the same actuator for the whole test, managing a pool that starts empty
     */
    Actuator actuator();

    /**
     * The time to pass to the actuator now.
     *
     * @return the harness's current time
     */
    Instant now();

    /**
     * Moves time on (real endpoints may also wait or poll) so that launched instances can boot.
     *
     * @param d how far
     */
    void advance(Duration d);

    /**
     * The instance type the pool launches.
     *
     * @return its name, as {@code Launch} and {@code Instance.type()} carry it
     */
    String instanceType();

    /**
     * An existing instance this actuator must not manage (another team's machine).
     *
     * @return its id
     */
    String foreignInstanceId();

    /**
     * Whether the foreign instance is still there.
     *
     * @return true if it exists and was not terminated
     */
    boolean foreignInstanceAlive();

    /**
     * Makes an instance report busy slots, as its worker would.
     *
     * @param instanceId an instance of the pool
     * @param busySlots how many of its slots are busy
     */
    void setBusy(String instanceId, int busySlots);
  }

  /**
   * A fresh harness; called before every test.
   *
   * @return a harness over an empty managed pool
   */
  protected abstract Harness newHarness();

  /**
   * How long {@link Harness#advance} must move for a launched instance to be RUNNING.
   *
   * @return 10 minutes unless overridden
   */
  protected Duration bootWait() {
    return Duration.ofMinutes(10);
  }

  /** The harness of the running test. */
  protected Harness h;

  /** Creates {@link #h} before every test. */
  @BeforeEach
  public void setUpHarness() {
    h = newHarness();
  }

  private List<Instance> live(Fleet f) {
    return f.instances().stream()
        .filter(i -> i.state() != InstanceState.TERMINATING)
        .toList();
  }

  private List<String> launch(int n, String token) {
    ActionResult r = h.actuator().apply(Launch.of(n, h.instanceType(), token), h.now());
    assertEquals(ActionResult.Status.OK, r.status(), () -> "launch failed: " + r.errors());
    assertEquals(n, r.launched().size(), "launched ids");
    return r.launched();
  }

  /** A new pool lists no live instance. */
  @Test
  public void aNewPoolIsEmpty() {
    assertEquals(List.of(), live(h.actuator().fleet(h.now())));
  }

  /** Launched instances are listed at once with their type and are RUNNING after {@link #bootWait()}. */
  @Test
  public void launchAddsInstancesThatBootToRunning() {
    List<String> ids = launch(3, "contract-launch-1");
    assertEquals(3, new HashSet<>(ids).size(), "distinct ids");
    Fleet f = h.actuator().fleet(h.now());
    for (String id : ids) {
      Instance i = f.byId(id);
      assertNotNull(i, "launched instance " + id + " listed");
      assertTrue(i.state() == InstanceState.PENDING || i.state() == InstanceState.RUNNING, "state " + i.state());
      assertEquals(h.instanceType(), i.type());
    }
    h.advance(bootWait());
    Fleet later = h.actuator().fleet(h.now());
    for (String id : ids) {
      assertEquals(InstanceState.RUNNING, later.byId(id).state(), id + " running after boot wait");
    }
  }

  /** A launch retried with the same idempotency token succeeds and launches nothing new. */
  @Test
  public void aRetriedLaunchWithTheSameTokenLaunchesNothingNew() {
    launch(2, "contract-token-same");
    ActionResult again = h.actuator().apply(Launch.of(2, h.instanceType(), "contract-token-same"), h.now());
    assertTrue(again.succeeded(), () -> "retry must not fail: " + again.errors());
    assertEquals(2, live(h.actuator().fleet(h.now())).size(), "no second launch");
  }

  /** Terminating an idle instance removes it from the pool and leaves the others RUNNING. */
  @Test
  public void terminateRemovesIdleInstances() {
    List<String> ids = launch(2, "contract-term");
    h.advance(bootWait());
    ActionResult r = h.actuator().apply(Terminate.of(List.of(ids.get(0))), h.now());
    assertEquals(ActionResult.Status.OK, r.status(), () -> "terminate failed: " + r.errors());
    assertEquals(List.of(ids.get(0)), r.terminated());
    Fleet f = h.actuator().fleet(h.now());
    Instance gone = f.byId(ids.get(0));
    assertTrue(gone == null || gone.state() == InstanceState.TERMINATING, "terminated instance leaves the pool");
    assertEquals(InstanceState.RUNNING, f.byId(ids.get(1)).state());
  }

  /** An instance the actuator does not manage is never terminated; the failure names it. */
  @Test
  public void anInstanceOutsideThePoolIsNeverTerminated() {
    launch(1, "contract-foreign");
    String foreign = h.foreignInstanceId();
    ActionResult r = h.actuator().apply(Terminate.of(List.of(foreign)), h.now());
    assertEquals(ActionResult.Status.FAILED, r.status());
    assertTrue(String.join(" ", r.errors()).contains(foreign), () -> "error names the instance: " + r.errors());
    assertTrue(h.foreignInstanceAlive(), "foreign instance untouched");
    assertEquals(1, live(h.actuator().fleet(h.now())).size(), "pool unchanged");
  }

  /** A busy instance is drained (DRAINING, no longer counted running) and a launch that reactivates it makes it RUNNING again. */
  @Test
  public void drainingMarksBusyInstancesAndReactivationReturnsThem() {
    List<String> ids = launch(2, "contract-drain");
    h.advance(bootWait());
    h.setBusy(ids.get(0), 1);
    ActionResult r = h.actuator().apply(new Terminate(List.of(), List.of(ids.get(0)), -1), h.now());
    assertEquals(ActionResult.Status.OK, r.status(), () -> "drain failed: " + r.errors());
    assertEquals(List.of(ids.get(0)), r.drained());
    Fleet f = h.actuator().fleet(h.now());
    assertEquals(InstanceState.DRAINING, f.byId(ids.get(0)).state());
    assertEquals(1, f.running());

    ActionResult back = h.actuator().apply(new Launch(0, h.instanceType(), List.of(ids.get(0)), "contract-reactivate"), h.now());
    assertEquals(ActionResult.Status.OK, back.status(), () -> "reactivate failed: " + back.errors());
    assertEquals(InstanceState.RUNNING, h.actuator().fleet(h.now()).byId(ids.get(0)).state());
  }

  /** Sleep is a no-op and changes no instance. */
  @Test
  public void sleepChangesNothing() {
    launch(1, "contract-sleep");
    Set<String> before = new HashSet<>();
    live(h.actuator().fleet(h.now())).forEach(i -> before.add(i.id()));
    ActionResult r = h.actuator().apply(new Sleep("contract"), h.now());
    assertEquals(ActionResult.Status.NOOP, r.status());
    Set<String> after = new HashSet<>();
    live(h.actuator().fleet(h.now())).forEach(i -> after.add(i.id()));
    assertEquals(before, after);
  }

  /** The fleet lists every instance once, and an unknown id is absent. */
  @Test
  public void fleetNeverListsTheSameInstanceTwice() {
    launch(4, "contract-unique");
    Fleet f = h.actuator().fleet(h.now());
    Set<String> seen = new HashSet<>();
    for (Instance i : f.instances()) {
      assertTrue(seen.add(i.id()), "duplicate " + i.id());
    }
    assertFalse(seen.isEmpty());
    assertNull(f.byId("i-does-not-exist"));
  }
}
