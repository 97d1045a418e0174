package dev.governor.aws;

/**
 * The EC2 tags through which the controller and the workers talk. Tags are visible to both
 * sides with nothing else to run, survive restarts of either, and let IAM condition termination
 * on pool membership ({@code ec2:ResourceTag/governor:pool}). The keys all start with
 * {@code governor:}, which is why extra launch tags may not ({@code Ec2Actuator.Builder#tag}).
 */
public final class PoolTags {
  private PoolTags() {}

  /** Marks an instance as managed by one pool; the only instances the EC2 actuator will terminate. */
  public static final String POOL = "governor:pool";
  /**
   * {@value #DRAINING} while an instance is draining: its worker takes no new messages. Set by the
   * actuators' drain (EC2 CreateTags) and removed by reactivation (EC2 DeleteTags); absent on an
   * active instance.
   */
  public static final String STATE = "governor:state";
  /** The value of {@link #STATE} on a draining instance. */
  public static final String DRAINING = "draining";
  /**
   * When draining started, as an ISO-8601 instant ({@code Instant.toString()}, e.g.
   * {@code 2024-05-01T12:00:00Z}), for the drain deadline; written with {@link #STATE} and removed
   * with it. A missing, unparsable or future value counts as "draining since first seen" (see
   * {@link DrainDeadline}).
   */
  public static final String DRAINING_SINCE = "governor:draining-since";
  /**
   * Busy slots the worker reports (a decimal integer, written by {@link DrainingWorker}); the
   * controller clamps it to {@code 0..slots} of the instance's type. Absent on a running or draining
   * instance means unknown and counts as fully busy; an unparsable value counts as fully busy too.
   */
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
