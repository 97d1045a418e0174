package dev.governor.policy.baseline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last few datapoints of one metric: the state an alarm keeps between ticks. */
final class Datapoints {
  private final int capacity;
  private final Deque<Double> values = new ArrayDeque<>();

  Datapoints(int capacity) {
    this.capacity = Math.max(1, capacity);
  }

  void add(double v) {
    values.addLast(v);
    while (values.size() > capacity) {
      values.removeFirst();
    }
  }

  List<Double> asList() {
    return new ArrayList<>(values);
  }
}
