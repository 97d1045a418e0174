/**
 * Governor on AWS: signal sources over SQS and CloudWatch, actuators over EC2 and Auto Scaling
 * groups, and the worker-side half of safe draining.
 *
 * <pre>{@code
 * Ec2Client ec2 = AwsClients.ec2(Region.US_EAST_1);          // adaptive retry, no Netty
 * SqsClient sqs = AwsClients.sqs(Region.US_EAST_1);
 * Controller c = Controller.builder()
 *     .signals(SqsSignalSource.builder(sqs).queue("uploads", uploadsUrl)
 *         .completions(new CloudWatchCompletions(cw, Map.of("uploads", "uploads"))).build())
 *     .jobClass(JobClass.of("uploads", Duration.ofMinutes(5), Duration.ofSeconds(20)))
 *     .launchType(InstanceType.of("c7g.large", 4, 0.0725))
 *     .policy(policy)
 *     .actuator(Ec2Actuator.builder(ec2).pool("uploads").launchTemplateId("lt-…")
 *         .instanceType(InstanceType.of("c7g.large", 4, 0.0725)).subnets("subnet-a", "subnet-b").build())
 *     .build();
 * }</pre>
 *
 * Clients are always passed in; {@link dev.governor.aws.AwsClients} only shortens building them.
 * The permissions each part needs are in {@code aws-adapter/IAM.md}.
 */
package dev.governor.aws;
