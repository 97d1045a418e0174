package dev.governor.benchmarks;

import dev.governor.Controller;
import dev.governor.TickReport;
import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.actuator.Actuator;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridPolicy;
import dev.governor.predict.EnsemblePredictor;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import dev.governor.signal.SignalSource;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One controller tick with 50 signals, 5 job classes (each with an ensemble arrival predictor)
 * and 1,000 instances, of which a varying share is busy. {@code scenario=steady} ends in a Sleep;
 * {@code scenario=scale-in} makes the planner choose victims among the 1,000 every tick.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TickBenchmark -bm sample -tu us}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TickBenchmark {
  static final int CLASSES = 5;
  static final int SIGNALS = 50;
  static final int INSTANCES = 1000;

  @Param({"steady", "scale-in"})
  public String scenario;

  private ManualClock clock;
  private Controller controller;
  private MovingSignals signals;

  /** 50 readings per tick: 5 per class plus 25 host metrics, values moving with the tick count. */
  static final class MovingSignals implements SignalSource {
    final ManualClock clock;
    final List<JobClass> classes;
    double load;
    long n;

    MovingSignals(ManualClock clock, List<JobClass> classes, double load) {
      this.clock = clock;
      this.classes = classes;
      this.load = load;
    }

    @Override
    public List<Reading> read(Instant now) {
      n++;
      List<Reading> out = new ArrayList<>(SIGNALS);
      double wobble = 1 + 0.05 * Math.sin(n * 0.1);
      for (JobClass c : classes) {
        out.add(new Reading(c.visibleSignal(), 10 * wobble, now));
        out.add(new Reading(c.inflightSignal(), load * 0.5, now));
        out.add(new Reading(c.arrivalsSignal(), load * wobble / 30.0, now));
        out.add(new Reading(c.serviceTimeSignal(), 30 * wobble, now));
        out.add(new Reading(c.oldestAgeSignal(), 5 * wobble, now));
      }
      for (int k = out.size(); k < SIGNALS; k++) {
        out.add(new Reading("host.metric." + k, k * wobble, now));
      }
      return out;
    }
  }

  /** A fleet of 1,000 instances that does not change (so every tick sees the same world). */
  static final class FixedFleet implements Actuator {
    final Fleet fleet;

    FixedFleet(Fleet fleet) {
      this.fleet = fleet;
    }

    @Override
    public Fleet fleet(Instant now) {
      return fleet;
    }

    @Override
    public ActionResult apply(Action action, Instant now) {
      return ActionResult.ok(List.of(), List.of(), List.of());
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    Instant t0 = Instant.parse("2026-01-05T00:00:00Z");
    clock = new ManualClock(t0);
    InstanceType type = InstanceType.of("c7g.large", 4, 0.0725);
    List<JobClass> classes = new ArrayList<>();
    for (int k = 0; k < CLASSES; k++) {
      classes.add(JobClass.of("class" + k, Duration.ofMinutes(5), Duration.ofSeconds(30)));
    }
    List<Instance> instances = new ArrayList<>(INSTANCES);
    for (int i = 0; i < INSTANCES; i++) {
      Instance inst = Instance.launched(String.format("i-%017x", i), type, InstanceState.RUNNING,
          t0.minusSeconds(600 + 37L * i));
      instances.add(inst.withBusySlots(i % 3 == 0 ? 0 : 1 + i % 4));
    }
    // steady: load needs ~1,000 instances; scale-in: needs far fewer, every tick plans victims
    double load = scenario.equals("steady") ? 800 * 4 * 0.8 * 30 / 30.0 / 5 : 20;
    signals = new MovingSignals(clock, classes, scenario.equals("steady") ? 2560 / 2.5 : load);
    var b = Controller.builder()
        .clock(clock)
        .signals(signals)
        .jobClasses(classes)
        .launchType(type)
        .policy(HybridPolicy.ofDefaults())
        .guards(Guards.builder(1, 2000).stabilization(Duration.ZERO).cooldowns(Duration.ZERO, Duration.ZERO).build())
        .actuator(new FixedFleet(Fleet.of(instances)));
    for (JobClass c : classes) {
      b.predictor(SignalNames.arrivals(c.name()), EnsemblePredictor::standard);
    }
    controller = b.build();
    // Warm the predictors with a day of ticks so forecasts are on.
    for (int i = 0; i < 24 * 60; i++) {
      clock.advance(Duration.ofMinutes(1));
      controller.tick();
    }
  }

  @Benchmark
  public TickReport tick() {
    clock.advance(Duration.ofMinutes(1));
    return controller.tick();
  }
}
