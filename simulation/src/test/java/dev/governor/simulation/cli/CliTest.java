package dev.governor.simulation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.simulation.SimulationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
  static final String ELB = "nab_aws_elb_requests_2014_5min.csv";

  @TempDir
  Path dir;

  record Result(int code, String out, String err) {}

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of(args));
    int code = cl.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void jsonIsOneArrayOfReportObjectsWithEveryContractKey() {
    Result r = cli("run", "--trace", ELB, "--scale", "0.3", "--policy", "static", "--policy", "optimal", "--format",
        "json", "--progress", "never", "-q");
    assertEquals(0, r.code(), r.err());
    String json = r.out().trim();
    assertTrue(json.startsWith("[") && json.endsWith("]"), json);
    String[] lines = json.split("\n");
    assertEquals(4, lines.length, "[, two objects, ]");
    for (int i = 1; i <= 2; i++) {
      for (String key : SimulationReport.CONTRACT_KEYS) {
        assertTrue(lines[i].contains("\"" + key + "\":"), "missing " + key + " in " + lines[i]);
      }
    }
    assertTrue(lines[1].contains("\"policy\":\"static\""));
    assertTrue(lines[2].contains("\"policy\":\"optimal\""));
  }

  @Test
  void optimumBracketsThePerHourOptimumAndIsExactPerSecond() {
    String[] window = {"--trace", ELB, "--scale", "0.5", "--from", "2014-04-10T00:04:00Z", "--until",
        "2014-04-12T00:04:00Z", "--format", "csv"};
    Result perSecond = cli(concat(new String[] {"optimum"}, window));
    assertEquals(0, perSecond.code(), perSecond.err());
    String[] s = perSecond.out().split("\n")[1].split(",");
    assertEquals("yes", s[2], perSecond.out());
    assertEquals(s[3], s[4], "exact: the upper bound is the optimum");
    Result perHour = cli(concat(new String[] {"optimum", "--billing", "per-hour"}, window));
    assertEquals(0, perHour.code(), perHour.err());
    String[] h = perHour.out().split("\n")[1].split(",");
    assertEquals("no", h[2], perHour.out());
    double lower = Double.parseDouble(h[3]);
    double upper = Double.parseDouble(h[4]);
    assertTrue(upper >= lower && upper < 2 * lower, perHour.out());
    assertTrue(lower >= Double.parseDouble(s[3]) - 1e-9, "per hour costs at least what per second does: " + lower);
    Result bad = cli("optimum", "--trace", ELB, "--format", "xml");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--format must be table or csv, but was 'xml'"), bad.err());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void runsAreByteIdenticalButWallSeconds() {
    String[] args = {"run", "--trace", ELB, "--scale", "0.3", "--policy", "governor", "--crash-rate", "0.1",
        "--format", "json", "--progress", "never", "-q"};
    String a = cli(args).out().replaceAll("\"wallSeconds\":[0-9.Ee-]+", "");
    String b = cli(args).out().replaceAll("\"wallSeconds\":[0-9.Ee-]+", "");
    assertEquals(a, b);
  }

  @Test
  void anUnknownPolicyFailsListingTheKnownOnes() {
    Result r = cli("run", "--trace", ELB, "--policy", "magic", "--progress", "never");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("policy must be one of [governor"), r.err());
    assertTrue(r.err().contains("optimal"), r.err());
    assertTrue(r.err().contains("but was 'magic'"), r.err());
  }

  @Test
  void aBadTraceFailsWithFileLineAndReason() throws IOException {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "timestamp,count\n2026-01-01T00:00:00Z,3\n2026-01-01T00:01:00Z,lots\n");
    Result r = cli("run", "--trace", bad.toString(), "--policy", "static", "--progress", "never");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bad.csv:3: count must be a non-negative number, but was 'lots'"), r.err());
  }

  @Test
  void csvHasAHeaderOfTheContractKeys() {
    Result r = cli("compare", "--trace", ELB, "--scale", "0.2", "--policy", "static", "--policy", "optimal", "--format",
        "csv", "--progress", "never", "-q");
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals(3, lines.length);
    assertTrue(lines[0].startsWith(String.join(",", SimulationReport.CONTRACT_KEYS)), lines[0]);
    assertTrue(lines[0].contains(",baseline,costVsBaseline,sloVsBaseline,jobs.jobs,jobs.sloAttainment,"), lines[0]);
    assertTrue(lines[2].contains(",optimal,1.0,0.0"), lines[2]);
  }

  @Test
  void reportDirectoryHoldsASelfContainedPageTheSeriesAndTheSummary() throws IOException {
    Path out = dir.resolve("report");
    Result r = cli("compare", "--trace", ELB, "--scale", "0.2", "--policy", "static", "--policy", "governor",
        "--report", out.toString(), "--progress", "never", "-q");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("governor"), r.out());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<svg"), "inline charts");
    assertFalse(html.contains("<script src"), "only inline scripts");
    assertFalse(html.contains("<link"), "no external stylesheets");
    assertFalse(html.replace("http://www.w3.org/2000/svg", "").contains("http"), "nothing fetched");
    List<String> csv = Files.readAllLines(out.resolve("timeseries.csv"));
    assertTrue(csv.get(0).startsWith("trace,policy,time,arrivals"));
    assertEquals(1 + 2 * 4040 * 5, csv.size(), "one row per 60 s tick per policy over 4,040 five-minute rows");
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.startsWith("{\"scenario\":{\"scale\":0.2"), summary.substring(0, 60));
    assertTrue(summary.contains("\"reports\":[{\"policy\":\"static\""));
  }

  @Test
  void tuneReportsTheChosenSettingOnTheTestWindow() {
    Result r = cli("tune", "--trace", ELB, "--scale", "0.2", "--policy", "static", "--slo", "0.95", "--format", "json",
        "--progress", "never", "-q");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"window\":\"test\""), r.out());
    assertTrue(r.out().contains("\"params\":{\"headroom\":"), r.out());
    assertTrue(r.out().contains("\"start\":\"2014-04-17T"), "the test window is the second half: " + r.out());
    assertTrue(r.out().contains("\"trainMetTarget\":true"), r.out());
  }

  @Test
  void helpListsTheDefaultsOfTheStandardScenario() {
    Result r = cli("run", "--help");
    assertEquals(0, r.code());
    for (String s : List.of("--scale", "--service-time", "Default: 30s", "--service-cv", "--slots", "Default: 4",
        "--boot", "Default: 120s", "--boot-cv", "--dispatch", "--signal-lag", "--deadline", "Default: 300s", "--tick",
        "--billing", "--price", "--min", "--max", "Default: 1000", "--seed", "--from", "--until", "--policy",
        "--format", "--report")) {
      assertTrue(r.out().contains(s), "help mentions " + s);
    }
  }
}
