package dev.governor.aws.internal;

import dev.governor.aws.MissingPermissionException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts AWS errors into what the adapter does with them: throttling (the SDK already retried,
 * the controller backs off), capacity or quota (recorded, never retried in a loop), authorization
 * (thrown, naming the permission), and everything else (recorded).
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
   * Throws {@link MissingPermissionException} naming {@code permission} when {@code e} is an
   * authorization error; otherwise returns normally so the caller records it.
   */
  public static void failLoudlyIfUnauthorized(SdkException e, String permission) {
    if (isAuthorization(e)) {
      throw new MissingPermissionException(permission, describe(e), e);
    }
  }
}
