package dev.governor.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.simulation.bench.Bench;
import dev.governor.simulation.report.BenchReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's result table is generated, not typed: it must be exactly what
 * {@code governor-sim bench --from-json docs/bench/bench.json --readme README.md} writes from the
 * committed bench JSON. Edit a number by hand, or commit a new bench without regenerating the
 * table, and this fails.
 */
class ReadmeBenchTableTest {
  private static final String BEGIN = "<!-- bench:begin -->";
  private static final String END = "<!-- bench:end -->";

  @Test
  void theReadmesResultTableIsTheCommittedBenchJsonRendered() {
    String readme = Reactor.read(Reactor.root().resolve("README.md"));
    int b = readme.indexOf(BEGIN);
    int e = readme.indexOf(END);
    assertTrue(b >= 0 && e > b, "README.md marks its bench table with " + BEGIN + " and " + END);
    String table = readme.substring(b + BEGIN.length(), e).strip();
    List<Bench.Case> cases = Bench.fromJson(Reactor.read(Reactor.root().resolve("docs/bench/bench.json")));
    assertTrue(cases.size() >= 9, "the committed bench holds at least NASA, ELB and AAPL in every tier: " + cases.size());
    cases.forEach(c -> assertTrue(c.entry(Bench.GOVERNOR) != null, "Governor ran in " + c.trace().label()));
    assertEquals(BenchReport.markdown(cases).strip(), table,
        "README.md's bench table differs from docs/bench/bench.json: run the bench command above the table");
  }
}
