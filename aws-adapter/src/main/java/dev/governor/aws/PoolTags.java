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
  /** Busy slots the worker reports (an integer); absent on a running instance means unknown, counted as busy. */
  public static final String BUSY = "governor:busy";
  /**
   * The token of the controller's decision that launched the instance (its {@code Launch.token()}),
   * read back as {@code Instance.launchToken()} so the controller recognises its own launches after
   * a lost response or a restart. On an Auto Scaling group: the last launch applied, propagated at
   * launch to the instances the group starts after it, so a retried launch is not applied twice.
   */
  public static final String LAUNCH_TOKEN = "governor:launch-token";
  /**
   * The leader epoch an action was decided under ({@code Action.epoch()}, a decimal number), with
   * leader election on: on an instance, the epoch that launched it; on an Auto Scaling group, the
   * highest epoch that has acted on it, so that an action of an older epoch (a deposed leader) is
   * refused there.
   */
  public static final String EPOCH = "governor:epoch";
}
