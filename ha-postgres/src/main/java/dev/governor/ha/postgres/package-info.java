/**
 * Governor's high availability on PostgreSQL: {@link dev.governor.ha.postgres.PostgresLeaderElection}
 * (the lease as a row, on the database's clock) and {@link dev.governor.ha.postgres.PostgresStateStore}
 * (the state in the same database, writes fenced by the lease's epoch). Tables:
 * {@link dev.governor.ha.postgres.PostgresSchema}.
 */
package dev.governor.ha.postgres;
