package dev.governor.simulation;

import java.time.Duration;
import java.util.Objects;

/**
 * Switchable, seeded, combinable faults of the world below a controller. All off by default. Each
 * fault draws from its own random stream, so turning one on does not change the draws of the
 * others. Rates are of a Poisson process; an episode is a window of fixed length; a probability is
 * drawn per call, per launch, per job or per tick as each component says. Built with
 * {@code Faults.none().withX(…)}; {@link FaultCatalogue} names a standard intensity of each.
 *
 * <p>Signals: {@code outage…} (nothing new is published, for every class or for {@code outageClass}
 * only: readings age and go stale), {@code stale…} (the CloudWatch-like counts stop while queue
 * depths stay current), {@code nanReadings} (a source that yields NaN drops that reading: it is
 * missing that tick), {@code corrupt…} (queue depths multiplied by {@code corruptFactor}),
 * {@code future…} (readings stamped {@code futureSkew} ahead). Fleet view: {@code fleetViewFailure}
 * (the view cannot be read), {@code fleetViewLag} (the view is that old). Launches:
 * {@code launchFailure}, {@code capacityError} (nothing starts), {@code partialLaunch} (some
 * start), {@code neverBoots}, {@code slowBoot} (boot {@value #SLOW_BOOT_FACTOR}× longer). Calls:
 * {@code throttle} (nothing done), {@code lostResponse} (done, then an exception). Instances:
 * {@code crashesPerInstanceHour}, {@code spotInterruptionsPerInstanceHour} (a
 * {@link #SPOT_NOTICE} notice, then killed), {@code busyReportLag} (the view's busy slots leave
 * out jobs started within it). Jobs: {@code hungJobs}. Controller: {@code restart…} (state
 * restored from a state store), {@code clockStep…} (the controller's clock jumps by
 * {@code clockStep}, and back to true time at the next step).
 *
 * @param launchFailure probability that a launched instance never becomes RUNNING (it is billed
 *     from launch until it fails at the end of its boot)
 * @param capacityError probability that a launch call hits {@code InsufficientInstanceCapacity}
 *     and starts nothing
 * @param crashesPerInstanceHour rate at which a RUNNING instance dies; its jobs return to the queue
 * @param outagesPerDay rate of signal outages, during which the signal source reports nothing new
 *     (readings age and go stale)
 * @param outageDuration how long one signal outage lasts (default 10 min)
 * @param throttle probability that an actuator call fails with {@code RequestLimitExceeded}
 *     (nothing is done)
 * @param outageClass the one job class whose signals an outage stops; empty for every class
 * @param stalePerDay rate of episodes during which arrival, completion and service-time counts
 *     are not published (queue depths are)
 * @param staleDuration length of one such episode (default 15 min)
 * @param nanReadings probability per tick that one published reading (chosen at random) comes as
 *     NaN from the source and is dropped
 * @param corruptPerDay rate of spikes of corrupt values
 * @param corruptDuration length of one spike (default 2 min)
 * @param corruptFactor factor the queue depths are multiplied by during a spike (default 50, > 1)
 * @param futurePerDay rate of episodes during which every reading is stamped in the future
 * @param futureDuration length of one such episode (default 10 min)
 * @param futureSkew how far ahead such readings are stamped (default 10 min, > 0)
 * @param fleetViewFailure probability that reading the fleet view fails (an exception)
 * @param fleetViewLag age of the fleet view the controller gets (zero: current)
 * @param partialLaunch probability that a launch of n ≥ 2 instances starts only 1..n−1 of them
 * @param neverBoots probability that a launched instance stays PENDING (billed) until it is
 *     terminated or the provider gives up after {@link #STUCK_PENDING}
 * @param slowBoot probability that a launched instance boots {@value #SLOW_BOOT_FACTOR}× longer
 * @param lostResponse probability that an actuator call acts and then throws (a lost response)
 * @param spotInterruptionsPerInstanceHour rate at which a RUNNING instance gets a spot
 *     interruption notice: it takes no new job, shows TERMINATING and is killed
 *     {@link #SPOT_NOTICE} later, returning the jobs it still runs
 * @param busyReportLag how late the fleet view's busy slots are: jobs started within it are not
 *     counted (zero: exact)
 * @param hungJobs probability that a job hangs: it holds its slot for {@code hungTimeout}, then
 *     returns to the queue (a visibility timeout) and runs again
 * @param hungTimeout how long a hung job holds its slot (default 15 min)
 * @param restartAtTick the tick at which the controller restarts (-1: none)
 * @param restartsPerDay rate of controller restarts at random ticks
 * @param restartBeforeSave whether a restart happens between a tick's action and its state save
 *     (that save is lost) instead of between two ticks
 * @param clockStepAtTick the tick at which the controller's clock steps (-1: none)
 * @param clockStepsPerDay rate of clock steps at random ticks
 * @param clockStep the step (negative: back); a later step returns the clock to true time
 */
