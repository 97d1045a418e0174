package dev.governor.simulation.cli;

import dev.governor.simulation.PolicyRegistry;
import dev.governor.simulation.bench.Bench;
import dev.governor.simulation.bench.Bench.BenchTrace;
import dev.governor.simulation.bench.Bench.Case;
import dev.governor.simulation.bench.Bench.Entry;
import dev.governor.simulation.bench.Bench.Run;
import dev.governor.simulation.bench.Bench.Tier;
import dev.governor.simulation.report.BenchReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: the equal-SLO benchmark behind the README's result tables. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The equal-SLO benchmark behind the README's result tables.",
        "For each trace x tier, tune every baseline on the first half (its whole knob grid; the",
        "cheapest setting meeting the tier's SLO target), report it on the second half, and run Governor",
        "at its defaults there. Tiers: relaxed (300 s objective, 99.5 %%), tight (60 s, 99 %%), per-hour",
        "(per-hour billing, 300 s, 99.5 %%). Default traces: NASA x2, ELB x6, AAPL x1, Wikipedia x0.001",
        "(Jan 1 - Mar 25, 2012). The whole bench takes about 25 minutes on 2 cores."})
final class BenchCommand implements Callable<Integer> {
  static final String README_BEGIN = "<!-- bench:begin -->";
  static final String README_END = "<!-- bench:end -->";
  static final String SEEDS_BEGIN = "<!-- seeds:begin -->";
  static final String SEEDS_END = "<!-- seeds:end -->";

  @Spec
  CommandSpec spec;

  @Option(names = "--trace", paramLabel = "NAME[:SCALE]",
      description = "A bundled trace, optionally with its scale (repeatable). Default: the four bench traces.")
  List<String> traces = new ArrayList<>();

  @Option(names = "--tier", paramLabel = "relaxed|tight|per-hour", description = "Tier (repeatable). Default: all three.")
  List<String> tiers = new ArrayList<>();

  @Option(names = "--baseline", paramLabel = "NAME", description = "Baseline to tune (repeatable). Default: every one.")
  List<String> baselines = new ArrayList<>();

  @Option(names = "--format", paramLabel = "table|json|markdown", defaultValue = "table",
      description = "Output on stdout. Default: ${DEFAULT-VALUE}")
  String format;

  @Option(names = "--output", paramLabel = "FILE", description = "Also write the JSON (every run, every sweep) to FILE.")
  Path output;

  @Option(names = "--report", paramLabel = "DIR", description = "Also write DIR/bench.html: cost-vs-SLO charts per case.")
  Path report;

  @Option(names = "--reuse", paramLabel = "FILE",
      description = "Take the baselines' runs from an earlier --output of the same build instead of replaying them"
          + " (Governor is always replayed).")
  Path reuse;

  @Option(names = "--from-json", paramLabel = "FILE",
      description = "Replay nothing: read the cases of an earlier --output and only write the outputs (tables, report, --readme).")
  Path fromJson;

  @Option(names = "--readme", paramLabel = "FILE",
      description = "Also rewrite the block between '" + README_BEGIN + "' and '" + README_END + "' in FILE (the README's"
          + " result table) with the markdown table.")
  Path readme;

  @Option(names = "--seeds", paramLabel = "SEED[,SEED...]", split = ",",
      description = "Also replay every case's test half under these seeds (Governor and each baseline at its chosen"
          + " setting, not re-tuned): does a verdict hold under other draws of the same load?")
  List<Long> seeds = new ArrayList<>();

  @Option(names = "--seeds-output", paramLabel = "FILE", description = "Also write the --seeds replays' JSON to FILE.")
  Path seedsOutput;

  @Option(names = "--seeds-from-json", paramLabel = "FILE",
      description = "Replay no seeds: read an earlier --seeds-output (for the seed table and --readme).")
  Path seedsFromJson;

  @Option(names = "--param", paramLabel = "KEY=VALUE",
      description = "A Governor setting for an experiment (repeatable; see `policies`). The README's tables use none.")
  Map<String, Double> params = new java.util.LinkedHashMap<>();

  @Option(names = "--no-references", description = "Do not replay the references (the offline optimum) in each case.")
  boolean noReferences;

  @Option(names = "--no-test-sweep", description = "Do not replay each baseline's whole grid on the test half (no curves).")
  boolean noTestSweep;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Runs at once. Default: ${DEFAULT-VALUE}")
  int threads;

