package dev.governor.policy.baseline;

import java.time.Duration;
import java.util.List;

/**
 * A predictive scaling policy. Immutable; build with {@link #custom()}. Defaults are AWS's: mode
 * ForecastOnly, SchedulingBufferTime 300 s, HonorMaxCapacity.
 *
 * <p>The load metric is the work arriving per second, Σ over {@code classes} of
 * {@code arrivals_per_s × service seconds} (the average number of busy slots the arrivals need);
 * {@code targetLoadPerInstance} is the load one instance should carry (slots × target
 * utilization), the predictive scaling "target value" for this load.
 *
 * @param name policy name
 * @param classes job classes whose arrivals make the load; empty means every class
 * @param targetLoadPerInstance load one instance carries at the target
 * @param mode ForecastOnly or ForecastAndScale
 * @param schedulingBufferTime how early an hour's capacity is launched, [0, 3600) s
 * @param maxCapacityBreachBehavior Honor or Increase
 * @param maxCapacityBuffer percent, [0, 100]; required with Increase, not allowed with Honor
 * @param minCapacity group minimum
 * @param maxCapacity group maximum
 * @param standalone true: the policy is alone, a lower forecast holds the current capacity (it
 *     never scales in); false: it proposes the forecast capacity as a floor, to be combined by max
 *     with a dynamic policy (see {@link AwsPredictivePolicy#withDynamic})
 */
public record AwsPredictiveConfig(String name, List<String> classes, double targetLoadPerInstance,
    AwsPredictive.Mode mode, Duration schedulingBufferTime, AwsPredictive.MaxCapacityBreachBehavior maxCapacityBreachBehavior,
    Integer maxCapacityBuffer, int minCapacity, int maxCapacity, boolean standalone) {
  public static final Duration DEFAULT_SCHEDULING_BUFFER_TIME = Duration.ofSeconds(300);

  public AwsPredictiveConfig {
    Check.notNull("name", name);
    classes = List.copyOf(Check.notNull("classes", classes));
    Check.positive("targetLoadPerInstance", targetLoadPerInstance);
    Check.notNull("mode", mode);
    Check.nonNegative("schedulingBufferTime", schedulingBufferTime);
    if (schedulingBufferTime.compareTo(Duration.ofHours(1)) >= 0) {
      throw new IllegalArgumentException("schedulingBufferTime must be < 3600s, but was " + schedulingBufferTime);
    }
    Check.notNull("maxCapacityBreachBehavior", maxCapacityBreachBehavior);
    if (maxCapacityBreachBehavior == AwsPredictive.MaxCapacityBreachBehavior.INCREASE_MAX_CAPACITY) {
      if (maxCapacityBuffer == null) {
        throw new IllegalArgumentException("maxCapacityBuffer must be set with INCREASE_MAX_CAPACITY, but was null");
      }
      Check.inRange("maxCapacityBuffer", maxCapacityBuffer, 0, 100);
    } else if (maxCapacityBuffer != null) {
      throw new IllegalArgumentException("maxCapacityBuffer must not be set with HONOR_MAX_CAPACITY, but was "
          + maxCapacityBuffer);
    }
    Check.minMax(minCapacity, maxCapacity);
  }

  public static Builder custom() {
    return new Builder();
  }

  public static final class Builder {
    private String name = "aws-predictive";
    private List<String> classes = List.of();
    private double target = Double.NaN;
    private AwsPredictive.Mode mode = AwsPredictive.Mode.FORECAST_ONLY;
    private Duration buffer = DEFAULT_SCHEDULING_BUFFER_TIME;
    private AwsPredictive.MaxCapacityBreachBehavior breach = AwsPredictive.MaxCapacityBreachBehavior.HONOR_MAX_CAPACITY;
    private Integer maxBuffer;
    private int min = 0;
    private int max = Integer.MAX_VALUE;
    private boolean standalone = true;

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder classes(List<String> v) {
      classes = v;
      return this;
    }

    public Builder targetLoadPerInstance(double v) {
      target = v;
      return this;
    }

    public Builder mode(AwsPredictive.Mode v) {
      mode = v;
      return this;
    }

    public Builder schedulingBufferTime(Duration v) {
      buffer = v;
      return this;
    }

    public Builder maxCapacityBreachBehavior(AwsPredictive.MaxCapacityBreachBehavior v) {
      breach = v;
      return this;
    }

    public Builder maxCapacityBuffer(Integer v) {
      maxBuffer = v;
      return this;
    }

    public Builder minCapacity(int v) {
      min = v;
      return this;
    }

    public Builder maxCapacity(int v) {
      max = v;
      return this;
    }

    public Builder standalone(boolean v) {
      standalone = v;
      return this;
    }

    public AwsPredictiveConfig build() {
      return new AwsPredictiveConfig(name, classes, target, mode, buffer, breach, maxBuffer, min, max, standalone);
    }
  }

  public AwsPredictiveConfig withStandalone(boolean v) {
    return new AwsPredictiveConfig(name, classes, targetLoadPerInstance, mode, schedulingBufferTime,
        maxCapacityBreachBehavior, maxCapacityBuffer, minCapacity, maxCapacity, v);
  }
}
