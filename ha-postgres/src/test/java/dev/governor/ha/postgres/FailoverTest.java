package dev.governor.ha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.TickReport;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Terminate;
import dev.governor.ha.Lease;
import dev.governor.ha.Role;
import dev.governor.state.ControllerState;
import dev.governor.state.ScalingHistory;
import dev.governor.state.StaleEpochException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two and three controllers of one pool on a real PostgreSQL server: the leader killed, paused past
 * its lease, cut from the database, and the database restarted. Leases of 2 s on the database's
 * clock; a round (every live controller ticks once) every 0.4 s of real time.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class FailoverTest {
  private static PgServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new PgServer();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** The invariants every scenario keeps, checked on everything that happened. */
  private static void assertSafe(Cluster c, int maxWanted) {
    Map<Long, Set<String>> leaders = new HashMap<>();
    synchronized (c.ticks) {
      for (Cluster.Tick t : c.ticks) {
        if (t.report().role() == Role.LEADER) {
          leaders.computeIfAbsent(t.report().epoch(), e -> new HashSet<>()).add(t.candidate());
        }
      }
    }
    leaders.forEach((e, who) -> assertEquals(1, who.size(), "two leaders in epoch " + e + ": " + who));
    Map<Long, Set<String>> actors = new HashMap<>();
    long last = 0;
    synchronized (c.acts) {
      for (Cluster.Act a : c.acts) {
        if (a.status() == ActionResult.Status.REFUSED) {
          continue;
        }
        actors.computeIfAbsent(a.epoch(), e -> new HashSet<>()).add(a.candidate());
        assertTrue(a.epoch() >= last, "an action of epoch " + a.epoch() + " reached the fleet after one of epoch " + last);
        last = a.epoch();
      }
    }
    actors.forEach((e, who) -> assertEquals(1, who.size(), "two actors in epoch " + e + ": " + who));
    assertTrue(c.maxEffective <= maxWanted, "double launch: the fleet reached " + c.maxEffective + " for " + maxWanted
        + " wanted");
  }

  private static TickReport last(Cluster c, String id) {
    synchronized (c.ticks) {
      for (int k = c.ticks.size() - 1; k >= 0; k--) {
        if (c.ticks.get(k).candidate().equals(id)) {
          return c.ticks.get(k).report();
        }
      }
    }
    throw new AssertionError("no tick of " + id);
  }

  @Test
  void a_twoControllersOneActsAndAStandbyTakesOverWithinTwoTicksOfTheLeaseExpiring() {
    Cluster c = new Cluster(server, "two", "a", "b");
    c.rounds(2);
    assertEquals("a", c.leaderOf(1));
    assertEquals(Role.STANDBY, last(c, "b").role());
    c.want = 6;
    c.rounds(1);
    assertEquals(2, c.launched(), "one launch of 2, by the leader only");
    long epoch = c.lease().epoch();

    c.member("a").alive = false; // killed: no release, its lease runs out on the database's clock
    int waited = c.roundsUntilLeaseExpires(20);
    assertTrue(waited >= 3, "the lease outlived its holder by about its length, not less: " + waited + " rounds");
    int failover = c.roundsUntilLeader(5);
    assertTrue(failover >= 1 && failover <= 2, "failover took " + failover + " ticks after the lease expired");
    TickReport b = last(c, "b");
    assertEquals(Role.LEADER, b.role());
    assertEquals(epoch + 1, b.epoch(), "a new leader, a new epoch");
    c.rounds(2);
    assertEquals(2, c.launched(), "the new leader did not launch again what the last one launched");
    assertSafe(c, 6);
  }

  @Test
  void b_threeControllersKillTheLeaderTwice() {
    Cluster c = new Cluster(server, "three", "a", "b", "c");
    c.rounds(2);
    String first = c.leaderOf(1);
    assertNotNull(first);
    c.want = 5;
    c.rounds(1);
    c.member(first).alive = false;
    c.roundsUntilLeaseExpires(20);
    assertTrue(c.roundsUntilLeader(5) <= 2);
    String second = c.leaderOf(c.round.get() - 1);
    assertNotEquals(first, second);
    c.want = 7;
    c.rounds(1);
    c.member(second).alive = false;
    c.roundsUntilLeaseExpires(20);
    assertTrue(c.roundsUntilLeader(5) <= 2);
    String third = c.leaderOf(c.round.get() - 1);
    assertFalse(third.equals(first) || third.equals(second), third);
    assertEquals(3, c.lease().epoch());
    c.rounds(2);
    assertEquals(3, c.launched(), "1 then 2 launched, each once");
    assertSafe(c, 7);
  }

  @Test
  void c_aLeaderPausedPastItsLeaseIsRefusedWhenItResumes() throws Exception {
    Cluster c = new Cluster(server, "pause", "a", "b");
    c.rounds(2);
    assertEquals("a", c.leaderOf(1));
    Cluster.Member a = c.member("a");
    // a GC pause between a's last lease check and its call to the fleet, longer than the lease
    a.pauseBeforeNextCall = Cluster.LEASE.toMillis() + 1500;
    a.alive = false; // the round loop must not tick it while it is paused in its own thread
    c.want = 6;
    CompletableFuture<TickReport> paused = CompletableFuture.supplyAsync(a::tick);
    Cluster.sleep(100);
    int failover = c.roundsUntilLeader(15);
    assertTrue(failover > 0, "b took over while a was paused");
    TickReport late = paused.get(10, TimeUnit.SECONDS);
    assertEquals(ActionResult.Status.REFUSED, late.result().status(), late.summary());
    assertTrue(late.result().errors().get(0).startsWith("StaleEpoch"), late.result().errors().toString());
    assertTrue(late.errors().stream().anyMatch(e -> e.startsWith("state: StaleEpochException")),
        "its state write was refused too: " + late.errors());
    assertEquals(Role.STANDBY, late.role(), "it learns in that tick that it was deposed");
    a.alive = true;
    // a recorded its launch as in flight before the call (so that a lost response is never
    // launched twice); b cannot know the call was refused, so it honours that launch until the
    // launch grace (boot + 3 min) has passed, then launches it itself — once
    for (int i = 0; i < 16 && c.launched() < 2; i++) {
      c.rounds(1);
      assertTrue(c.launched() <= 2, "never more than one decision's launch");
    }
    assertEquals(Role.STANDBY, last(c, "a").role());
    assertEquals(Role.LEADER, last(c, "b").role());
    assertEquals(2, c.launched(), "b launched 2; a's late launch of epoch 1 changed nothing");
    assertSafe(c, 6);
  }

  @Test
  void d_aLeaderCutFromTheDatabaseStopsActingAndAStandbyTakesOver() throws Exception {
    Cluster c = new Cluster(server, "cut", "a", "b");
    c.rounds(2);
    assertEquals("a", c.leaderOf(1));
    c.member("a").db.cut();
    c.want = 6;
    c.rounds(1);
    TickReport cut = last(c, "a");
    assertEquals(Role.STANDBY, cut.role(), "a leader that cannot confirm its lease does not act: " + cut.summary());
    assertTrue(cut.errors().stream().anyMatch(e -> e.startsWith("lease:")), cut.errors().toString());
    assertEquals(0, c.launched());
    c.roundsUntilLeaseExpires(20);
    assertTrue(c.roundsUntilLeader(5) <= 2);
    assertEquals("b", c.leaderOf(c.round.get() - 1));
    c.member("a").db.heal();
    c.rounds(2);
    assertEquals(Role.STANDBY, last(c, "a").role(), "back on the network, a finds the lease taken");
    assertEquals(2, c.launched());
    assertSafe(c, 6);
  }

  @Test
  void e_theNewLeaderDecidesNoScaleInOnItsFirstTickAndKeepsTheLaunchesInFlight() {
    Cluster c = new Cluster(server, "stale", "a", "b");
    c.rounds(2);
    c.want = 8;
    c.rounds(1); // a launches 4: in flight (booting) in the saved state
    assertEquals(4, c.launched());
    c.member("a").alive = false;
    c.want = 2; // the load vanished: a view without the history would scale in at once
    c.roundsUntilLeaseExpires(20);
    assertTrue(c.roundsUntilLeader(5) <= 2);
    TickReport first = last(c, "b");
    assertEquals(Role.LEADER, first.role());
    assertFalse(first.action() instanceof Terminate, "scale-in on the takeover tick: " + first.summary());
    assertTrue(first.desired() >= first.running() + first.pending(), first.summary());
    assertEquals(1, c.member("b").controller.inFlight().size(), "the launch in flight was taken over from the store");
    assertSafe(c, 8);
  }

  @Test
  void f_aDatabaseRestartStopsEveryoneActingAndTheLeaseSurvivesIt() throws Exception {
    Cluster c = new Cluster(server, "restart", "a", "b");
    c.rounds(2);
    assertEquals("a", c.leaderOf(1));
    long before = c.lease().epoch();
    server.stop();
    c.want = 6;
    c.rounds(2);
    assertEquals(Role.STANDBY, last(c, "a").role(), last(c, "a").summary());
    assertEquals(Role.STANDBY, last(c, "b").role());
    assertEquals(0, c.launched(), "nobody acts while the database is down");
    server.start();
    int back = c.roundsUntilLeader(10);
    assertTrue(back >= 1 && back <= 7, "a leader again within the lease after the restart: " + back + " rounds");
    c.rounds(2);
    Lease after = c.lease();
    assertTrue(after.epoch() >= before, "epochs survive a restart");
    assertEquals(2, c.launched());
    assertSafe(c, 6);
  }

  @Test
  void g_theLeaseRowTakesTheEpochFromTheStoreAndRenewalKeepsIt() {
    PgServer.Cuttable ds = server.dataSource("unit");
    PostgresLeaderElection x = new PostgresLeaderElection(ds, "unit", "x", Cluster.LEASE);
    PostgresLeaderElection y = new PostgresLeaderElection(ds, "unit", "y", Cluster.LEASE);
    Lease l = x.acquire();
    assertTrue(l.held());
    assertEquals(1, l.epoch());
    assertTrue(l.remaining().compareTo(Cluster.LEASE) <= 0 && l.remaining().toMillis() > 1000, l.toString());
    assertFalse(y.acquire().held(), "two holders at once");
    assertEquals(1, x.renew(1).epoch());
    assertFalse(x.renew(2).held(), "a renew under another epoch takes nothing");
    x.release(1);
    Lease taken = y.acquire();
    assertTrue(taken.held());
    assertEquals(2, taken.epoch());
    assertFalse(x.renew(1).held(), "a deposed holder cannot renew");
    PostgresStateStore store = new PostgresStateStore(ds, "unit");
    assertEquals(2, store.epoch(), "the store's epoch rises when the lease moves");
  }

  @Test
  void h_aDeposedLeaderWritesNothingEvenBeforeTheNewOneHasWritten() {
    PgServer.Cuttable ds = server.dataSource("fence");
    PostgresLeaderElection x = new PostgresLeaderElection(ds, "fence", "x", Cluster.LEASE);
    PostgresLeaderElection y = new PostgresLeaderElection(ds, "fence", "y", Cluster.LEASE);
    PostgresStateStore store = new PostgresStateStore(ds, "fence");
    ControllerState first = new ControllerState(Cluster.T0, ScalingHistory.empty(), Map.of(), Map.of());
    ControllerState late = new ControllerState(Cluster.T0.plusSeconds(60), ScalingHistory.empty(), Map.of(), Map.of());
    assertEquals(1, x.acquire().epoch());
    store.claim(1);
    store.save(first, 1);
    x.release(1);
    assertEquals(2, y.acquire().epoch()); // y leads but has written nothing yet
    StaleEpochException e = assertThrows(StaleEpochException.class, () -> store.save(late, 1));
    assertTrue(e.getMessage().startsWith("StaleEpoch"), e.getMessage());
    assertEquals(Cluster.T0, store.load().orElseThrow().savedAt(), "the deposed leader's write changed nothing");
    assertThrows(StaleEpochException.class, () -> store.claim(1));
    store.claim(2);
    store.save(late, 2);
    assertEquals(late.savedAt(), store.load().orElseThrow().savedAt());
    assertTrue(PostgresSchema.SQL.contains("CREATE TABLE IF NOT EXISTS governor_lease"));
    assertThrows(IllegalArgumentException.class, () -> new PostgresStateStore(ds, "Robert'); DROP TABLE x;--", "p"));
  }
}
