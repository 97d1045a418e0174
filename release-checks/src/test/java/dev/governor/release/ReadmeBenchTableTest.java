package dev.governor.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.simulation.bench.Bench;
import dev.governor.simulation.report.BenchReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's result table is generated, not typed: it must be exactly what
 * {@code governor-sim bench --from-json docs/bench/bench.json --readme README.md} writes from the
 * committed bench JSON. Edit a number by hand, or commit a new bench without regenerating the
 * table, and this fails. The same holds for the seed table under it and {@code docs/bench/seeds.json}.
 */
class ReadmeBenchTableTest {
  private static final String BEGIN = "<!-- bench:begin -->";
  private static final String END = "<!-- bench:end -->";
  private static final String SEEDS_BEGIN = "<!-- seeds:begin -->";
  private static final String SEEDS_END = "<!-- seeds:end -->";

  @Test
  void theReadmesResultTableIsTheCommittedBenchJsonRendered() {
    String table = readmeBlock(BEGIN, END);
    List<Bench.Case> cases = Bench.fromJson(Reactor.read(Reactor.root().resolve("docs/bench/bench.json")));
    assertTrue(cases.size() >= 9, "the committed bench holds at least NASA, ELB and AAPL in every tier: " + cases.size());
    cases.forEach(c -> assertTrue(c.entry(Bench.GOVERNOR) != null, "Governor ran in " + c.trace().label()));
    assertEquals(BenchReport.markdown(cases).strip(), table,
        "README.md's bench table differs from docs/bench/bench.json: run the bench command above the table");
  }

  @Test
  void theReadmesSeedTableIsTheCommittedSeedJsonRendered() {
    String table = readmeBlock(SEEDS_BEGIN, SEEDS_END);
    List<Bench.Case> cases = Bench.fromJson(Reactor.read(Reactor.root().resolve("docs/bench/bench.json")));
    Map<Long, List<Bench.Case>> bySeed = Bench.seedsFromJson(Reactor.read(Reactor.root().resolve("docs/bench/seeds.json")));
    assertTrue(bySeed.size() >= 2, "at least two seeds besides the bench's own: " + bySeed.keySet());
    assertEquals(BenchReport.seedsMarkdown(cases, bySeed).strip(), table,
        "README.md's seed table differs from docs/bench/seeds.json (or bench.json): run the seed command above it");
  }

  /** The README's text between two marker lines, stripped; fails when they are missing or out of order. */
  private static String readmeBlock(String begin, String end) {
    String readme = Reactor.read(Reactor.root().resolve("README.md"));
    int b = readme.indexOf(begin);
    int e = readme.indexOf(end);
    assertTrue(b >= 0 && e > b, "README.md marks a generated table with " + begin + " and " + end);
    return readme.substring(b + begin.length(), e).strip();
  }
}
