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
  public enum Kind { QUEUE_DEPTH, BACKLOG_PER_INSTANCE }

  public enum ZeroInService { NO_DATA, DIVIDE_BY_ONE }

  public QueueMetric {
    Check.notNull("kind", kind);
    Check.notNull("zeroInService", zeroInService);
    classes = List.copyOf(Check.notNull("classes", classes));
  }

  public static QueueMetric backlogPerInstance() {
    return new QueueMetric(Kind.BACKLOG_PER_INSTANCE, List.of(), ZeroInService.NO_DATA);
  }

  public static QueueMetric queueDepth() {
    return new QueueMetric(Kind.QUEUE_DEPTH, List.of(), ZeroInService.NO_DATA);
  }

  public QueueMetric withZeroInService(ZeroInService z) {
    return new QueueMetric(kind, classes, z);
  }

  public QueueMetric withClasses(List<String> c) {
    return new QueueMetric(kind, c, zeroInService);
  }

  /** The metric value this tick, or {@code NaN} when there is no datapoint. */
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
