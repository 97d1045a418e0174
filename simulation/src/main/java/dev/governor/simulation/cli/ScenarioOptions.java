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

  @Option(names = "--capacity-error", paramLabel = "P", defaultValue = "0", description = "Fault: probability that a launch call gets InsufficientInstanceCapacity (starts a random part). Default: ${DEFAULT-VALUE}")
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
        .withFaults(new Faults(launchFailure, capacityError, crashRate, outagesPerDay, outageDuration, throttle));
  }
}
