package dev.governor.simulation.cli;

import static dev.governor.simulation.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.simulation.cli.CliTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user of the CLI found, each held by a test. */
class CliMannersTest {
  static final String ELB = CliTest.ELB;

  @TempDir
  Path dir;

  @Test
  void noArgumentsPrintsTheHelpAndExitsNonZero() {
    Result r = cli();
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Usage: governor-sim") && r.err().contains("compare"), r.err());
  }

  @Test
  void aParseErrorIsOneLineWithAPointerToHelp() {
    Result r = cli("run", "--trace", ELB, "--bogus");
    assertEquals(2, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("error: Unknown option: '--bogus'") && r.err().contains("governor-sim run --help"),
        r.err());
  }

  @Test
  void aDurationWithoutAUnitIsAnError() {
    Result r = cli("run", "--trace", ELB, "--deadline", "300");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--deadline") && r.err().contains("needs a unit") && r.err().contains("'300'"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void anUnwritableReportFailsBeforeTheReplayInOneLine() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    long t0 = System.nanoTime();
    Result r = cli("compare", "--trace", "nasa_http_jul1995_1min.csv", "--report", file.resolve("out").toString(),
        "--progress", "never");
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(2, r.code());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("--report " + file.resolve("out")) && r.err().contains("cannot write there"), r.err());
    assertTrue(seconds < 5, "failed before replaying a month through nine policies, took " + seconds + " s");
    assertEquals("", r.out());
  }

  @Test
  void aCsvHeaderOfAnotherFormIsAnErrorNamingFileAndLine() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "# recorded\ntime,requests\n2026-01-01T00:00:00Z,3\n");
    Result r = cli("run", "--trace", bad.toString(), "--progress", "never");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bad.csv:2:") && r.err().contains("header must be timestamp,count or"), r.err());
    Path four = Files.writeString(dir.resolve("four.csv"), "timestamp,class,count,cpu\n2026-01-01T00:00:00Z,a,3,1\n");
    r = cli("run", "--trace", four.toString(), "--progress", "never");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("four.csv:1:") && r.err().contains("but was 'timestamp,class,count,cpu'"), r.err());
  }

  @Test
  void sqsFifoQueueNamesAreClassNames() throws IOException {
    Path t = Files.writeString(dir.resolve("fifo.csv"), "timestamp,class,count\n2026-01-01T00:00:00Z,orders.fifo,30\n"
        + "2026-01-01T00:01:00Z,orders.fifo,20\n");
    Result r = cli("run", "--trace", t.toString(), "--format", "json", "--progress", "never", "-q");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"class\":\"orders.fifo\""), r.out());
  }

  @Test
  void aReplayOfZeroJobsWarns() throws IOException {
    Path t = Files.writeString(dir.resolve("zero.csv"), "timestamp,count\n2026-01-01T00:00:00Z,0\n2026-01-01T00:01:00Z,0\n");
    Result r = cli("run", "--trace", t.toString(), "--progress", "never", "-q");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("warning: zero.csv brings 0 jobs"), r.err());
    Path some = Files.writeString(dir.resolve("some.csv"), "timestamp,count\n2026-01-01T00:00:00Z,5\n");
    assertFalse(cli("run", "--trace", some.toString(), "--progress", "never", "-q").err().contains("warning"));
  }

  @Test
  void tuneErrorsNameTheTrainFlagsTyped() {
    Result r = cli("tune", "--trace", ELB, "--train-from", "2014-04-20T00:00:00Z", "--train-until",
        "2014-04-12T00:00:00Z", "--progress", "never");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--train-until 2014-04-12T00:00:00Z must be after --train-from 2014-04-20T00:00:00Z"),
        r.err());
    r = cli("tune", "--trace", ELB, "--train-until", "2014-04-12T00:00:00Z", "--test-until", "2014-04-11T00:00:00Z",
        "--progress", "never");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--test-until 2014-04-11T00:00:00Z must be after --train-until"), r.err());
  }

  @Test
  void progressIsDrawnOnlyOnATerminal() {
    assertTrue(Progress.isTerminal("/dev/pts/3"));
    assertTrue(Progress.isTerminal("/dev/tty1"));
    assertFalse(Progress.isTerminal("pipe:[123456]"));
    assertFalse(Progress.isTerminal("/tmp/build.log"));
    assertFalse(Progress.auto(), "a test's stderr is not a terminal");
  }

  @Test
  void helpTextIsNotCutMidSentence() {
    Result r = cli("--help");
    String commands = r.out().substring(r.out().indexOf("Commands:"));
    // each command's summary, with the lines picocli wrapped it onto, ends its sentence
    for (String summary : commands.split("\n(?=  [a-z]+ {2,})")) {
      if (!summary.startsWith("Commands:")) {
        assertTrue(summary.strip().endsWith("."), "cut mid-sentence: " + summary);
      }
    }
    String run = cli("run", "--help").out();
    for (String name : new String[] {"wikipedia_en_2012_1h.csv", "nab_aws_elb_requests_2014_5min.csv",
        "timestamp,class,service_s", "timestamp,class,count,service_s"}) {
      assertTrue(run.contains(name), "'" + name + "' broken across lines in:\n" + run);
    }
  }
}
