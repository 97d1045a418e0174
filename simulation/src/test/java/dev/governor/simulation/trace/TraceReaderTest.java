package dev.governor.simulation.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {
  @TempDir
  Path dir;

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static List<TraceRow> read(Trace t) {
    List<TraceRow> rows = new ArrayList<>();
    try (TraceReader r = t.open()) {
      for (TraceRow row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static String failure(Trace t) {
    return assertThrows(TraceFormatException.class, () -> read(t)).getMessage();
  }

  @Test
  void countsWithHeaderTakeTheirIntervalFromTheNextRow() throws IOException {
    List<TraceRow> rows = read(Trace.csv(file("a.csv",
        "timestamp,count\n2026-01-01T00:00:00Z,5\n2026-01-01T00:01:00Z,0\n\n# a comment\n2026-01-01T00:03:00Z,7\n")));
    assertEquals(3, rows.size());
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), rows.get(0).start());
    assertEquals(60, rows.get(0).lengthSeconds());
    assertEquals(120, rows.get(1).lengthSeconds());
    assertEquals(120, rows.get(2).lengthSeconds(), "the last row keeps the step before it");
    assertEquals(5, rows.get(0).count());
    assertEquals(TraceRow.DEFAULT_CLASS, rows.get(2).jobClass());
    assertEquals(6, rows.get(2).line());
  }

  @Test
  void headerlessCountsOffsetsAndEpochSecondsAreRead() throws IOException {
    List<TraceRow> rows = read(Trace.csv(file("b.csv", "\uFEFF2026-01-01T01:00:00+01:00,3\n1767225660,4.5\n")));
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), rows.get(0).start());
    assertEquals(Instant.parse("2026-01-01T00:01:00Z"), rows.get(1).start());
    assertEquals(4.5, rows.get(1).count());
  }

  @Test
  void classCountsGroupRowsOfOneTimestamp() throws IOException {
    List<TraceRow> rows = read(Trace.csv(file("c.csv", "timestamp,class,count\n"
        + "2026-01-01T00:00:00Z,uploads,5\n2026-01-01T00:00:00Z,watermark,2\n2026-01-01T00:05:00Z,uploads,1\n")));
    assertEquals(3, rows.size());
    assertEquals("watermark", rows.get(1).jobClass());
    assertEquals(300, rows.get(1).lengthSeconds());
    assertEquals(300, rows.get(2).lengthSeconds());
  }

  @Test
  void jobLevelRowsKeepTheirServiceTime() throws IOException {
    List<TraceRow> rows = read(Trace.csv(file("d.csv", "timestamp,class,service_s\n"
        + "2026-01-01T00:00:00Z,uploads,12.5\n2026-01-01T00:00:00Z,uploads,3\n2026-01-01T00:00:07.250Z,thumbs,0.5\n")));
    assertEquals(3, rows.size());
    assertEquals(12.5, rows.get(0).serviceSeconds());
    assertEquals(0, rows.get(2).lengthSeconds());
    assertEquals(Instant.parse("2026-01-01T00:00:07.250Z"), rows.get(2).start());
    assertTrue(rows.get(2).hasServiceTime());
  }

  @Test
  void sqsFifoQueueNamesAreClassNamesAndOtherDotsAreNot() throws IOException {
    List<TraceRow> rows = read(Trace.csv(file("fifo.csv",
        "timestamp,class,count\n2026-01-01T00:00:00Z,orders.fifo,4\n2026-01-01T00:00:00Z,orders,2\n")));
    assertEquals(List.of("orders.fifo", "orders"), rows.stream().map(TraceRow::jobClass).toList());
    assertTrue(failure(Trace.csv(file("dots.csv", "timestamp,class,count\n2026-01-01T00:00:00Z,a.b,1\n")))
        .contains("dots.csv:2: class must be letters, digits, '-' or '_', optionally ending in '.fifo', but was 'a.b'"));
  }

  @Test
  void gzipIsDetectedFromTheContentNotTheName() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write("timestamp,count\n2026-01-01T00:00:00Z,5\n2026-01-01T00:01:00Z,6\n".getBytes(StandardCharsets.UTF_8));
    }
    Path p = dir.resolve("no-extension");
    Files.write(p, bytes.toByteArray());
    List<TraceRow> rows = read(Trace.csv(p));
    assertEquals(2, rows.size());
    assertEquals(6, rows.get(1).count());
  }

  @Test
  void badRowsFailWithFileLineAndReason() throws IOException {
    assertEquals("bad1.csv:3: timestamp must be ISO-8601 (e.g. 1995-07-01T04:00:00Z) or epoch seconds, but was 'yesterday'",
        failure(Trace.csv(file("bad1.csv", "timestamp,count\n2026-01-01T00:00:00Z,5\nyesterday,3\n"))).replace(dir + "/", ""));
    assertTrue(failure(Trace.csv(file("bad2.csv", "timestamp,count\n2026-01-01T00:00:00Z,-1\n")))
        .endsWith("bad2.csv:2: count must be a non-negative number, but was '-1'"));
    assertTrue(failure(Trace.csv(file("bad3.csv", "timestamp,count\n2026-01-01T00:00:00Z,1,2\n")))
        .endsWith("bad3.csv:2: expected 2 columns (timestamp,count), but found 3: '2026-01-01T00:00:00Z,1,2'"));
    assertTrue(failure(Trace.csv(file("bad4.csv",
        "timestamp,count\n2026-01-01T00:01:00Z,1\n2026-01-01T00:00:00Z,1\n"))).contains("bad4.csv:3: timestamps must increase"));
    assertTrue(failure(Trace.csv(file("bad5.csv",
        "timestamp,count\n2026-01-01T00:01:00Z,1\n2026-01-01T00:01:00Z,1\n"))).contains("bad5.csv:3: timestamps must increase, but 2026-01-01T00:01:00Z appears twice"));
    assertTrue(failure(Trace.csv(file("bad6.csv", "timestamp,class,count\n2026-01-01T00:00:00Z,a,1\n"
        + "2026-01-01T00:00:00Z,a,2\n"))).contains("bad6.csv:3: class 'a' appears twice at 2026-01-01T00:00:00Z (first on line 2)"));
    assertTrue(failure(Trace.csv(file("bad7.csv", "timestamp,class,count\n2026-01-01T00:00:00Z,a b,1\n")))
        .contains("bad7.csv:2: class must be letters, digits, '-' or '_', optionally ending in '.fifo', but was 'a b'"));
    assertTrue(failure(Trace.csv(file("bad8.csv", "2026-01-01T00:00:00Z,a,1\n")))
        .contains("bad8.csv:1: a 3-column trace needs a header"));
    assertTrue(failure(Trace.csv(file("bad9.csv", "time,kind,weight\n")))
        .contains("bad9.csv:1: header must be timestamp,count or timestamp,class,count or timestamp,class,service_s"));
    assertTrue(failure(Trace.csv(file("bad10.csv", "timestamp,count\n2026-01-01T00:00:00Z,NaN\n")))
        .contains("bad10.csv:2: count must be a non-negative number, but was 'NaN'"));
    assertTrue(failure(Trace.csv(file("bad11.csv", "timestamp,class,service_s\n2026-01-01T00:00:01Z,a,1\n"
        + "2026-01-01T00:00:00Z,a,1\n"))).contains("bad11.csv:3: timestamps must not go back"));
  }

  @Test
  void aGoodRowBeforeABadOneIsStillReadThenTheErrorStopsTheStream() throws IOException {
    Trace t = Trace.csv(file("late.csv", "timestamp,count\n2026-01-01T00:00:00Z,1\n2026-01-01T00:01:00Z,1\nx,1\n"));
    try (TraceReader r = t.open()) {
      assertEquals(60, r.next().lengthSeconds());
      assertThrows(TraceFormatException.class, r::next);
    }
  }

  @Test
  void windowKeepsRowsStartingInFromInclusiveUntilExclusive() throws IOException {
    Trace t = Trace.csv(file("w.csv", "timestamp,count\n2026-01-01T00:00:00Z,1\n2026-01-01T00:01:00Z,2\n"
        + "2026-01-01T00:02:00Z,3\n2026-01-01T00:03:00Z,4\n"));
    List<TraceRow> rows = read(t.window(Instant.parse("2026-01-01T00:01:00Z"), Instant.parse("2026-01-01T00:03:00Z")));
    assertEquals(2, rows.size());
    assertEquals(2, rows.get(0).count());
    assertEquals(3, rows.get(1).count());
  }

  @Test
  void theBundledNasaTraceReadsCompletely() {
    Trace t = Trace.resolve("nasa_http_jul1995_1min.csv");
    long rows = 0;
    double total = 0;
    double max = 0;
    try (TraceReader r = t.open()) {
      for (TraceRow row = r.next(); row != null; row = r.next()) {
        rows++;
        total += row.count();
        max = Math.max(max, row.count());
        assertEquals(60, row.lengthSeconds());
      }
    }
    assertEquals(39_692, rows);
    assertEquals(405, max);
    assertEquals(47.7, total / rows, 0.05);
  }

  @Test
  void unknownTracesNameTheBundledOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trace.resolve("nope.csv"));
    assertTrue(e.getMessage().contains("nasa_http_jul1995_1min.csv"), e.getMessage());
  }

  @Test
  void inMemoryRowsMustBeInOrder() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThrows(IllegalArgumentException.class,
        () -> Trace.of("x", List.of(TraceRow.burst(t.plusSeconds(5), "a", 1), TraceRow.burst(t, "a", 1))));
    assertNull(Trace.of("empty", List.of()).open().next());
  }
}
