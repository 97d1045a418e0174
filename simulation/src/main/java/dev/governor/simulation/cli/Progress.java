package dev.governor.simulation.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoubleConsumer;

/**
 * One progress bar on stderr for a batch of runs (which may go on in parallel): shown only once
 * the batch has taken more than a couple of seconds, redrawn at most four times a second.
 */
final class Progress {
  private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
  private static final long REDRAW_NANOS = 250_000_000L;

  private final PrintStream err;
  private final boolean enabled;
  private final double[] done;
  private final long started = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  Progress(PrintStream err, boolean enabled, int runs) {
    this.err = err;
    this.enabled = enabled;
    this.done = new double[Math.max(1, runs)];
  }

  /**
   * Whether to draw: stderr is a terminal, TERM is not {@code dumb} and CI is not set. The JDK
   * cannot ask stderr directly; on Linux {@code /proc/self/fd/2} names what it is, elsewhere a
   * console (stdin and stdout on a terminal) stands in for it.
   */
  static boolean auto() {
    String term = System.getenv("TERM");
    if (term == null || term.isEmpty() || term.equals("dumb") || System.getenv("CI") != null) {
      return false;
    }
    java.nio.file.Path fd2 = java.nio.file.Path.of("/proc/self/fd/2");
    try {
      return isTerminal(java.nio.file.Files.readSymbolicLink(fd2).toString());
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** Whether a file descriptor's target (as {@code /proc/self/fd/N} names it) is a terminal. */
  static boolean isTerminal(String target) {
    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
  }

  DoubleConsumer run(int index) {
    return f -> update(index, f);
  }

  private synchronized void update(int index, double fraction) {
    done[index] = fraction;
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (now - started < SHOW_AFTER_NANOS || now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    double sum = 0;
    int finished = 0;
    for (double d : done) {
      sum += d;
      if (d >= 1) {
        finished++;
      }
    }
    double f = sum / done.length;
    int width = 30;
    int filled = (int) Math.round(f * width);
    err.print(String.format(Locale.ROOT, "\r[%s%s] %3.0f%%  %d/%d runs  %.0f s", "#".repeat(filled),
        ".".repeat(width - filled), 100 * f, finished, done.length, (now - started) / 1e9));
    err.flush();
    drawn = true;
  }

  synchronized void finish() {
    if (drawn) {
      err.print("\r" + " ".repeat(70) + "\r");
      err.flush();
      drawn = false;
    }
  }
}
