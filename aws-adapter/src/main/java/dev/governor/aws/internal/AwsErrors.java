package dev.governor.aws.internal;

import dev.governor.aws.MissingPermissionException;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts AWS errors into what the adapter does with them: throttling (the SDK already retried,
 * the controller backs off), capacity or quota (recorded, never retried in a loop), authorization
 * (thrown, naming the permission), outcome unknown (the request may have been carried out, see
 * {@link #mayHaveActed}), and everything else (recorded).
 */
public final class AwsErrors {
  private AwsErrors() {}

  /** A placement cannot take the launch right now; the next placement may. */
  private static final Set<String> PLACEMENT = Set.of("InsufficientInstanceCapacity", "InsufficientHostCapacity",
      "InsufficientCapacityOnHost", "InsufficientCapacity", "UnfulfillableCapacity", "Unsupported",
      "InsufficientFreeAddressesInSubnet");
  /** Account-wide quotas: no other placement helps, retrying only burns API budget. */
  private static final Set<String> QUOTA = Set.of("InstanceLimitExceeded", "VcpuLimitExceeded",
      "MaxSpotInstanceCountExceeded", "LimitExceeded", "ResourceLimitExceeded");
  private static final Set<String> THROTTLING = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException",
      "RequestThrottled", "TooManyRequestsException", "RequestThrottledException", "SlowDown");
  private static final Set<String> AUTHORIZATION = Set.of("UnauthorizedOperation", "AccessDenied",
      "AccessDeniedException", "AuthFailure", "InvalidClientTokenId", "UnrecognizedClientException",
      "UnauthorizedAccess", "OptInRequired", "SignatureDoesNotMatch", "ExpiredToken", "InvalidAccessKeyId");

  public static String code(SdkException e) {
    if (e instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorCode() != null) {
      return a.awsErrorDetails().errorCode();
    }
    return e.getClass().getSimpleName();
  }

  public static String message(SdkException e) {
    if (e instanceof AwsServiceException a && a.awsErrorDetails() != null && a.awsErrorDetails().errorMessage() != null) {
      return a.awsErrorDetails().errorMessage();
    }
    return String.valueOf(e.getMessage());
  }

  /** {@code Code: message}, the form ActionResult errors use. */
  public static String describe(SdkException e) {
    return code(e) + ": " + message(e);
  }

  public static boolean isPlacement(SdkException e) {
    return PLACEMENT.contains(code(e));
  }

  public static boolean isQuota(SdkException e) {
    return QUOTA.contains(code(e));
  }

  public static boolean isThrottling(SdkException e) {
    return THROTTLING.contains(code(e)) || (e instanceof AwsServiceException a && a.isThrottlingException());
  }

  public static boolean isAuthorization(SdkException e) {
    return AUTHORIZATION.contains(code(e))
        || (e instanceof AwsServiceException a && (a.statusCode() == 401 || a.statusCode() == 403));
  }

  /**
   * Whether the request may have been carried out although it failed: its response was lost
   * (timeout, dropped connection, interrupted call), the service failed after accepting it (a 5xx
   * that is neither throttling nor a capacity answer), or EC2 says its ClientToken was already used
   * (IdempotentParameterMismatch). A throttled, refused or invalid request was not carried out.
   *
   * <p>The SDK reports only its last attempt's error; earlier attempts survive only as the text of
   * suppressed exceptions. An attempt that failed with a 500, 502 or 504 (other than a capacity
   * answer) or could not complete its HTTP exchange counts too: a 500 then two throttles may well
   * have launched.
   */
  public static boolean mayHaveActed(SdkException e) {
    if (lastAttemptMayHaveActed(e)) {
      return true;
    }
    for (Throwable s : e.getSuppressed()) {
      String m = String.valueOf(s.getMessage());
      if (!m.startsWith("Request attempt ")) {
        continue;
      }
      boolean capacity = m.contains("capacity");
      if (m.contains("Unable to execute HTTP request") || m.contains("timed out")
          || (!capacity && (m.contains("Status Code: 500") || m.contains("Status Code: 502") || m.contains("Status Code: 504")))) {
        return true;
      }
    }
    return false;
  }

  private static boolean lastAttemptMayHaveActed(SdkException e) {
    if (e instanceof AwsServiceException a) {
      if (isThrottling(e) || isPlacement(e) || isQuota(e) || isAuthorization(e)) {
        return false;
      }
      return "IdempotentParameterMismatch".equals(code(e)) || a.statusCode() >= 500;
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || e instanceof AbortedException) {
      return true;
    }
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false; // e.g. no credentials: the request was never sent
  }

  /**
   * Throws {@link MissingPermissionException} naming {@code permission} when {@code e} is an
   * authorization error; otherwise returns normally so the caller records it.
   */
  public static void failLoudlyIfUnauthorized(SdkException e, String permission) {
    if (isAuthorization(e)) {
      throw new MissingPermissionException(permission, describe(e), e);
    }
  }
}
