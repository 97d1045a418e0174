package dev.governor.aws;

/**
 * The EC2 tags through which the controller and the workers talk. Tags are visible to both
 * sides with nothing else to run, survive restarts of either, and let IAM condition termination
 * on pool membership ({@code ec2:ResourceTag/governor:pool}).
 */
public final class PoolTags {
  private PoolTags() {}

  /** Marks an instance as managed by one pool; the only instances the EC2 actuator will terminate. */
  public static final String POOL = "governor:pool";
  /** {@value #DRAINING} while an instance is draining: its worker takes no new messages. */
  public static final String STATE = "governor:state";
  public static final String DRAINING = "draining";
  /** When draining started (ISO-8601), for the drain deadline. */
  public static final String DRAINING_SINCE = "governor:draining-since";
  /** Busy slots the worker reports (an integer); absent means idle. */
  public static final String BUSY = "governor:busy";
  /** The controller's decision token that launched the instance (for audits). */
  public static final String LAUNCH_TOKEN = "governor:launch-token";
  /** Set on an Auto Scaling group: the last launch token applied, so a retried launch is not applied twice. */
  public static final String LAST_LAUNCH_TOKEN = "governor:last-launch-token";
}
