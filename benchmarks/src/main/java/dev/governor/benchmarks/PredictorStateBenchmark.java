package dev.governor.benchmarks;

import dev.governor.predict.EnsemblePredictor;
import java.time.Duration;
import java.time.Instant;
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
 * Serialising one trained ensemble predictor (seasonal + Holt-Winters + EWMA-trend, two weeks
 * of minutes) to JSON: what the controller does per arrival series every 15 minutes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PredictorStateBenchmark {
  private EnsemblePredictor predictor;
  private String state;

  @Setup(Level.Trial)
  public void setUp() {
    predictor = EnsemblePredictor.standard();
    Instant t = Instant.parse("2026-01-05T00:00:00Z");
    for (int i = 0; i < 14 * 24 * 60; i++) {
      double day = Math.sin(2 * Math.PI * i / 1440.0);
      predictor.observe(t.plus(Duration.ofMinutes(i)), 100 + 40 * day + (i % 7));
    }
    state = predictor.saveState();
  }

  @Benchmark
  public String save() {
    return predictor.saveState();
  }

  @Benchmark
  public EnsemblePredictor restore() {
    EnsemblePredictor p = EnsemblePredictor.standard();
    p.restoreState(state);
    return p;
  }
}
