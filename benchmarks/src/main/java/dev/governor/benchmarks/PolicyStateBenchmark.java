package dev.governor.benchmarks;

import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.policy.HybridPolicy;
import dev.governor.policy.PolicyContext;
import dev.governor.signal.Freshness;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import dev.governor.signal.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serialising the governor policy's learned state (five job classes after a day of one-minute
 * ticks) to JSON and reading it back: what the controller does with every tick's state save, and
 * once at a restart.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PolicyStateBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyStateBenchmark {
  private HybridPolicy policy;
  private String state;

  @Setup(Level.Trial)
  public void setUp() {
    Instant t0 = Instant.parse("2026-01-05T00:00:00Z");
    InstanceType type = InstanceType.of("c7g.large", 4, 0.0725);
    List<JobClass> classes = new ArrayList<>();
    for (int k = 0; k < TickBenchmark.CLASSES; k++) {
      classes.add(JobClass.of("class" + k, Duration.ofMinutes(5), Duration.ofSeconds(30)));
    }
    List<Instance> instances = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      instances.add(Instance.launched(String.format("i-%017x", i), type, InstanceState.RUNNING, t0.minusSeconds(600))
          .withBusySlots(i % 4));
    }
    Fleet fleet = Fleet.of(instances);
    policy = HybridPolicy.ofDefaults();
    Snapshot previous = null;
    for (int i = 0; i < 24 * 60; i++) {
      Instant t = t0.plus(Duration.ofMinutes(i));
      double load = 2 + Math.sin(2 * Math.PI * i / 1440.0) + 0.1 * (i % 7);
      List<Reading> rs = new ArrayList<>();
      for (JobClass c : classes) {
        rs.add(new Reading(c.visibleSignal(), 10 * load, t));
        rs.add(new Reading(c.inflightSignal(), 30 * load, t));
        rs.add(new Reading(c.arrivalsSignal(), load, t));
        rs.add(new Reading(SignalNames.late(c.name()), i % 50 == 0 ? 1 : 0, t));
      }
      Snapshot snap = Snapshot.of(t, rs, Freshness.ofDefaults());
      policy.propose(new PolicyContext(t, Duration.ofMinutes(1), snap, previous, fleet, classes, Map.of(), Map.of(),
          type));
      previous = snap;
    }
    state = policy.saveState();
  }

  @Benchmark
  public String save() {
    return policy.saveState();
  }

  @Benchmark
  public HybridPolicy restore() {
    HybridPolicy p = HybridPolicy.ofDefaults();
    p.restoreState(state);
    return p;
  }
}
