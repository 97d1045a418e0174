package dev.governor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a one-line {@linkplain TickReport#summary() summary} of every tick at INFO (launches and
 * terminations) or DEBUG (sleeps), and its {@linkplain TickReport#toJson() JSON} at TRACE, on the
 * slf4j logger {@code dev.governor.ticks}. Stateless; one instance may serve several controllers.
 */
public final class LoggingTickListener implements TickListener {
  private static final Logger LOG = LoggerFactory.getLogger("dev.governor.ticks");

  /** A listener that logs to {@code dev.governor.ticks}. */
  public LoggingTickListener() {}

  @Override
  public void onTick(TickReport report) {
    if (report.action() instanceof dev.governor.action.Sleep) {
      LOG.debug("{}", report.summary());
    } else {
      LOG.info("{}", report.summary());
    }
    if (LOG.isTraceEnabled()) {
      LOG.trace("{}", report.toJson());
    }
  }
}
