package dev.governor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a one-line summary of every tick at INFO (actions) or DEBUG (sleeps), and the JSON at TRACE. */
public final class LoggingTickListener implements TickListener {
  private static final Logger LOG = LoggerFactory.getLogger("dev.governor.ticks");

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