public record Faults(double launchFailure, double capacityError, double crashesPerInstanceHour, double outagesPerDay,
    Duration outageDuration, double throttle, String outageClass, double stalePerDay, Duration staleDuration,
    double nanReadings, double corruptPerDay, Duration corruptDuration, double corruptFactor, double futurePerDay,
    Duration futureDuration, Duration futureSkew, double fleetViewFailure, Duration fleetViewLag, double partialLaunch,
    double neverBoots, double slowBoot, double lostResponse, double spotInterruptionsPerInstanceHour,
    Duration busyReportLag, double hungJobs, Duration hungTimeout, int restartAtTick, double restartsPerDay,
    boolean restartBeforeSave, int clockStepAtTick, double clockStepsPerDay, Duration clockStep) {
  /** Default length of a signal outage. */
  public static final Duration DEFAULT_OUTAGE_DURATION = Duration.ofMinutes(10);
  /** Default length of an episode of stale counts. */
  public static final Duration DEFAULT_STALE_DURATION = Duration.ofMinutes(15);
  /** Default length of a spike of corrupt values. */
  public static final Duration DEFAULT_CORRUPT_DURATION = Duration.ofMinutes(2);
  /** Default factor of corrupt queue depths. */
  public static final double DEFAULT_CORRUPT_FACTOR = 50;
  /** Default length of an episode of future-stamped readings. */
  public static final Duration DEFAULT_FUTURE_DURATION = Duration.ofMinutes(10);
  /** Default skew of future-stamped readings. */
  public static final Duration DEFAULT_FUTURE_SKEW = Duration.ofMinutes(10);
  /** Default time a hung job holds its slot (an SQS visibility timeout). */
  public static final Duration DEFAULT_HUNG_TIMEOUT = Duration.ofMinutes(15);
  /** Default clock step. */
  public static final Duration DEFAULT_CLOCK_STEP = Duration.ofMinutes(-10);
  /** The notice a spot interruption gives (EC2's two minutes). */
  public static final Duration SPOT_NOTICE = Duration.ofMinutes(2);
  /** How long an instance that never boots stays PENDING before the provider gives up on it. */
  public static final Duration STUCK_PENDING = Duration.ofMinutes(30);
  /** How much longer a slow boot takes. */
  public static final int SLOW_BOOT_FACTOR = 5;

  private static final Faults NONE = new Faults(0, 0, 0, 0, DEFAULT_OUTAGE_DURATION, 0);

  /**
   * Validates every component: probabilities in [0, 1], rates &gt;= 0 and finite, episode lengths,
   * {@code futureSkew} and {@code hungTimeout} &gt; 0, lags &gt;= 0, {@code corruptFactor} &gt; 1 and
   * finite, {@code restartAtTick} and {@code clockStepAtTick} &gt;= -1, {@code clockStep} not zero.
   * Each component is described in the type comment.
   *
   * @param launchFailure probability per launched instance of never becoming RUNNING, in [0, 1]
   * @param capacityError probability per launch call of starting nothing, in [0, 1]
   * @param crashesPerInstanceHour crashes per RUNNING instance-hour, &gt;= 0
   * @param outagesPerDay signal outages per day, &gt;= 0
   * @param outageDuration length of one signal outage, &gt; 0
   * @param throttle probability per actuator call of being throttled, in [0, 1]
   * @param outageClass the one class an outage silences, empty for every class (not null)
   * @param stalePerDay episodes of stale counts per day, &gt;= 0
   * @param staleDuration length of one such episode, &gt; 0
   * @param nanReadings probability per tick of one reading coming as NaN, in [0, 1]
   * @param corruptPerDay spikes of corrupt queue depths per day, &gt;= 0
   * @param corruptDuration length of one spike, &gt; 0
   * @param corruptFactor factor of the queue depths during a spike, &gt; 1 and finite
   * @param futurePerDay episodes of future-stamped readings per day, &gt;= 0
   * @param futureDuration length of one such episode, &gt; 0
   * @param futureSkew how far ahead such readings are stamped, &gt; 0
   * @param fleetViewFailure probability per read of the fleet view failing, in [0, 1]
   * @param fleetViewLag age of the fleet view, &gt;= 0 (zero: current)
   * @param partialLaunch probability per launch of n ≥ 2 of starting only 1..n−1, in [0, 1]
   * @param neverBoots probability per launched instance of staying PENDING, in [0, 1]
   * @param slowBoot probability per launched instance of a {@value #SLOW_BOOT_FACTOR}× boot, in [0, 1]
   * @param lostResponse probability per actuator call of acting and then throwing, in [0, 1]
   * @param spotInterruptionsPerInstanceHour spot interruptions per RUNNING instance-hour, &gt;= 0
   * @param busyReportLag how late busy slots are reported, &gt;= 0 (zero: exact)
   * @param hungJobs probability per job start of hanging, in [0, 1]
   * @param hungTimeout how long a hung job holds its slot, &gt; 0
   * @param restartAtTick the tick index of a controller restart, or -1 for none
   * @param restartsPerDay random controller restarts per day, &gt;= 0
   * @param restartBeforeSave whether restarts fall between a tick's action and its state save
   * @param clockStepAtTick the tick index of a clock step, or -1 for none
   * @param clockStepsPerDay random clock steps per day, &gt;= 0
   * @param clockStep the clock's jump (negative: back), not zero
   * @throws IllegalArgumentException naming the first component that breaks its rule, with its value
   * @throws NullPointerException if {@code outageClass} or a duration is null
   */
  public Faults {
    probability("launchFailure", launchFailure);
    probability("capacityError", capacityError);
    rate("crashesPerInstanceHour", crashesPerInstanceHour);
    rate("outagesPerDay", outagesPerDay);
    positive("outageDuration", outageDuration);
    probability("throttle", throttle);
    Objects.requireNonNull(outageClass, "outageClass");
    rate("stalePerDay", stalePerDay);
    positive("staleDuration", staleDuration);
    probability("nanReadings", nanReadings);
    rate("corruptPerDay", corruptPerDay);
    positive("corruptDuration", corruptDuration);
    if (!(corruptFactor > 1) || Double.isInfinite(corruptFactor)) {
      throw new IllegalArgumentException("corruptFactor must be > 1 and finite, but was " + corruptFactor);
    }
    rate("futurePerDay", futurePerDay);
    positive("futureDuration", futureDuration);
    positive("futureSkew", futureSkew);
    probability("fleetViewFailure", fleetViewFailure);
    nonNegative("fleetViewLag", fleetViewLag);
    probability("partialLaunch", partialLaunch);
    probability("neverBoots", neverBoots);
    probability("slowBoot", slowBoot);
    probability("lostResponse", lostResponse);
    rate("spotInterruptionsPerInstanceHour", spotInterruptionsPerInstanceHour);
    nonNegative("busyReportLag", busyReportLag);
    probability("hungJobs", hungJobs);
    positive("hungTimeout", hungTimeout);
    if (restartAtTick < -1) {
      throw new IllegalArgumentException("restartAtTick must be >= 0, or -1 for none, but was " + restartAtTick);
    }
    rate("restartsPerDay", restartsPerDay);
    if (clockStepAtTick < -1) {
      throw new IllegalArgumentException("clockStepAtTick must be >= 0, or -1 for none, but was " + clockStepAtTick);
    }
    rate("clockStepsPerDay", clockStepsPerDay);
    Objects.requireNonNull(clockStep, "clockStep");
    if (clockStep.isZero()) {
      throw new IllegalArgumentException("clockStep must not be zero, but was " + clockStep);
    }
  }

  /**
   * The five original faults (launch failures, capacity errors, crashes, signal outages of every
   * class, throttling); every other one off, with its default length, factor or timeout.
   *
   * @param launchFailure probability that a launched instance never becomes RUNNING, in [0, 1]
   * @param capacityError probability that a launch call starts nothing, in [0, 1]
   * @param crashesPerInstanceHour crashes per RUNNING instance-hour (&gt;= 0)
   * @param outagesPerDay signal outages per day (&gt;= 0)
   * @param outageDuration length of one outage (&gt; 0)
   * @param throttle probability that an actuator call is throttled, in [0, 1]
   * @throws IllegalArgumentException as the canonical constructor
   * @throws NullPointerException if {@code outageDuration} is null
   */
  public Faults(double launchFailure, double capacityError, double crashesPerInstanceHour, double outagesPerDay,
      Duration outageDuration, double throttle) {
    this(launchFailure, capacityError, crashesPerInstanceHour, outagesPerDay, outageDuration, throttle, "", 0,
        DEFAULT_STALE_DURATION, 0, 0, DEFAULT_CORRUPT_DURATION, DEFAULT_CORRUPT_FACTOR, 0, DEFAULT_FUTURE_DURATION,
        DEFAULT_FUTURE_SKEW, 0, Duration.ZERO, 0, 0, 0, 0, 0, Duration.ZERO, 0, DEFAULT_HUNG_TIMEOUT, -1, 0, false, -1,
        0, DEFAULT_CLOCK_STEP);
  }

  /**
   * No fault: the starting point of {@code Faults.none().withX(…)}.
   *
   * @return every probability and rate 0, no chosen tick, every length, factor and timeout at
   *     its default (the same instance each call)
   */
  public static Faults none() {
    return NONE;
  }

  /**
   * Whether any fault is on.
   *
   * @return true if a probability or rate is above 0, a lag is not zero, or a restart or a clock
   *     step is chosen ({@link #restarts}, {@link #clockSteps}); lengths, factors and
   *     {@code outageClass} alone turn nothing on
   */
  public boolean any() {
    return launchFailure > 0 || capacityError > 0 || crashesPerInstanceHour > 0 || outagesPerDay > 0 || throttle > 0
        || stalePerDay > 0 || nanReadings > 0 || corruptPerDay > 0 || futurePerDay > 0 || fleetViewFailure > 0
        || !fleetViewLag.isZero() || partialLaunch > 0 || neverBoots > 0 || slowBoot > 0 || lostResponse > 0
        || spotInterruptionsPerInstanceHour > 0 || !busyReportLag.isZero() || hungJobs > 0 || restarts()
        || clockSteps();
  }

  /**
   * Whether the controller is ever restarted.
   *
   * @return {@code restartAtTick >= 0 || restartsPerDay > 0}
   */
  public boolean restarts() {
    return restartAtTick >= 0 || restartsPerDay > 0;
  }

  /**
   * Whether the controller's clock ever steps.
   *
   * @return {@code clockStepAtTick >= 0 || clockStepsPerDay > 0}
   */
  public boolean clockSteps() {
    return clockStepAtTick >= 0 || clockStepsPerDay > 0;
  }

  /**
   * Combines two fault sets, e.g. a scenario's own with one of the {@link FaultCatalogue}:
   * <ul>
   *   <li>each probability and per-instance-hour rate is the larger, each lag the longer;
   *   <li>an episode fault (outages, stale counts, corrupt spikes, future readings) and hung jobs
   *       take their length and their factor, skew, outage class or timeout together with the
   *       rate: {@code o}'s when {@code o}'s rate (probability for hung jobs) is strictly larger,
   *       else this one's;
   *   <li>if {@code o} restarts the controller: {@code o}'s restart tick where it sets one (else
   *       this one's), the larger rate per day, and before the save if either says so;
   *   <li>if {@code o} steps the clock: {@code o}'s step tick where it sets one (else this one's),
   *       the larger rate per day, and this one's step unless this one has no clock steps, then
   *       {@code o}'s.
   * </ul>
   *
   * @param o the faults to add
   * @return the combination (neither operand changes)
   * @throws NullPointerException if {@code o} is null
   */
  public Faults and(Faults o) {
    Objects.requireNonNull(o, "faults");
    M m = new M(this);
    m.launchFailure = Math.max(launchFailure, o.launchFailure);
    m.capacityError = Math.max(capacityError, o.capacityError);
    m.crash = Math.max(crashesPerInstanceHour, o.crashesPerInstanceHour);
    if (o.outagesPerDay > outagesPerDay) {
      m.outagesPerDay = o.outagesPerDay;
      m.outageDuration = o.outageDuration;
      m.outageClass = o.outageClass;
    }
    m.throttle = Math.max(throttle, o.throttle);
    if (o.stalePerDay > stalePerDay) {
      m.stalePerDay = o.stalePerDay;
      m.staleDuration = o.staleDuration;
    }
    m.nan = Math.max(nanReadings, o.nanReadings);
    if (o.corruptPerDay > corruptPerDay) {
      m.corruptPerDay = o.corruptPerDay;
      m.corruptDuration = o.corruptDuration;
      m.corruptFactor = o.corruptFactor;
    }
    if (o.futurePerDay > futurePerDay) {
      m.futurePerDay = o.futurePerDay;
      m.futureDuration = o.futureDuration;
      m.futureSkew = o.futureSkew;
    }
    m.fleetViewFailure = Math.max(fleetViewFailure, o.fleetViewFailure);
    m.fleetViewLag = max(fleetViewLag, o.fleetViewLag);
    m.partial = Math.max(partialLaunch, o.partialLaunch);
    m.neverBoots = Math.max(neverBoots, o.neverBoots);
    m.slowBoot = Math.max(slowBoot, o.slowBoot);
    m.lost = Math.max(lostResponse, o.lostResponse);
    m.spot = Math.max(spotInterruptionsPerInstanceHour, o.spotInterruptionsPerInstanceHour);
    m.busyLag = max(busyReportLag, o.busyReportLag);
    if (o.hungJobs > hungJobs) {
      m.hung = o.hungJobs;
      m.hungTimeout = o.hungTimeout;
    }
    if (o.restarts()) {
      m.restartAtTick = o.restartAtTick >= 0 ? o.restartAtTick : restartAtTick;
      m.restartsPerDay = Math.max(restartsPerDay, o.restartsPerDay);
      m.restartBeforeSave = o.restartBeforeSave || restartBeforeSave;
    }
    if (o.clockSteps()) {
      m.clockStepAtTick = o.clockStepAtTick >= 0 ? o.clockStepAtTick : clockStepAtTick;
      m.clockStepsPerDay = Math.max(clockStepsPerDay, o.clockStepsPerDay);
      m.clockStep = clockSteps() ? clockStep : o.clockStep;
    }
    return m.build();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * Launched instances that fail at the end of their boot (billed until then), with probability
   * {@code p}.
   *
   * @param p probability per launched instance, in [0, 1] (0: off)
   * @return a copy with {@code launchFailure} {@code p}
   * @throws IllegalArgumentException if {@code p} is outside [0, 1]
   */
  public Faults withLaunchFailure(double p) {
    return with(m -> m.launchFailure = p);
  }

  /**
   * Launch calls that start nothing ({@code InsufficientInstanceCapacity}), with probability {@code p}.
   *
   * @param p probability per launch call, in [0, 1] (0: off)
   * @return a copy with {@code capacityError} {@code p}
   * @throws IllegalArgumentException if {@code p} is outside [0, 1]
   */
  public Faults withCapacityError(double p) {
    return with(m -> m.capacityError = p);
  }

  /**
   * RUNNING instances crash at {@code r} per instance-hour; a crashed instance's jobs return to the
   * queue.
   *
   * @param r crashes per RUNNING instance-hour (&gt;= 0 and finite; 0: off)
   * @return a copy with {@code crashesPerInstanceHour} {@code r}
   * @throws IllegalArgumentException if {@code r} is negative, NaN or infinite
   */
  public Faults withCrashesPerInstanceHour(double r) {
    return with(m -> m.crash = r);
  }

  /**
   * Signal outages, {@code perDay} a day, each {@code duration} long: the signal source publishes
   * nothing new and readings age. Of every class unless {@link #withOutageClass} names one (this
   * method leaves {@code outageClass} as it is).
   *
   * @param perDay outages per day (&gt;= 0 and finite; 0: off)
   * @param duration length of one outage (&gt; 0; default {@link #DEFAULT_OUTAGE_DURATION})
   * @return a copy with {@code outagesPerDay} and {@code outageDuration} set
   * @throws IllegalArgumentException if {@code perDay} is negative, NaN or infinite, or
   *     {@code duration} is not positive
   * @throws NullPointerException if {@code duration} is null
   */
  public Faults withSignalOutages(double perDay, Duration duration) {
    return with(m -> {
      m.outagesPerDay = perDay;
      m.outageDuration = duration;
    });
  }

  /**
   * Signal outages of one job class only. Changes no rate: outages happen only with
   * {@link #withSignalOutages}.
   *
   * @param cls the class whose signals an outage stops; empty for every class
   * @return a copy with {@code outageClass} {@code cls}
   * @throws NullPointerException if {@code cls} is null
   */
  public Faults withOutageClass(String cls) {
    return with(m -> m.outageClass = cls);
  }

  /**
   * Actuator calls throttled ({@code RequestLimitExceeded}, nothing done) with probability {@code p}.
   *
   * @param p probability per actuator call, in [0, 1] (0: off)
   * @return a copy with {@code throttle} {@code p}
   * @throws IllegalArgumentException if {@code p} is outside [0, 1]
   */
  public Faults withThrottle(double p) {
    return with(m -> m.throttle = p);
  }

  /**
   * Episodes of stale counts (arrivals, completions, service time; queue depths stay current),
   * {@code perDay}, each {@code duration} long.
   *
   * @param perDay episodes per day (&gt;= 0 and finite; 0: off)
   * @param duration length of one episode (&gt; 0; default {@link #DEFAULT_STALE_DURATION})
   * @return a copy with {@code stalePerDay} and {@code staleDuration} set
   * @throws IllegalArgumentException if {@code perDay} is negative, NaN or infinite, or
   *     {@code duration} is not positive
   * @throws NullPointerException if {@code duration} is null
   */
  public Faults withStaleReadings(double perDay, Duration duration) {
    return with(m -> {
      m.stalePerDay = perDay;
      m.staleDuration = duration;
    });
  }

  /**
   * One reading a tick, chosen at random, comes as NaN from the source (and is dropped: it is
   * missing that tick), with probability {@code p}.
   *
   * @param p probability per tick, in [0, 1] (0: off)
   * @return a copy with {@code nanReadings} {@code p}
   * @throws IllegalArgumentException if {@code p} is outside [0, 1]
   */
  public Faults withNanReadings(double p) {
    return with(m -> m.nan = p);
  }

  /**
   * Spikes of queue depths × {@code factor}, {@code perDay}, each {@code duration} long.
   *
   * @param perDay spikes per day (&gt;= 0 and finite; 0: off)
   * @param duration length of one spike (&gt; 0; default {@link #DEFAULT_CORRUPT_DURATION})
   * @param factor what the published queue depths are multiplied by during a spike (&gt; 1 and
   *     finite; default {@link #DEFAULT_CORRUPT_FACTOR})
   * @return a copy with {@code corruptPerDay}, {@code corruptDuration} and {@code corruptFactor} set
   * @throws IllegalArgumentException if {@code perDay} is negative, NaN or infinite, {@code duration}
   *     is not positive, or {@code factor} is not above 1 and finite
   * @throws NullPointerException if {@code duration} is null
   */
  public Faults withCorruptSpikes(double perDay, Duration duration, double factor) {
    return with(m -> {
      m.corruptPerDay = perDay;
      m.corruptDuration = duration;
      m.corruptFactor = factor;
    });
  }

  /**
   * Episodes of readings stamped {@code skew} ahead, {@code perDay}, each {@code duration} long.
   *
   * @param perDay episodes per day (&gt;= 0 and finite; 0: off)
   * @param duration length of one episode (&gt; 0; default {@link #DEFAULT_FUTURE_DURATION})
   * @param skew how far ahead of the true time the readings are stamped (&gt; 0; default
   *     {@link #DEFAULT_FUTURE_SKEW})
   * @return a copy with {@code futurePerDay}, {@code futureDuration} and {@code futureSkew} set
   * @throws IllegalArgumentException if {@code perDay} is negative, NaN or infinite, or
   *     {@code duration} or {@code skew} is not positive
   * @throws NullPointerException if {@code duration} or {@code skew} is null
   */
  public Faults withFutureReadings(double perDay, Duration duration, Duration skew) {
    return with(m -> {
      m.futurePerDay = perDay;
      m.futureDuration = duration;
      m.futureSkew = skew;
    });
  }

  /**
   * Reading the fleet view fails (throws) with probability {@code p}.
   *
   * @param p probability per read, in [0, 1] (0: off)
   * @return a copy with {@code fleetViewFailure} {@code p}
   * @throws IllegalArgumentException if {@code p} is outside [0, 1]
   */
  public Faults withFleetViewFailure(double p) {
    return with(m -> m.fleetViewFailure = p);
  }

  /**
   * The fleet view the controller reads is {@code lag} old.
   *
   * @param lag age of the view (&gt;= 0; zero: current, off)
   * @return a copy with {@code fleetViewLag} {@code lag}
   * @throws IllegalArgumentException if {@code lag} is negative
   * @throws NullPointerException if {@code lag} is null
   */
  public Faults withFleetViewLag(Duration lag) {
    return with(m -> m.fleetViewLag = lag);
  }

  /**
   * Launch calls of n ≥ 2 instances start only 1..n−1 of them, with probability {@code p}.
   *
   * @param p probability per launch call of at least 2, in [0, 1] (0: off)
   * @return a copy with {@code partialLaunch} {@code p}
   * @throws IllegalArgumentException if {@code p} is outside [0, 1]
   */
  public Faults withPartialLaunch(double p) {
    return with(m -> m.partial = p);
  }

  /**
   * Launched instances stay PENDING (billed) until terminated or given up after
   * {@link #STUCK_PENDING}, with probability {@code p}.
   *
   * @param p probability per launched instance, in [0, 1] (0: off)
   * @return a copy with {@code neverBoots} {@code p}
   * @throws IllegalArgumentException if {@code p} is outside [0, 1]
   */
  public Faults withNeverBoots(double p) {
    return with(m -> m.neverBoots = p);
  }

  /**
   * Launched instances boot {@value #SLOW_BOOT_FACTOR}× longer, with probability {@code p}.
   *
   * @param p probability per launched instance, in [0, 1] (0: off)
   * @return a copy with {@code slowBoot} {@code p}
   * @throws IllegalArgumentException if {@code p} is outside [0, 1]
   */
  public Faults withSlowBoot(double p) {
    return with(m -> m.slowBoot = p);
  }

  /**
   * Actuator calls act, then throw (the response is lost), with probability {@code p}.
   *
   * @param p probability per actuator call, in [0, 1] (0: off)
   * @return a copy with {@code lostResponse} {@code p}
   * @throws IllegalArgumentException if {@code p} is outside [0, 1]
   */
  public Faults withLostResponse(double p) {
    return with(m -> m.lost = p);
  }

  /**
   * Spot interruptions at {@code r} per RUNNING instance-hour, each with a {@link #SPOT_NOTICE}
   * notice before the instance is killed.
   *
   * @param r interruptions per RUNNING instance-hour (&gt;= 0 and finite; 0: off)
   * @return a copy with {@code spotInterruptionsPerInstanceHour} {@code r}
   * @throws IllegalArgumentException if {@code r} is negative, NaN or infinite
   */
  public Faults withSpotInterruptions(double r) {
    return with(m -> m.spot = r);
  }

  /**
   * The fleet view's busy slots leave out jobs started within {@code lag}.
   *
   * @param lag how late busy slots are reported (&gt;= 0; zero: exact, off)
   * @return a copy with {@code busyReportLag} {@code lag}
   * @throws IllegalArgumentException if {@code lag} is negative
   * @throws NullPointerException if {@code lag} is null
   */
  public Faults withBusyReportLag(Duration lag) {
    return with(m -> m.busyLag = lag);
  }

  /**
   * Jobs hang with probability {@code p}, holding their slot for {@code timeout}, then return to
   * the queue and run again.
   *
   * @param p probability per job start, in [0, 1] (0: off)
   * @param timeout how long a hung job holds its slot (&gt; 0; default {@link #DEFAULT_HUNG_TIMEOUT})
   * @return a copy with {@code hungJobs} and {@code hungTimeout} set
   * @throws IllegalArgumentException if {@code p} is outside [0, 1] or {@code timeout} is not positive
   * @throws NullPointerException if {@code timeout} is null
   */
  public Faults withHungJobs(double p, Duration timeout) {
    return with(m -> {
      m.hung = p;
      m.hungTimeout = timeout;
    });
  }

  /**
   * The controller restarts at tick {@code atTick} (-1: none) and at {@code perDay} random ticks a
   * day; {@code beforeSave}: between the tick's action and its state save. The replay draws a
   * random restart at each tick after the first with probability
   * {@code min(1, perDay × tick ÷ 86400 s)}; tick 0 never restarts.
   *
   * @param atTick the index of the tick (0 is the first) at which the controller restarts, or -1
   * @param perDay random restarts per day (&gt;= 0 and finite; 0: none)
   * @param beforeSave true: restarts fall between a tick's action and its state save, losing that
   *     save; false: between two ticks
   * @return a copy with {@code restartAtTick}, {@code restartsPerDay} and {@code restartBeforeSave} set
   * @throws IllegalArgumentException if {@code atTick < -1} or {@code perDay} is negative, NaN or infinite
   */
  public Faults withRestarts(int atTick, double perDay, boolean beforeSave) {
    return with(m -> {
      m.restartAtTick = atTick;
      m.restartsPerDay = perDay;
      m.restartBeforeSave = beforeSave;
    });
  }

  /**
   * The controller's clock steps by {@code step} at tick {@code atTick} (-1: none) and at
   * {@code perDay} random ticks a day; every other step returns the clock to true time. Random
   * steps are drawn as restarts are (see {@link #withRestarts}); tick 0 never steps.
   *
   * @param atTick the index of the tick (0 is the first) at which the clock steps, or -1
   * @param perDay random steps per day (&gt;= 0 and finite; 0: none)
   * @param step the offset the clock jumps by (negative: back; not zero; default
   *     {@link #DEFAULT_CLOCK_STEP})
   * @return a copy with {@code clockStepAtTick}, {@code clockStepsPerDay} and {@code clockStep} set
   * @throws IllegalArgumentException if {@code atTick < -1}, {@code perDay} is negative, NaN or
   *     infinite, or {@code step} is zero
   * @throws NullPointerException if {@code step} is null
   */
  public Faults withClockSteps(int atTick, double perDay, Duration step) {
    return with(m -> {
      m.clockStepAtTick = atTick;
      m.clockStepsPerDay = perDay;
      m.clockStep = step;
    });
  }

  private Faults with(java.util.function.Consumer<M> change) {
    M m = new M(this);
    change.accept(m);
    return m.build();
  }

  /** A mutable copy, so each {@code with…} names only what it changes. */
  private static final class M {
    double launchFailure, capacityError, crash, outagesPerDay, throttle, stalePerDay, nan, corruptPerDay,
        corruptFactor, futurePerDay, fleetViewFailure, partial, neverBoots, slowBoot, lost, spot, hung,
        restartsPerDay, clockStepsPerDay;
    Duration outageDuration, staleDuration, corruptDuration, futureDuration, futureSkew, fleetViewLag, busyLag,
        hungTimeout, clockStep;
    String outageClass;
    int restartAtTick, clockStepAtTick;
    boolean restartBeforeSave;

    M(Faults f) {
      launchFailure = f.launchFailure;
      capacityError = f.capacityError;
      crash = f.crashesPerInstanceHour;
      outagesPerDay = f.outagesPerDay;
      outageDuration = f.outageDuration;
      throttle = f.throttle;
      outageClass = f.outageClass;
      stalePerDay = f.stalePerDay;
      staleDuration = f.staleDuration;
      nan = f.nanReadings;
      corruptPerDay = f.corruptPerDay;
      corruptDuration = f.corruptDuration;
      corruptFactor = f.corruptFactor;
      futurePerDay = f.futurePerDay;
      futureDuration = f.futureDuration;
      futureSkew = f.futureSkew;
      fleetViewFailure = f.fleetViewFailure;
      fleetViewLag = f.fleetViewLag;
      partial = f.partialLaunch;
      neverBoots = f.neverBoots;
      slowBoot = f.slowBoot;
      lost = f.lostResponse;
      spot = f.spotInterruptionsPerInstanceHour;
      busyLag = f.busyReportLag;
      hung = f.hungJobs;
      hungTimeout = f.hungTimeout;
      restartAtTick = f.restartAtTick;
      restartsPerDay = f.restartsPerDay;
      restartBeforeSave = f.restartBeforeSave;
      clockStepAtTick = f.clockStepAtTick;
      clockStepsPerDay = f.clockStepsPerDay;
      clockStep = f.clockStep;
    }

    Faults build() {
      return new Faults(launchFailure, capacityError, crash, outagesPerDay, outageDuration, throttle, outageClass,
          stalePerDay, staleDuration, nan, corruptPerDay, corruptDuration, corruptFactor, futurePerDay, futureDuration,
          futureSkew, fleetViewFailure, fleetViewLag, partial, neverBoots, slowBoot, lost, spot, busyLag, hung,
          hungTimeout, restartAtTick, restartsPerDay, restartBeforeSave, clockStepAtTick, clockStepsPerDay, clockStep);
    }
  }

  private static void probability(String field, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(field + " must be in [0, 1], but was " + p);
    }
  }

  private static void rate(String field, double r) {
    if (!(r >= 0) || Double.isInfinite(r)) {
      throw new IllegalArgumentException(field + " must be >= 0 and finite, but was " + r);
    }
  }

  private static void positive(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " must be > 0, but was " + d);
    }
  }

  private static void nonNegative(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative()) {
      throw new IllegalArgumentException(field + " must be >= 0, but was " + d);
    }
  }
}
