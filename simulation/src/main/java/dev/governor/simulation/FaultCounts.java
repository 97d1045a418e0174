package dev.governor.simulation;

/**
 * What the faults of one replay did, and the violations they caused (counts over the replay). The
 * three violations a controller must keep at zero are {@code wrongTerminations},
 * {@code staleScaleIns} and {@code doubleLaunches}; the model makes each of them happen when a
 * policy, a guard chain or a planner gets the matching fault wrong.
 *
 * @param wrongTerminations terminations of an instance that was really busy (its jobs in progress
 *     die and return to the queue), plus instances a call asked to terminate that the pool never had
 * @param killedJobs jobs in progress killed by those terminations
 * @param foreignTerminations the part of {@code wrongTerminations} that named instances the pool never had
 * @param staleScaleIns ticks that decided a scale-in while a signal the controller requires was,
 *     as handed to it, missing, older than its max age, or stamped in the future
 * @param doubleLaunches instances launched beyond the tick's decided capacity
 *     ({@code min(launched, max(0, running + pending after the launch − desired))}): a launch that
 *     was not seen was launched again
 * @param restarts controller restarts
 * @param clockSteps clock steps
 * @param spotInterruptions spot interruption notices
 * @param hungJobs job starts that hung
 * @param neverBooted instances given up while still PENDING
 * @param slowBoots instances that booted {@value Faults#SLOW_BOOT_FACTOR}× longer
 * @param partialLaunches launch calls that started only part of what they asked
 * @param capacityErrors launch calls that started nothing
 * @param throttled actuator calls throttled
 * @param lostResponses actuator calls that acted and then threw
 * @param fleetViewFailures fleet view reads that failed
 * @param nanReadings readings dropped as NaN from the source
 */
public record FaultCounts(long wrongTerminations, long killedJobs, long foreignTerminations, long staleScaleIns,
    long doubleLaunches, long restarts, long clockSteps, long spotInterruptions, long hungJobs, long neverBooted,
    long slowBoots, long partialLaunches, long capacityErrors, long throttled, long lostResponses,
    long fleetViewFailures, long nanReadings) {
  /** All zero. */
  public static final FaultCounts NONE = new FaultCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
