package dev.governor.action;

import java.util.List;
import java.util.Objects;

/**
 * What actually happened when an action was applied: the outcome, the instances affected and the
 * provider's errors. Immutable (the lists are copied).
 *
 * @param status outcome
 * @param launched ids of instances launched (or reactivated), in the order the actuator reports them
 * @param terminated ids of instances whose termination was accepted
 * @param drained ids of instances marked draining
 * @param errors provider errors, each with its code (e.g. {@code InsufficientInstanceCapacity: …});
 *     empty on success
 */
public record ActionResult(Status status, List<String> launched, List<String> terminated, List<String> drained,
    List<String> errors) {
  /** Outcome of applying an action. */
  public enum Status {
    /** Everything asked for was done. */
    OK,
    /** Some of it was done (e.g. 3 of 5 launches); see errors. */
    PARTIAL,
    /** Nothing was done; see errors. Nothing changed. */
    FAILED,
    /** Recorded only (dry-run). */
    DRY_RUN,
    /** Nothing to do (sleep). */
    NOOP,
    /**
     * The call may have acted, but its outcome is not known: the response was lost, or it timed
     * out after the request was sent. {@code launched} lists the ids known so far (often none).
     * The controller treats it as not confirmed: the launch is in flight (counted as coming until
     * the fleet shows it or it expires), and the launch back-off is neither reset nor advanced.
     */
    UNKNOWN,
    /**
     * Not attempted, by fencing: the action's leader epoch is older than the pool's (a deposed
     * leader), or the lease no longer covered it. Nothing changed; it is not a launch failure.
     */
    REFUSED
  }

  /**
   * Validates and copies the result.
   *
   * @param status outcome (not null)
   * @param launched ids of instances launched (or reactivated); not null, no null element
   * @param terminated ids of instances whose termination was accepted; not null, no null element
   * @param drained ids of instances marked draining; not null, no null element
   * @param errors provider errors, each with its code; not null, no null element
   * @throws NullPointerException if {@code status}, a list or a list element is null
   */
  public ActionResult {
    Objects.requireNonNull(status, "status");
    launched = List.copyOf(launched);
    terminated = List.copyOf(terminated);
    drained = List.copyOf(drained);
    errors = List.copyOf(errors);
  }

  /**
   * Nothing was to be done (the result of a {@link Sleep}).
   *
   * @return a {@link Status#NOOP} result with empty lists
   */
  public static ActionResult noop() {
    return new ActionResult(Status.NOOP, List.of(), List.of(), List.of(), List.of());
  }

  /**
   * The action was recorded, not carried out (dry-run).
   *
   * @return a {@link Status#DRY_RUN} result with empty lists
   */
  public static ActionResult dryRun() {
    return new ActionResult(Status.DRY_RUN, List.of(), List.of(), List.of(), List.of());
  }

  /**
   * Nothing was done, for the reason given.
   *
   * @param error what went wrong, with the provider's code (e.g. {@code UnauthorizedOperation: …});
   *     not null
   * @return a {@link Status#FAILED} result with that one error
   */
  public static ActionResult failed(String error) {
    return new ActionResult(Status.FAILED, List.of(), List.of(), List.of(), List.of(error));
  }

  /**
   * Everything asked for was done.
   *
   * @param launched ids of instances launched or reactivated (may be empty)
   * @param terminated ids of instances whose termination was accepted (may be empty)
   * @param drained ids of instances marked draining (may be empty)
   * @return a {@link Status#OK} result with no error
   */
  public static ActionResult ok(List<String> launched, List<String> terminated, List<String> drained) {
    return new ActionResult(Status.OK, launched, terminated, drained, List.of());
  }

  /**
   * The call may have acted, but nobody knows (lost response, timeout after sending): see
   * {@link Status#UNKNOWN}.
   *
   * @param launched ids of instances known to be launched or reactivated (may be empty)
   * @param errors what went wrong (e.g. {@code SdkClientException: read timed out})
   * @return a {@link Status#UNKNOWN} result with nothing terminated or drained
   */
  public static ActionResult unknown(List<String> launched, List<String> errors) {
    return new ActionResult(Status.UNKNOWN, launched, List.of(), List.of(), errors);
  }

  /**
   * Refused by fencing before anything was called: see {@link Status#REFUSED}.
   *
   * @param error why, with its code (e.g. {@code StaleEpoch: action of epoch 3, the pool is at epoch 4})
   * @return a {@link Status#REFUSED} result with that one error
   */
  public static ActionResult refused(String error) {
    return new ActionResult(Status.REFUSED, List.of(), List.of(), List.of(), List.of(error));
  }

  /**
   * Whether the action is confirmed done: OK, NOOP or DRY_RUN. PARTIAL, FAILED, UNKNOWN and
   * REFUSED are not.
   *
   * @return true for {@link Status#OK}, {@link Status#NOOP} and {@link Status#DRY_RUN}
   */
  public boolean succeeded() {
    return status == Status.OK || status == Status.NOOP || status == Status.DRY_RUN;
  }
}