  @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
      description = "Progress bar on stderr. Default: ${DEFAULT-VALUE}")
  String progress;

  @Override
  public Integer call() throws IOException {
    List<BenchTrace> ts = new ArrayList<>();
    for (String t : traces) {
      int colon = t.lastIndexOf(':');
      String name = colon > 0 ? t.substring(0, colon) : t;
      BenchTrace std = null;
      for (BenchTrace b : BenchTrace.STANDARD) {
        if (b.trace().equals(name)) {
          std = b;
        }
      }
      double scale = colon > 0 ? Double.parseDouble(t.substring(colon + 1)) : std != null ? std.scale() : 1;
      ts.add(new BenchTrace(name, scale, std == null ? null : std.from(), std == null ? null : std.until()));
    }
    if (ts.isEmpty()) {
      ts = BenchTrace.STANDARD;
    }
    List<Tier> tl = new ArrayList<>();
    for (String t : tiers) {
      tl.add(Tier.named(t));
    }
    if (tl.isEmpty()) {
      tl = Tier.ALL;
    }
    if (!seeds.isEmpty() && seedsFromJson != null) {
      throw new IllegalArgumentException("--seeds replays the seeds, --seeds-from-json reads them: give one of the two");
    }
    boolean withSeeds = !seeds.isEmpty() || seedsFromJson != null;
    if (readme != null) { // fail before an hour of replays, not after
      readmeWithBlock(Files.readString(readme), "", README_BEGIN, README_END);
      if (withSeeds) {
        readmeWithBlock(Files.readString(readme), "", SEEDS_BEGIN, SEEDS_END);
      }
    }
    List<Case> cases;
    if (fromJson != null) {
      cases = Bench.fromJson(Files.readString(fromJson));
    } else {
      cases = runCases(ts, tl);
    }
    String json = Bench.toJson(cases);
    Map<Long, List<Case>> bySeed = null;
    if (seedsFromJson != null) {
      bySeed = Bench.seedsFromJson(Files.readString(seedsFromJson));
    } else if (!seeds.isEmpty()) {
      System.err.println("bench: every case again under seeds " + seeds);
      bySeed = bench().reseed(cases, seeds);
      if (seedsOutput != null) {
        Files.writeString(seedsOutput, Bench.seedsToJson(bySeed), StandardCharsets.UTF_8);
      }
    }
    if (readme != null) {
      String text = readmeWithBlock(Files.readString(readme), BenchReport.markdown(cases), README_BEGIN, README_END);
      if (bySeed != null) {
        text = readmeWithBlock(text, BenchReport.seedsMarkdown(cases, bySeed), SEEDS_BEGIN, SEEDS_END);
      }
      Files.writeString(readme, text, StandardCharsets.UTF_8);
      System.err.println("result table" + (bySeed != null ? "s" : "") + " written into " + readme);
    }
    if (report != null) {
      Files.createDirectories(report);
      Files.writeString(report.resolve("bench.html"), BenchReport.html(cases), StandardCharsets.UTF_8);
      System.err.println("report written to " + report.resolve("bench.html"));
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (format.trim().toLowerCase(Locale.ROOT)) {
      case "json" -> out.print(json);
      case "markdown" -> out.print(BenchReport.markdown(cases) + (bySeed == null ? "" : "\n" + BenchReport.seedsMarkdown(cases, bySeed)));
      case "table" -> out.print(table(cases) + (bySeed == null ? "" : BenchReport.seedsMarkdown(cases, bySeed)));
      default -> throw new IllegalArgumentException("format must be one of [table, json, markdown], but was '" + format + "'");
    }
    out.flush();
    return 0;
  }

  private List<Case> runCases(List<BenchTrace> ts, List<Tier> tl) throws IOException {
    Map<String, Run> cached = reuse == null ? Map.of() : Bench.reusable(Files.readString(reuse));
    Bench bench = bench(cached);
    List<Case> cases = new ArrayList<>();
    for (BenchTrace bt : ts) {
      for (Tier tier : tl) {
        System.err.println("bench: " + bt.label() + ", " + tier.name());
        cases.addAll(bench.run(List.of(bt), List.of(tier), baselines));
        if (output != null) { // after every case: an hour's bench is not lost to an interruption
          Files.writeString(output, Bench.toJson(cases), StandardCharsets.UTF_8);
        }
      }
    }
    return cases;
  }

  private Bench bench() {
    return bench(Map.of());
  }

  private Bench bench(Map<String, Run> cached) {
    ReplayOptions ro = new ReplayOptions();
    ro.progress = progress;
    boolean showProgress = ro.progressEnabled();
    return Bench.of(PolicyRegistry.standard(), runs -> Batch.run(runs, threads, showProgress, true, System.err),
        cached, !noTestSweep).withGovernorParams(params).withReferences(!noReferences);
  }

  /**
   * The text with the block between {@code begin} and {@code end} replaced by {@code block}; fails
   * when the markers are missing or out of order.
   */
  static String readmeWithBlock(String text, String block, String begin, String end) {
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException("--readme: the file must hold a line '" + begin + "' followed later by a line '"
          + end + "'");
    }
    return text.substring(0, b + begin.length()) + "\n" + block + text.substring(e);
  }

  static String table(List<Case> cases) {
    StringBuilder sb = new StringBuilder();
    for (Case c : cases) {
      sb.append(String.format(Locale.ROOT, "%s, %s (target %.1f %%), test half from %s%n", c.trace().label(),
          c.tier().name(), 100 * c.tier().sloTarget(), c.testStart()));
      sb.append(String.format(Locale.ROOT, "  %-16s %-22s %9s %8s %8s %7s %7s %8s %9s%n", "policy", "setting (train)",
          "SLO %", "×bound", "×optim", "p50 s", "p99 s", "launch", "train SLO"));
      for (Entry e : c.entries()) {
        Run t = e.test();
        sb.append(String.format(Locale.ROOT, "  %-16s %-22s %9.3f %8.3f %8s %7.0f %7.0f %8d %9s%n", e.policy(),
            BenchReport.params(t.params()), 100 * t.sloAttainment(), t.costRatio(),
            Double.isFinite(t.costVsOptimum()) ? String.format(Locale.ROOT, "%.3f", t.costVsOptimum()) : "-",
            t.waitP50Seconds(), t.waitP99Seconds(), t.launches(),
            e.train() == null ? "" : String.format(Locale.ROOT, "%.3f", 100 * e.train().sloAttainment())));
      }
      sb.append("  governor: ").append(BenchReport.verdict(c)).append("\n\n");
    }
    return sb.toString();
  }
}
