package dev.governor.aws;

/**
 * AWS refused a call for lack of permission. Not retried and not swallowed: a controller that
 * cannot act must say so loudly, naming the IAM action to grant (see {@code aws-adapter/IAM.md}).
 */
public final class MissingPermissionException extends IllegalStateException {
  /** The IAM action that was refused, as given to the constructor. */
  private final String permission;

  /**
   * An authorization error of AWS, turned into an exception that names the permission to grant.
   * The message reads {@code missing IAM permission <permission> (<awsError>); grant it as in
   * aws-adapter/IAM.md}.
   *
   * @param permission the IAM action that was refused, e.g. {@code ec2:RunInstances} (may name
   *     several, e.g. {@code ec2:RunInstances (and ec2:CreateTags on create)})
   * @param awsError AWS's error as {@code Code: message}, e.g. {@code UnauthorizedOperation: You are
   *     not authorized to perform this operation.}
   * @param cause the SDK exception AWS's refusal came as
   */
  public MissingPermissionException(String permission, String awsError, Throwable cause) {
    super("missing IAM permission " + permission + " (" + awsError + "); grant it as in aws-adapter/IAM.md", cause);
    this.permission = permission;
  }

  /**
   * The IAM action that was refused.
   *
   * @return the permission to grant, e.g. {@code ec2:RunInstances}
   */
  public String permission() {
    return permission;
  }
}
