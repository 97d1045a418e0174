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
 * @param name policy name; not null (builder default {@code aws-predictive})
 * @param classes job classes whose arrivals make the load; empty (default) means every class
 * @param targetLoadPerInstance load one instance carries at the target, busy slots, &gt; 0 (no
 *     default: the builder requires it)
 * @param mode ForecastOnly (default) or ForecastAndScale
 * @param schedulingBufferTime how early an hour's capacity is launched, [0, 3600) s (default
 *     {@link #DEFAULT_SCHEDULING_BUFFER_TIME}, 300 s)
 * @param maxCapacityBreachBehavior Honor (default) or Increase
 * @param maxCapacityBuffer percent, [0, 100]; required with Increase, not allowed with Honor
 *     (default null)
 * @param minCapacity group minimum, instances, &gt;= 0 (default 0)
 * @param maxCapacity group maximum, instances, &gt;= {@code minCapacity} (default
 *     {@link Integer#MAX_VALUE})
 * @param standalone true: the policy is alone, a lower forecast holds the current capacity (it
 *     never scales in); false: it proposes the forecast capacity as a floor, to be combined by max
 *     with a dynamic policy (see {@link AwsPredictivePolicy#withDynamic})
 */
public record AwsPredictiveConfig(String name, List<String> classes, double targetLoadPerInstance,
    AwsPredictive.Mode mode, Duration schedulingBufferTime, AwsPredictive.MaxCapacityBreachBehavior maxCapacityBreachBehavior,
    Integer maxCapacityBuffer, int minCapacity, int maxCapacity, boolean standalone) {
  /** AWS's default SchedulingBufferTime: 300 s. */
  public static final Duration DEFAULT_SCHEDULING_BUFFER_TIME = Duration.ofSeconds(300);

  /**
   * Validates the config and copies {@code classes}.
   *
   * @param name policy name; not null (builder default {@code aws-predictive})
   * @param classes job classes whose arrivals make the load; empty (default) means every class
   * @param targetLoadPerInstance load one instance carries at the target, busy slots, &gt; 0 (no
   *     default: the builder requires it)
   * @param mode ForecastOnly (default) or ForecastAndScale
   * @param schedulingBufferTime how early an hour's capacity is launched, [0, 3600) s (default
   *     {@link #DEFAULT_SCHEDULING_BUFFER_TIME}, 300 s)
   * @param maxCapacityBreachBehavior Honor (default) or Increase
   * @param maxCapacityBuffer percent, [0, 100]; required with Increase, not allowed with Honor
   *     (default null)
   * @param minCapacity group minimum, instances, &gt;= 0 (default 0)
   * @param maxCapacity group maximum, instances, &gt;= {@code minCapacity} (default
   *     {@link Integer#MAX_VALUE})
   * @param standalone true: the policy is alone, a lower forecast holds the current capacity (it
   *     never scales in); false: it proposes the forecast capacity as a floor, to be combined by max
   *     with a dynamic policy (see {@link AwsPredictivePolicy#withDynamic})
   * @throws IllegalArgumentException if {@code name}, {@code classes}, {@code mode} or
   *     {@code maxCapacityBreachBehavior} is null, {@code targetLoadPerInstance} is not positive and
   *     finite, {@code schedulingBufferTime} is null, negative or &gt;= 3600 s,
   *     {@code maxCapacityBuffer} is missing with Increase, out of [0, 100], or set with Honor, or
   *     the capacity bounds are invalid
   */
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

  /**
   * A builder with AWS's defaults, name {@code aws-predictive}, capacity {@code [0, Integer.MAX_VALUE]},
   * standalone; {@link Builder#targetLoadPerInstance} must be set.
   *
   * @return a new builder
   */
  public static Builder custom() {
    return new Builder();
  }

  /** Builds an {@link AwsPredictiveConfig}; not thread-safe. Each setter returns this builder. */
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

    /**
     * Sets the policy name.
     *
     * @param v the name (default {@code aws-predictive})
     * @return this builder
     */
    public Builder name(String v) {
      name = v;
      return this;
    }

    /**
     * Sets the job classes whose arrivals make the load.
     *
     * @param v class names; empty (default) means every class
     * @return this builder
     */
    public Builder classes(List<String> v) {
      classes = v;
      return this;
    }

    /**
     * Sets the load one instance carries at the target.
     *
     * @param v busy slots per instance, &gt; 0 (required; e.g. slots × 0.8)
     * @return this builder
     */
    public Builder targetLoadPerInstance(double v) {
      target = v;
      return this;
    }

    /**
     * Sets the mode.
     *
     * @param v ForecastOnly (default) or ForecastAndScale
     * @return this builder
     */
    public Builder mode(AwsPredictive.Mode v) {
      mode = v;
      return this;
    }

    /**
     * Sets SchedulingBufferTime, how early an hour's capacity is launched.
     *
     * @param v the buffer, in [0, 3600) s (default 300 s)
     * @return this builder
     */
    public Builder schedulingBufferTime(Duration v) {
      buffer = v;
      return this;
    }

    /**
     * Sets MaxCapacityBreachBehavior.
     *
     * @param v Honor (default) or Increase
     * @return this builder
     */
    public Builder maxCapacityBreachBehavior(AwsPredictive.MaxCapacityBreachBehavior v) {
      breach = v;
      return this;
    }

    /**
     * Sets MaxCapacityBuffer.
     *
     * @param v percent in [0, 100] with Increase; null (default) with Honor
     * @return this builder
     */
    public Builder maxCapacityBuffer(Integer v) {
      maxBuffer = v;
      return this;
    }

    /**
     * Sets the group minimum.
     *
     * @param v instances, &gt;= 0 (default 0)
     * @return this builder
     */
    public Builder minCapacity(int v) {
      min = v;
      return this;
    }

    /**
     * Sets the group maximum.
     *
     * @param v instances, &gt;= the minimum (default {@link Integer#MAX_VALUE})
     * @return this builder
     */
    public Builder maxCapacity(int v) {
      max = v;
      return this;
    }

    /**
     * Sets whether the policy runs alone (never scales in) or as a floor beside a dynamic policy.
     *
     * @param v true (default) alone, false as a floor
     * @return this builder
     */
    public Builder standalone(boolean v) {
      standalone = v;
      return this;
    }

    /**
     * Builds the config.
     *
     * @return the validated config
     * @throws IllegalArgumentException as {@link AwsPredictiveConfig}'s constructor does (also when
     *     {@code targetLoadPerInstance} was not set)
     */
    public AwsPredictiveConfig build() {
      return new AwsPredictiveConfig(name, classes, target, mode, buffer, breach, maxBuffer, min, max, standalone);
    }
  }

  /**
   * This config with another {@code standalone}.
   *
   * @param v true alone, false as a floor for a dynamic policy
   * @return a copy with {@code standalone = v}
   */
  public AwsPredictiveConfig withStandalone(boolean v) {
    return new AwsPredictiveConfig(name, classes, targetLoadPerInstance, mode, schedulingBufferTime,
        maxCapacityBreachBehavior, maxCapacityBuffer, minCapacity, maxCapacity, v);
  }
}
