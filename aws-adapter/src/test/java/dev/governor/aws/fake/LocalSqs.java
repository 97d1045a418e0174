package dev.governor.aws.fake;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ElasticMQ inside the test JVM, on 127.0.0.1 and a free port, with an SQS client for it. */
public final class LocalSqs implements AutoCloseable {
  private final SQSRestServer server;
  private final SqsClient client;

  public LocalSqs() {
    server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    int port = server.waitUntilStarted().localAddress().getPort();
    client = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  /**
   * One server for the whole test run (it takes seconds to start on a small machine), stopped when
   * the run ends (JUnit closes AutoCloseable values of the root store).
   */
  public static LocalSqs shared(ExtensionContext ctx) {
    return ctx.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(LocalSqs.class, k -> new LocalSqs(), LocalSqs.class);
  }

  /** Injects the shared {@link LocalSqs} into test and lifecycle method parameters. */
  public static final class Extension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
      return p.getParameter().getType() == LocalSqs.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
      return shared(ctx);
    }
  }

  public SqsClient client() {
    return client;
  }

  public String createQueue(String name) {
    return client.createQueue(r -> r.queueName(name)).queueUrl();
  }

  @Override
  public void close() {
    client.close();
    server.stopAndWait();
  }
}
