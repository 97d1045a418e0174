package dev.governor.simulation.cli;

import dev.governor.fleet.BillingModel;
import dev.governor.simulation.Dispatch;
import dev.governor.simulation.Faults;
import dev.governor.simulation.Scenario;
import dev.governor.simulation.ScenarioFile;
import dev.governor.simulation.ServiceDistribution;
import dev.governor.simulation.trace.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The scenario flags shared by run, compare and tune. Their defaults are the standard scenario. */
final class ScenarioOptions {
  @Option(names = "--trace", paramLabel = "PATH", description = {
      "Trace CSV (plain or gzip), repeatable. Its header is one of",
      "  timestamp,count  |  timestamp,class,count  |",
      "  timestamp,class,service_s  |  timestamp,class,count,service_s.",
      "A file, or a bundled trace:",
      "  nasa_http_jul1995_1min.csv, wikipedia_en_2012_1h.csv,",
      "  nab_aws_elb_requests_2014_5min.csv, nab_twitter_aapl_2015_5min.csv.",
      "Default: nasa_http_jul1995_1min.csv"})
  List<String> traces = new ArrayList<>();

  @Option(names = "--scenario", paramLabel = "FILE|NAME", description = {
      "A scenario file (JSON, see simulation/README.md): job classes with their service times, deadlines, "
          + "priorities and loads, and the fleet. A file, or a bundled scenario: smugmug-week. "
          + "Its keys win over the flags; the flags give the rest. Not with --trace."})
  String scenarioFile;

  @Option(names = "--scale", paramLabel = "X", defaultValue = "1", description = "Multiply every count (seeded random rounding keeps the expected total exact). Default: ${DEFAULT-VALUE}")
  double scale;

  @Option(names = "--service-time", paramLabel = "DURATION", defaultValue = "30s", converter = Converters.DurationConverter.class,
      description = "Mean service time of a job. Default: ${DEFAULT-VALUE}")
  Duration serviceTime;

  @Option(names = "--service-cv", paramLabel = "CV", defaultValue = "1.0", description = "Coefficient of variation of the (lognormal) service time. Default: ${DEFAULT-VALUE}")
  double serviceCv;

  @Option(names = "--service-dist", paramLabel = "lognormal|exponential", defaultValue = "lognormal",
      converter = Converters.ServiceDistributionConverter.class, description = "Service time distribution. Default: ${DEFAULT-VALUE}")
  ServiceDistribution serviceDistribution;

  @Option(names = "--slots", paramLabel = "N", defaultValue = "4", description = "Concurrent jobs per instance. Default: ${DEFAULT-VALUE}")
  int slots;

  @Option(names = "--boot", paramLabel = "DURATION", defaultValue = "120s", converter = Converters.DurationConverter.class,
      description = "Mean boot delay, launch to RUNNING (billed). Default: ${DEFAULT-VALUE}")
  Duration boot;

  @Option(names = "--boot-cv", paramLabel = "CV", defaultValue = "0.25", description = "Coefficient of variation of the (lognormal) boot delay. Default: ${DEFAULT-VALUE}")
  double bootCv;

  @Option(names = "--dispatch", paramLabel = "random|pack", defaultValue = "random", converter = Converters.DispatchConverter.class,
      description = "A waiting job takes a random free slot (SQS workers pull) or one on the busiest instance. Default: ${DEFAULT-VALUE}")
  Dispatch dispatch;

  @Option(names = "--signal-lag", paramLabel = "DURATION", defaultValue = "60s", converter = Converters.DurationConverter.class,
      description = "How late arrival/completion counts reach the controller (depths are current). Default: ${DEFAULT-VALUE}")
  Duration signalLag;

