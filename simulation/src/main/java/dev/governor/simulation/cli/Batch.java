package dev.governor.simulation.cli;

import dev.governor.simulation.SimulationReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleConsumer;
import java.util.function.Function;

/** Runs replays on a few threads, keeps their order, shows progress and logs each run's speed on stderr. */
final class Batch {
  private Batch() {}

  static List<SimulationReport> run(List<Function<DoubleConsumer, SimulationReport>> runs, int threads,
      boolean progress, boolean quiet, PrintStream err) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
    }
    Progress bar = new Progress(err, progress, runs.size());
    List<SimulationReport> out = new ArrayList<>(runs.size());
    if (threads == 1 || runs.size() == 1) {
      for (int i = 0; i < runs.size(); i++) {
        SimulationReport r = runs.get(i).apply(bar.run(i));
        bar.finish();
        log(r, quiet, err);
        out.add(r);
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, runs.size()), r -> {
      Thread t = new Thread(r, "replay");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<SimulationReport>> fs = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++) {
        int k = i;
        fs.add(pool.submit(() -> runs.get(k).apply(bar.run(k))));
      }
      for (Future<SimulationReport> f : fs) {
        SimulationReport r = f.get();
        out.add(r);
      }
      bar.finish();
      for (SimulationReport r : out) {
        log(r, quiet, err);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void log(SimulationReport r, boolean quiet, PrintStream err) {
    if (!quiet) {
      err.println(String.format(Locale.ROOT, "%s on %s: %,d jobs in %.2f s wall, %.2f s CPU (%.2f M jobs/s, %.2f M per CPU-second)"
          + "; offline optimum planned in %.2f s (once per trace and scenario)",
          r.policy(), r.trace(), r.jobs(), r.wallSeconds(), r.cpuSeconds(), r.jobsPerSecond() / 1e6,
          r.jobsPerCpuSecond() / 1e6, r.optimumPlanningSeconds()));
    }
  }
}
