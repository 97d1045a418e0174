package dev.governor.simulation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.governor.TickReport;
import dev.governor.simulation.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Opens the report a user gets from {@code compare --scenario ... --report DIR} in a real headless
 * Chromium and reads the page's own account of itself: the script sets
 * {@code <body data-status="ok" data-points="N">} once every chart is drawn, and any script error
 * turns the status to {@code error} with the messages in {@code data-errors}. Chromium is
 * required: {@code /usr/bin/chromium}, {@code chromium} on the PATH, or {@code GOVERNOR_CHROMIUM}
 * (CI installs Debian's package, see {@code .ci/run}).
 */
class ReportInBrowserTest {
  @TempDir
  static Path dir;

  static Path report;
  static String chromium;
  static String table;

  @BeforeAll
  static void writeAReport() throws IOException {
    chromium = chromium();
    Path scenario = Files.writeString(dir.resolve("day.json"), """
        {"name": "two-classes-six-hours", "description": "uploads and a watermark burst",
         "from": "1995-07-10T12:00:00Z", "until": "1995-07-10T18:00:00Z",
         "classes": [
           {"name": "uploads", "serviceTime": "20s", "deadline": "5m", "load": {"trace": "nasa_http_jul1995_1min.csv"}},
           {"name": "watermark.fifo", "serviceTime": "4s", "deadline": "15m",
            "load": {"bursts": {"count": 1, "jobs": 2000, "seed": 3}}}]}
        """);
    report = dir.resolve("out");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("compare", "--scenario", scenario.toString(), "--policy", "governor", "--policy", "keda-sqs",
        "--policy", "static", "--report", report.toString(), "--progress", "never", "-q");
    assertEquals(0, code, err.toString());
    table = out.toString();
  }

  @Test
  void theTableEndsWithTheSameVerdictAsThePage() throws IOException {
    String last = table.strip().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("verdict: "), table);
    String html = Files.readString(report.resolve("report.html"));
    if (last.startsWith("verdict: no policy")) {
      assertTrue(html.contains("No policy holds every class's objective."));
    } else {
      String winner = last.substring("verdict: ".length(), last.indexOf(' ', "verdict: ".length()));
      assertTrue(html.contains(">" + winner + "</b> holds every class's objective at the lowest cost"), winner);
    }
  }

  static String chromium() {
    String env = System.getenv("GOVERNOR_CHROMIUM");
    List<String> candidates = new ArrayList<>();
    if (env != null && !env.isBlank()) {
      candidates.add(env);
    }
    candidates.add("/usr/bin/chromium");
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(java.io.File.pathSeparator)) {
        candidates.add(d + "/chromium");
        candidates.add(d + "/chromium-browser");
      }
    }
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return c;
      }
    }
    fail("this test renders the HTML report in headless Chromium, and none was found (looked for GOVERNOR_CHROMIUM, "
        + "/usr/bin/chromium, chromium on the PATH). Install it: apt-get install chromium");
    return null;
  }

  /** The DOM after the page's script ran, as Chromium serialises it. */
  static String render(Path page) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(dir, "profile");
    List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--virtual-time-budget=20000", "--dump-dom", page.toUri().toString()));
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.add(1, "--no-sandbox"); // Chromium refuses to run its sandbox as root
    }
    Path dom = dir.resolve(page.getFileName() + ".dom.html");
    Process p = new ProcessBuilder(cmd).redirectOutput(dom.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish rendering " + page + " within 120 s");
    }
    assertEquals(0, p.exitValue(), "chromium's exit code");
    return Files.readString(dom, StandardCharsets.UTF_8);
  }

  static String bodyAttribute(String dom, String name) {
    Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
    assertTrue(body.find(), "no <body> in the rendered DOM");
    Matcher a = Pattern.compile(name + "=\"([^\"]*)\"").matcher(body.group(1));
    return a.find() ? a.group(1) : null;
  }

  @Test
  void theReportRendersWithoutScriptErrorsAndItsChartsHavePoints() throws Exception {
    String dom = render(report.resolve("report.html"));
    assertEquals(null, bodyAttribute(dom, "data-errors"), "script errors");
    assertEquals("ok", bodyAttribute(dom, "data-status"));
    int points = Integer.parseInt(bodyAttribute(dom, "data-points"));
    // 6 hours of 1-minute ticks: arrivals (2 classes), supply (demand + 3), backlog (3), waits (2 × 3)
    assertTrue(points >= 360 * 14, "points drawn: " + points);
    Matcher poly = Pattern.compile("<polyline[^>]* points=\"([^\"]+)\"").matcher(dom);
    int lines = 0;
    while (poly.find()) {
      lines++;
      assertTrue(poly.group(1).trim().split(" ").length > 100, "a chart line with few points");
    }
    assertEquals(2 + 4 + 3 + 2 * 3, lines, "chart lines");
    assertEquals(2, count(dom, "class=\"deadline\""), "one deadline line per class's wait chart");
    assertTrue(dom.contains("holds every class's objective at the lowest cost") || dom.contains("No policy holds"), dom);
    assertEquals(3, count(dom, "class=\"point\""), "one scatter point per policy");
    Matcher log = Pattern.compile("<pre class=\"log\" id=\"log-0\">([^<]*)</pre>").matcher(dom);
    assertTrue(log.find(), "the decision log is on the page");
    List<String> ticks = log.group(1).lines().toList();
    assertEquals(360, ticks.size(), "one line per tick of the six hours");
    assertTrue(ticks.get(0).matches("1995-07-10T12:00:00Z governor \\d+→\\d+ .*"), ticks.get(0));
  }

  @Test
  void aScriptErrorIsCaughtAndReported() throws Exception {
    // the check above would pass a page whose script never ran; this one proves it notices a broken page
    String html = Files.readString(report.resolve("report.html"));
    Path broken = dir.resolve("broken.html");
    Files.writeString(broken, html.replaceFirst("\"traces\":\\[", "\"traces\":[{\"name\":1},"));
    String dom = render(broken);
    assertEquals("error", bodyAttribute(dom, "data-status"));
    assertTrue(bodyAttribute(dom, "data-errors") != null);
  }

  @Test
  void theDecisionLogBesideTheReportHoldsEveryTickAsJson() throws IOException {
    List<String> lines = Files.readAllLines(report.resolve("decisions-governor.jsonl"));
    assertEquals(360, lines.size(), "one TickReport per minute of six hours");
    TickReport first = TickReport.fromJson(lines.get(0));
    assertEquals("1995-07-10T12:00:00Z", first.at().toString());
    assertTrue(Files.readString(report.resolve("summary.json")).contains("\"perClass\""));
  }

  @Test
  void theReportFetchesNothing() throws IOException {
    String html = Files.readString(report.resolve("report.html"));
    for (String remote : new String[] {"src=\"http", "href=\"http", "src=\"//", "@import", "fetch(", "XMLHttpRequest"}) {
      assertTrue(!html.contains(remote), "the report would reach the network: " + remote);
    }
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
