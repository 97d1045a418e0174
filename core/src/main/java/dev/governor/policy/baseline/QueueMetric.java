package dev.governor.policy.baseline;

import dev.governor.fleet.InstanceState;
import dev.governor.fleet.JobClass;
import dev.governor.policy.PolicyContext;
import dev.governor.signal.SignalNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SQS metric an AWS alarm watches, computed from a tick's snapshot.
 *
 * <ul>
 *   <li>{@link Kind#QUEUE_DEPTH}: Σ {@code queue.<class>.visible} (ApproximateNumberOfMessagesVisible).
 *   <li>{@link Kind#BACKLOG_PER_INSTANCE}: Σ visible ÷ in-service (RUNNING) instances, the metric of
 *       the AWS guide "Scaling policy based on Amazon SQS". With no instance in service the metric
 *       math {@code m1 / m2} yields no datapoint ({@link ZeroInService#NO_DATA}, the metric-math
 *       behaviour); a user-published custom metric often divides by {@code max(1, inService)}
 *       instead ({@link ZeroInService#DIVIDE_BY_ONE}).
 * </ul>
 *
 * A missing or stale queue signal gives no datapoint ({@code NaN}).
 *
 * @param kind what is measured
 * @param classes the job classes whose queues are summed; empty means every class of the context
 * @param zeroInService what the per-instance metric is when no instance is in service
 */
public record QueueMetric(Kind kind, List<String> classes, ZeroInService zeroInService) {
  /** What the metric measures. */
  public enum Kind {
    /** Σ visible messages of the classes' queues (ApproximateNumberOfMessagesVisible), in messages. */
    QUEUE_DEPTH,
    /** Σ visible messages ÷ RUNNING instances, in messages per instance. */
    BACKLOG_PER_INSTANCE
  }

  /** What {@link Kind#BACKLOG_PER_INSTANCE} yields when no instance is RUNNING. */
  public enum ZeroInService {
    /** No datapoint ({@code NaN}), as CloudWatch metric math {@code m1 / m2} gives with {@code m2 = 0}. */
    NO_DATA,
    /** The visible total itself, i.e. divided by {@code max(1, inService)}, as custom metrics often do. */
    DIVIDE_BY_ONE
  }

  /**
   * Validates the metric and copies {@code classes}.
   *
   * @param kind what is measured
   * @param classes the job classes whose queues are summed; empty means every class of the context
   * @param zeroInService what the per-instance metric is when no instance is in service
   * @throws IllegalArgumentException if {@code kind}, {@code classes} or {@code zeroInService} is null
   */
  public QueueMetric {
    Check.notNull("kind", kind);
    Check.notNull("zeroInService", zeroInService);
    classes = List.copyOf(Check.notNull("classes", classes));
  }

  /**
   * Backlog per instance over every class, with no datapoint at 0 instances in service (the metric
   * of the AWS SQS scaling guide, as metric math computes it).
   *
   * @return {@code BACKLOG_PER_INSTANCE}, all classes, {@link ZeroInService#NO_DATA}
   */
  public static QueueMetric backlogPerInstance() {
    return new QueueMetric(Kind.BACKLOG_PER_INSTANCE, List.of(), ZeroInService.NO_DATA);
  }

  /**
   * The total visible depth of every class's queue.
   *
   * @return {@code QUEUE_DEPTH}, all classes ({@code zeroInService} is irrelevant to it)
   */
  public static QueueMetric queueDepth() {
    return new QueueMetric(Kind.QUEUE_DEPTH, List.of(), ZeroInService.NO_DATA);
  }

  /**
   * This metric with another rule for 0 instances in service.
   *
   * @param z the rule; not null
   * @return a copy with {@code zeroInService = z}
   * @throws IllegalArgumentException if {@code z} is null
   */
  public QueueMetric withZeroInService(ZeroInService z) {
    return new QueueMetric(kind, classes, z);
  }

  /**
   * This metric over other job classes.
   *
   * @param c the class names whose queues are summed; empty means every class of the context
   * @return a copy with {@code classes = c}
   * @throws IllegalArgumentException if {@code c} is null
   */
  public QueueMetric withClasses(List<String> c) {
    return new QueueMetric(kind, c, zeroInService);
  }

  /**
   * The metric value this tick: Σ {@code queue.<class>.visible} over the classes, divided by the
   * RUNNING instances for {@link Kind#BACKLOG_PER_INSTANCE}. {@code NaN} (no datapoint) when any
   * class's visible signal is missing or stale, or, with {@link ZeroInService#NO_DATA}, when no
   * instance is RUNNING.
   *
   * @param ctx this tick's context (snapshot, fleet, job classes)
   * @return the value (messages, or messages per instance), or {@code NaN} without a datapoint
   */
  public double value(PolicyContext ctx) {
    double visible = 0;
    for (String c : classNames(ctx.jobClasses())) {
      double v = ctx.snapshot().valueOr(SignalNames.visible(c), Double.NaN);
      if (Double.isNaN(v)) {
        return Double.NaN;
      }
      visible += v;
    }
    if (kind == Kind.QUEUE_DEPTH) {
      return visible;
    }
    int inService = ctx.fleet().inState(InstanceState.RUNNING).size();
    if (inService == 0) {
      return zeroInService == ZeroInService.NO_DATA ? Double.NaN : visible;
    }
    return visible / inService;
  }

  List<String> classNames(Collection<JobClass> all) {
    if (!classes.isEmpty()) {
      return classes;
    }
    List<String> out = new ArrayList<>();
    for (JobClass c : all) {
      out.add(c.name());
    }
    return out;
  }

  Set<String> signals(Collection<JobClass> all) {
    Set<String> s = new TreeSet<>();
    for (String c : classNames(all)) {
      s.add(SignalNames.visible(c));
    }
    return s;
  }

  String describe() {
    return kind == Kind.QUEUE_DEPTH ? "queue depth" : "backlog per instance";
  }
}