  @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "300s", converter = Converters.DurationConverter.class,
      description = "Queue-wait objective: a job meets the SLO if it waits at most this. Default: ${DEFAULT-VALUE}")
  Duration deadline;

  @Option(names = "--tick", paramLabel = "DURATION", defaultValue = "60s", converter = Converters.DurationConverter.class,
      description = "Controller interval. Default: ${DEFAULT-VALUE}")
  Duration tick;

  @Option(names = "--billing", paramLabel = "per-second|per-hour", defaultValue = "per-second", converter = Converters.BillingConverter.class,
      description = "Per-second with a 60 s minimum, or per started hour; from launch. Default: ${DEFAULT-VALUE}")
  BillingModel billing;

  @Option(names = "--price", paramLabel = "PRICE", defaultValue = "0.10", description = "Price per instance-hour. Default: ${DEFAULT-VALUE}")
  double price;

  @Option(names = "--min", paramLabel = "N", defaultValue = "1", description = "Fewest instances. Default: ${DEFAULT-VALUE}")
  int min;

  @Option(names = "--max", paramLabel = "N", defaultValue = "1000", description = "Most instances. Default: ${DEFAULT-VALUE}")
  int max;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of every random stream. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--from", paramLabel = "TIMESTAMP", converter = Converters.InstantConverter.class,
      description = "Replay rows starting at or after this (inclusive).")
  Instant from;

  @Option(names = "--until", paramLabel = "TIMESTAMP", converter = Converters.InstantConverter.class,
      description = "Replay rows starting before this (exclusive).")
  Instant until;

  @Option(names = "--launch-failure", paramLabel = "P", defaultValue = "0", description = "Fault: probability that a launched instance never boots. Default: ${DEFAULT-VALUE}")
  double launchFailure;

  @Option(names = "--capacity-error", paramLabel = "P", defaultValue = "0", description = "Fault: probability that a launch call gets InsufficientInstanceCapacity (starts nothing). Default: ${DEFAULT-VALUE}")
  double capacityError;

  @Option(names = "--crash-rate", paramLabel = "PER_HOUR", defaultValue = "0", description = "Fault: crashes per RUNNING instance-hour (jobs return to the queue). Default: ${DEFAULT-VALUE}")
  double crashRate;

  @Option(names = "--signal-outages", paramLabel = "PER_DAY", defaultValue = "0", description = "Fault: signal outages per day (readings go stale). Default: ${DEFAULT-VALUE}")
  double outagesPerDay;

  @Option(names = "--outage-duration", paramLabel = "DURATION", defaultValue = "10m", converter = Converters.DurationConverter.class,
      description = "Length of one signal outage. Default: ${DEFAULT-VALUE}")
  Duration outageDuration;

  @Option(names = "--throttle", paramLabel = "P", defaultValue = "0", description = "Fault: probability that an actuator call fails with RequestLimitExceeded. Default: ${DEFAULT-VALUE}")
  double throttle;

  private ScenarioFile loaded;

  /** The --scenario file, read once (null without the flag). */
  ScenarioFile file() {
    if (scenarioFile != null && loaded == null) {
      if (!traces.isEmpty()) {
        throw new IllegalArgumentException("--scenario brings its own load: leave out --trace (got " + traces + ")");
      }
      loaded = ScenarioFile.load(scenarioFile);
    }
    return loaded;
  }

  @Option(names = "--outage-class", paramLabel = "CLASS", defaultValue = "", description = "Fault: signal outages stop only this job class's signals (default: every class).")
  String outageClass;

  @Option(names = "--stale-readings", paramLabel = "PER_DAY", defaultValue = "0", description = "Fault: episodes per day in which arrival/completion counts stop (depths stay current). Default: ${DEFAULT-VALUE}")
  double stalePerDay;

  @Option(names = "--stale-duration", paramLabel = "DURATION", defaultValue = "15m", converter = Converters.DurationConverter.class,
      description = "Length of one stale episode. Default: ${DEFAULT-VALUE}")
  Duration staleDuration;

  @Option(names = "--nan-readings", paramLabel = "P", defaultValue = "0", description = "Fault: probability per tick that one reading comes as NaN from the source (dropped). Default: ${DEFAULT-VALUE}")
  double nanReadings;

  @Option(names = "--corrupt-spikes", paramLabel = "PER_DAY", defaultValue = "0", description = "Fault: spikes per day of corrupt queue depths. Default: ${DEFAULT-VALUE}")
  double corruptPerDay;

  @Option(names = "--corrupt-duration", paramLabel = "DURATION", defaultValue = "2m", converter = Converters.DurationConverter.class,
      description = "Length of one corrupt spike. Default: ${DEFAULT-VALUE}")
  Duration corruptDuration;

  @Option(names = "--corrupt-factor", paramLabel = "X", defaultValue = "50", description = "Queue depths are multiplied by X during a spike. Default: ${DEFAULT-VALUE}")
  double corruptFactor;

  @Option(names = "--future-readings", paramLabel = "PER_DAY", defaultValue = "0", description = "Fault: episodes per day of readings stamped in the future. Default: ${DEFAULT-VALUE}")
  double futurePerDay;

  @Option(names = "--future-duration", paramLabel = "DURATION", defaultValue = "10m", converter = Converters.DurationConverter.class,
      description = "Length of one future-stamped episode. Default: ${DEFAULT-VALUE}")
  Duration futureDuration;

  @Option(names = "--future-skew", paramLabel = "DURATION", defaultValue = "10m", converter = Converters.DurationConverter.class,
      description = "How far ahead future readings are stamped. Default: ${DEFAULT-VALUE}")
  Duration futureSkew;

  @Option(names = "--fleet-view-failure", paramLabel = "P", defaultValue = "0", description = "Fault: probability that reading the fleet view fails. Default: ${DEFAULT-VALUE}")
  double fleetViewFailure;

  @Option(names = "--fleet-view-lag", paramLabel = "DURATION", defaultValue = "0s", converter = Converters.DurationConverter.class,
      description = "Fault: the fleet view is this old. Default: ${DEFAULT-VALUE}")
  Duration fleetViewLag;

  @Option(names = "--partial-launch", paramLabel = "P", defaultValue = "0", description = "Fault: probability that a launch of n >= 2 starts only 1..n-1. Default: ${DEFAULT-VALUE}")
  double partialLaunch;

  @Option(names = "--never-boots", paramLabel = "P", defaultValue = "0", description = "Fault: probability that a launched instance stays PENDING (given up after 30 min). Default: ${DEFAULT-VALUE}")
  double neverBoots;

  @Option(names = "--slow-boot", paramLabel = "P", defaultValue = "0", description = "Fault: probability that an instance boots 5x longer. Default: ${DEFAULT-VALUE}")
  double slowBoot;

  @Option(names = "--lost-response", paramLabel = "P", defaultValue = "0", description = "Fault: probability that an actuator call acts, then throws. Default: ${DEFAULT-VALUE}")
  double lostResponse;

  @Option(names = "--spot-interruptions", paramLabel = "PER_HOUR", defaultValue = "0", description = "Fault: spot interruptions per RUNNING instance-hour (2-minute notice). Default: ${DEFAULT-VALUE}")
  double spotInterruptions;

  @Option(names = "--busy-report-lag", paramLabel = "DURATION", defaultValue = "0s", converter = Converters.DurationConverter.class,
      description = "Fault: the fleet view's busy slots leave out jobs started within this. Default: ${DEFAULT-VALUE}")
  Duration busyReportLag;

  @Option(names = "--hung-jobs", paramLabel = "P", defaultValue = "0", description = "Fault: probability that a job hangs (holds its slot, then runs again). Default: ${DEFAULT-VALUE}")
  double hungJobs;

  @Option(names = "--hung-timeout", paramLabel = "DURATION", defaultValue = "15m", converter = Converters.DurationConverter.class,
      description = "How long a hung job holds its slot. Default: ${DEFAULT-VALUE}")
  Duration hungTimeout;

  @Option(names = "--restart-at-tick", paramLabel = "N", defaultValue = "-1", description = "Fault: the controller restarts at tick N (state from the state store). Default: none")
  int restartAtTick;

  @Option(names = "--restarts", paramLabel = "PER_DAY", defaultValue = "0", description = "Fault: controller restarts per day at random ticks. Default: ${DEFAULT-VALUE}")
  double restartsPerDay;

  @Option(names = "--restart-before-save", description = "Restarts happen between a tick's action and its state save.")
  boolean restartBeforeSave;

  @Option(names = "--clock-step-at-tick", paramLabel = "N", defaultValue = "-1", description = "Fault: the controller's clock steps at tick N. Default: none")
  int clockStepAtTick;

  @Option(names = "--clock-steps", paramLabel = "PER_DAY", defaultValue = "0", description = "Fault: clock steps per day at random ticks (every other one returns to true time). Default: ${DEFAULT-VALUE}")
  double clockStepsPerDay;

  @Option(names = "--clock-step", paramLabel = "[-]DURATION", defaultValue = "-10m", description = "The clock step; negative steps back. Default: ${DEFAULT-VALUE}")
  String clockStep;

  /** Every fault flag as one {@link Faults}. */
  Faults faults() {
    String cs = clockStep.trim();
    Duration step = cs.startsWith("-") ? Converters.duration(cs.substring(1)).negated()
        : Converters.duration(cs.startsWith("+") ? cs.substring(1) : cs);
    return new Faults(launchFailure, capacityError, crashRate, outagesPerDay, outageDuration, throttle)
        .withOutageClass(outageClass).withStaleReadings(stalePerDay, staleDuration).withNanReadings(nanReadings)
        .withCorruptSpikes(corruptPerDay, corruptDuration, corruptFactor)
        .withFutureReadings(futurePerDay, futureDuration, futureSkew).withFleetViewFailure(fleetViewFailure)
        .withFleetViewLag(fleetViewLag).withPartialLaunch(partialLaunch).withNeverBoots(neverBoots)
        .withSlowBoot(slowBoot).withLostResponse(lostResponse).withSpotInterruptions(spotInterruptions)
        .withBusyReportLag(busyReportLag).withHungJobs(hungJobs, hungTimeout)
        .withRestarts(restartAtTick, restartsPerDay, restartBeforeSave)
        .withClockSteps(clockStepAtTick, clockStepsPerDay, step);
  }

  List<Trace> traces() {
    if (file() != null) {
      return List.of(file().trace());
    }
    List<Trace> out = new ArrayList<>();
    for (String t : traces.isEmpty() ? List.of(Trace.BUNDLED.get(0)) : traces) {
      out.add(Trace.resolve(t));
    }
    return out;
  }

  Scenario scenario() {
    Scenario s = flags();
    return file() == null ? s : file().applyTo(s);
  }

  private Scenario flags() {
    return Scenario.standard().withScale(scale).withServiceTime(serviceTime).withServiceCv(serviceCv)
        .withServiceDistribution(serviceDistribution).withSlots(slots).withBoot(boot).withBootCv(bootCv)
        .withDispatch(dispatch).withSignalLag(signalLag).withDeadline(deadline).withTick(tick).withBilling(billing)
        .withPrice(price).withBounds(min, max).withSeed(seed).withWindow(from, until)
        .withFaults(faults());
  }
}
