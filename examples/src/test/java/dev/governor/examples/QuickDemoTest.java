package dev.governor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.TickReport;
import dev.governor.action.Launch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuickDemoTest {
  @Test
  void theClickIsAnsweredInTheMinuteItLandsAndEveryTickIsExplained() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<TickReport> reports = QuickDemo.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
    assertEquals(20, reports.size());
    TickReport click = reports.get(5);
    assertInstanceOf(Launch.class, click.action(), click.summary());
    assertEquals("burst", click.proposal().reasons().get(0).source());
    String printed = buf.toString(StandardCharsets.UTF_8);
    assertEquals(20, printed.lines().filter(l -> l.startsWith("2026-")).count());
    assertTrue(printed.contains("BURST"), printed);
    assertTrue(reports.stream().mapToInt(r -> r.desired()).max().orElseThrow() >= 200,
        "10,000 jobs of 20 s due within 5 minutes want hundreds of instances");
  }

  @Test
  void theReadmeQuotesTheClickAsTheDemoPrintsIt() throws java.io.IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    QuickDemo.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
    List<String> printed = buf.toString(StandardCharsets.UTF_8).lines().toList();
    int click = printed.indexOf(printed.stream().filter(l -> l.startsWith("2026-03-01T18:05:00Z")).findFirst().orElseThrow());
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"), StandardCharsets.UTF_8);
    assertTrue(readme.contains(printed.get(click) + "\n" + printed.get(click + 1) + "\n"),
        "README.md's Tick reports section quotes QuickDemo's 18:05 tick as it prints now:\n" + printed.get(click) + "\n"
            + printed.get(click + 1));
  }
}
