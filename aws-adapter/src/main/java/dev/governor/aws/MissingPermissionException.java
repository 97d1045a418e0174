package dev.governor.aws;

/**
 * AWS refused a call for lack of permission. Not retried and not swallowed: a controller that
 * cannot act must say so loudly, naming the IAM action to grant (see {@code aws-adapter/IAM.md}).
 */
public final class MissingPermissionException extends IllegalStateException {
  private final String permission;

  public MissingPermissionException(String permission, String awsError, Throwable cause) {
    super("missing IAM permission " + permission + " (" + awsError + "); grant it as in aws-adapter/IAM.md", cause);
    this.permission = permission;
  }

  /** The IAM action that was refused, e.g. {@code ec2:RunInstances}. */
  public String permission() {
    return permission;
  }
}
