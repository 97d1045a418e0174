package dev.governor.aws;

import java.util.Objects;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builders for the common case. The adapter never creates clients behind the user's back: every
 * source and actuator takes the client it uses, and these helpers only make building one with
 * the recommended settings short.
 *
 * <p>Recommended settings: the JDK's url-connection HTTP client (no Netty, no Apache client on the
 * classpath), and the SDK's <b>adaptive</b> retry mode, which retries throttling errors with
 * backoff and, when an account is being throttled, slows this client's own request rate instead
 * of adding to the storm. The controller adds its own backoff on top (cooldowns, one decision a
 * tick).
 */
public final class AwsClients {
  private AwsClients() {}

  /**
   * Applies the recommended settings to any sync client builder: the url-connection HTTP client
   * ({@code UrlConnectionHttpClient} with its defaults) and the retry strategy of
   * {@link RetryMode#ADAPTIVE_V2}. Anything else (region, credentials, endpoint) is left to the
   * caller, who sets it on the returned builder and builds the client.
   *
   * @param <B> the builder's type, e.g. {@code Ec2ClientBuilder}
   * @param <C> the client type it builds, e.g. {@link Ec2Client}
   * @param builder the builder to configure, e.g. {@code SqsClient.builder()}
   * @return the same builder, configured
   * @throws NullPointerException if {@code builder} is null
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B recommended(B builder) {
    Objects.requireNonNull(builder, "builder");
    return builder.httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.ADAPTIVE_V2));
  }

  /**
   * An EC2 client with the {@link #recommended} settings, in {@code region}, with the SDK's default
   * credentials provider chain. The caller owns the client: close it when done.
   *
   * @param region the AWS region the client calls, e.g. {@code Region.US_EAST_1}
   * @return a new client
   */
  public static Ec2Client ec2(Region region) {
    return recommended(Ec2Client.builder()).region(region).build();
  }

  /**
   * An EC2 Auto Scaling client with the {@link #recommended} settings, in {@code region}, with the SDK's default
   * credentials provider chain. The caller owns the client: close it when done.
   *
   * @param region the AWS region the client calls, e.g. {@code Region.US_EAST_1}
   * @return a new client
   */
  public static AutoScalingClient autoScaling(Region region) {
    return recommended(AutoScalingClient.builder()).region(region).build();
  }

  /**
   * An SQS client with the {@link #recommended} settings, in {@code region}, with the SDK's default
   * credentials provider chain. The caller owns the client: close it when done.
   *
   * @param region the AWS region the client calls, e.g. {@code Region.US_EAST_1}
   * @return a new client
   */
  public static SqsClient sqs(Region region) {
    return recommended(SqsClient.builder()).region(region).build();
  }

  /**
   * An CloudWatch client with the {@link #recommended} settings, in {@code region}, with the SDK's default
   * credentials provider chain. The caller owns the client: close it when done.
   *
   * @param region the AWS region the client calls, e.g. {@code Region.US_EAST_1}
   * @return a new client
   */
  public static CloudWatchClient cloudWatch(Region region) {
    return recommended(CloudWatchClient.builder()).region(region).build();
  }
}
