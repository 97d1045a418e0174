/**
 * High availability: several controllers of one pool, one acting. {@link dev.governor.ha.LeaderElection}
 * chooses the holder of a lease; each new holder gets a larger epoch, which the controller puts on
 * every action ({@code Action.epoch()}) and every state write ({@link dev.governor.state.FencedStateStore}),
 * so that a deposed leader's late action or write is refused. Enable it with
 * {@code Controller.Builder.leaderElection(...)}; {@link dev.governor.ha.InMemoryLeaderElection} is
 * the in-process implementation, {@code governor-ha-postgres} the one on PostgreSQL.
 */
package dev.governor.ha;
