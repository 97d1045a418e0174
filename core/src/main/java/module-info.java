/**
 * Governor's decision engine: signals, predictors, policies, guards, planner, actuator and state
 * SPIs, and the {@link dev.governor.Controller} that runs them once a tick. Depends on the JDK and
 * slf4j-api only.
 *
 * <p>Exports its API packages; {@code dev.governor.internal} (JSON, argument checks) is not
 * exported and may change in any release.
 */
module dev.governor.core {
  requires org.slf4j;

  exports dev.governor;
  exports dev.governor.action;
  exports dev.governor.actuator;
  exports dev.governor.fleet;
  exports dev.governor.guard;
  exports dev.governor.ha;
  exports dev.governor.policy;
  exports dev.governor.policy.baseline;
  exports dev.governor.predict;
  exports dev.governor.signal;
  exports dev.governor.state;
  exports dev.governor.testing;
}
