package dev.governor.action;

import java.util.List;
import java.util.Objects;

/**
 * What actually happened when an action was applied.
 *
 * @param status outcome
 * @param launched ids of instances launched (or reactivated)
 * @param terminated ids of instances whose termination was accepted
 * @param drained ids of instances marked draining
 * @param errors provider errors, each with its code (e.g. {@code InsufficientInstanceCapacity: …})
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
    UNKNOWN
  }

  /**
   * Validates the status (not null) and copies the lists, which must not be null.
   *
   * @param status outcome
   * @param launched ids of instances launched (or reactivated)
   * @param terminated ids of instances whose termination was accepted
   * @param drained ids of instances marked draining
   * @param errors provider errors, each with its code (e.g. {@code InsufficientInstanceCapacity: …})
   */
  public ActionResult {
    Objects.requireNonNull(status, "status");
    launched = List.copyOf(launched);
    terminated = List.copyOf(terminated);
    drained = List.copyOf(drained);
    errors = List.copyOf(errors);
  }

  /**
   * Nothing was done because nothing was to be done (a {@link Sleep}).
   *
   * @return a {@link Status#NOOP} result with empty lists
   */
  public static ActionResult noop() {
    return new ActionResult(Status.NOOP, List.of(), List.of(), List.of(), List.of());
  }

  /**
   * The action was recorded but not applied (dry-run mode).
   *
   * @return a {@link Status#DRY_RUN} result with empty lists
   */
  public static ActionResult dryRun() {
    return new ActionResult(Status.DRY_RUN, List.of(), List.of(), List.of(), List.of());
  }

  /**
   * Nothing was done: the provider refused the whole action.
   *
   * @param error the provider's error, with its code (e.g. {@code UnauthorizedOperation: …})
   * @return a {@link Status#FAILED} result carrying the one error
   */
  public static ActionResult failed(String error) {
    return new ActionResult(Status.FAILED, List.of(), List.of(), List.of(), List.of(error));
  }

  /**
   * Everything asked for was done.
   *
   * @param launched ids launched or reactivated
   * @param terminated ids whose termination was accepted
   * @param drained ids marked draining
   * @return a {@link Status#OK} result without errors
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
   * @return a {@link Status#UNKNOWN} result
   */
  public static ActionResult unknown(List<String> launched, List<String> errors) {
    return new ActionResult(Status.UNKNOWN, launched, List.of(), List.of(), errors);
  }

  /**
   * OK, NOOP or DRY_RUN: confirmed done. PARTIAL, FAILED and UNKNOWN are not.
   *
   * @return true when the status is OK, NOOP or DRY_RUN
   */
  public boolean succeeded() {
    return status == Status.OK || status == Status.NOOP || status == Status.DRY_RUN;
  }
}
