/**
 * Faithful reimplementations of the autoscalers teams already run — EC2 Auto Scaling target
 * tracking, step and simple scaling and predictive scaling, the Kubernetes HPA, KEDA's SQS scaler,
 * a static and a scheduled fleet — as {@link dev.governor.policy.ScalingPolicy}s.
 *
 * <p>Each baseline has an immutable, validated config, a pure core whose Javadoc gives the formula
 * and its source ({@link dev.governor.policy.baseline.TargetTracking},
 * {@link dev.governor.policy.baseline.StepScaling}, {@link dev.governor.policy.baseline.Hpa},
 * {@link dev.governor.policy.baseline.KedaSqs}, {@link dev.governor.policy.baseline.AwsPredictive},
 * {@link dev.governor.policy.baseline.ScheduledCapacity}), and a policy that keeps the state the
 * original keeps between evaluations. {@link dev.governor.policy.baseline.Baselines} creates them by
 * name from a few scenario parameters.
 */
package dev.governor.policy.baseline;
