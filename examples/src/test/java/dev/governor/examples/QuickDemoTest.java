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
  }
}
