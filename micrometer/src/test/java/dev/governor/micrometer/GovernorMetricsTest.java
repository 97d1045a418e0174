package dev.governor.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.Controller;
import dev.governor.TickReport;
import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Sleep;
import dev.governor.actuator.Actuator;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.guard.GuardEffect;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridPolicy;
import dev.governor.policy.Proposal;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import dev.governor.signal.SignalSource;
import dev.governor.testing.ManualClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GovernorMetricsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final InstanceType TYPE = InstanceType.of("c7g.large", 4, 0.10);
  private static final JobClass UPLOADS = JobClass.of("uploads", Duration.ofMinutes(5), Duration.ofSeconds(30));
  private static final JobClass THUMBS = JobClass.of("thumbs", Duration.ofMinutes(5), Duration.ofSeconds(5));
  private static final List<JobClass> CLASSES = List.of(UPLOADS, THUMBS);

  private final ManualClock clock = new ManualClock(T0);
  private final ManualSignalSource signals = new ManualSignalSource();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private GovernorMetrics metrics() {
    return GovernorMetrics.builder().jobClasses(CLASSES).tags(Tags.of("pool", "uploads")).build();
  }

  private Controller controller(GovernorMetrics metrics, SignalSource source, Actuator actuator, int max) {
    return Controller.builder().clock(clock).signals(source).jobClasses(CLASSES).launchType(TYPE)
        .policy(HybridPolicy.ofDefaults()).guards(Guards.standard(2, max)).actuator(actuator).listener(metrics)
        .build();
  }

  private void queues(double uploadsVisible, double thumbsVisible) {
    queues(uploadsVisible, thumbsVisible, 1.5, 0.5);
  }

  private void queues(double uploadsVisible, double thumbsVisible, double uploadsRate, double thumbsRate) {
    Instant now = clock.instant();
    signals.set(SignalNames.visible("uploads"), uploadsVisible, now);
    signals.set(SignalNames.inflight("uploads"), 3, now);
    signals.set(SignalNames.arrivals("uploads"), uploadsRate, now);
    signals.set(SignalNames.serviceTime("uploads"), 28, now);
    signals.set(SignalNames.visible("thumbs"), thumbsVisible, now);
    signals.set(SignalNames.inflight("thumbs"), 0, now);
    signals.set(SignalNames.arrivals("thumbs"), thumbsRate, now);
  }

  private static double gauge(MeterRegistry r, String name, String... tags) {
    return r.get(name).tags(tags).gauge().value();
  }

  private static double count(MeterRegistry r, String name, String... tags) {
    return r.get(name).tags(tags).functionCounter().count();
  }

  @Test
  void aBurstCappedByTheBoundsGuardShowsAsALaunchAGuardVetoAndTheFleetGauges() {
    GovernorMetrics m = metrics();
    m.bindTo(registry);
    InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(2, T0.minusSeconds(3600));
    Controller c = controller(m, signals, fleet, 10);
    queues(5000, 40);
    TickReport r = c.tick();
    assertTrue(r.action() instanceof Launch, r.summary());

    assertEquals(1, count(registry, "governor.decisions", "kind", "launch"));
    assertEquals(0, count(registry, "governor.decisions", "kind", "sleep"));
    assertEquals(0, count(registry, "governor.decisions", "kind", "terminate"));
    assertEquals(8, count(registry, "governor.instances.launched"), "2 running, bounds max 10");
    assertEquals(1, count(registry, "governor.guard.vetoes", "guard", "bounds", "direction", "down"));
    assertEquals(2, gauge(registry, "governor.instances", "state", "running"));
    assertEquals(0, gauge(registry, "governor.instances", "state", "pending"));
    assertEquals(2, gauge(registry, "governor.instances.current"));
    assertEquals(10, gauge(registry, "governor.instances.desired"));
    assertEquals(5000, gauge(registry, "governor.queue.messages", "class", "uploads", "state", "visible"));
    assertEquals(3, gauge(registry, "governor.queue.messages", "class", "uploads", "state", "inflight"));
    assertEquals(40, gauge(registry, "governor.queue.messages", "class", "thumbs", "state", "visible"));
    assertEquals(1.5, gauge(registry, "governor.queue.arrival.rate", "class", "uploads"));
    assertEquals(28, gauge(registry, "governor.jobs.service.time", "class", "uploads"));
    assertTrue(Double.isNaN(gauge(registry, "governor.jobs.service.time", "class", "thumbs")), "not measured: NaN");
    assertEquals(T0.getEpochSecond(), gauge(registry, "governor.tick.last"));
    assertEquals(0, count(registry, "governor.launch.failures"));
    for (String stage : GovernorMetrics.ERROR_STAGES) {
      assertEquals(0, count(registry, "governor.tick.errors", "stage", stage), stage);
    }
    // every meter carries the builder's tags
    for (Meter meter : registry.getMeters()) {
      assertEquals("uploads", meter.getId().getTag("pool"), meter.getId().toString());
    }

    clock.advance(Duration.ofMinutes(1));
    queues(5000, 40);
    c.tick();
    assertEquals(8, gauge(registry, "governor.instances", "state", "pending"), "the launched ones boot");
    assertEquals(10, gauge(registry, "governor.instances.current"));
  }

  @Test
  void aQuietTickIsASleep() {
    GovernorMetrics m = metrics();
    m.bindTo(registry);
    Controller c = controller(m, signals, new InMemoryActuator(TYPE).withRunning(2, T0.minusSeconds(3600)), 10);
    queues(0, 0, 0, 0);
    TickReport r = c.tick();
    assertTrue(r.action() instanceof Sleep, r.summary());
    assertEquals(1, count(registry, "governor.decisions", "kind", "sleep"));
    assertEquals(0, count(registry, "governor.decisions", "kind", "launch"));
  }

  @Test
  void tickErrorsAreCountedByStage() {
    GovernorMetrics m = metrics();
    m.bindTo(registry);
    SignalSource broken = now -> {
      throw new IllegalStateException("queue service unavailable");
    };
    Controller c = controller(m, broken, new InMemoryActuator(TYPE).withRunning(2, T0), 10);
    c.tick();
    assertEquals(1, count(registry, "governor.tick.errors", "stage", "signals"));
    assertEquals(0, count(registry, "governor.tick.errors", "stage", "actuator"));
    assertEquals(4, gauge(registry, "governor.signals.stale"), "visible and in-flight of both classes missing");
  }

  @Test
  void aFailedLaunchIsCounted() {
    GovernorMetrics m = metrics();
    m.bindTo(registry);
    InMemoryActuator real = new InMemoryActuator(TYPE).withRunning(2, T0.minusSeconds(3600));
    Actuator noCapacity = new Actuator() {
      @Override
      public Fleet fleet(Instant now) {
        return real.fleet(now);
      }

      @Override
      public ActionResult apply(Action action, Instant now) {
        return action instanceof Launch ? ActionResult.failed("InsufficientInstanceCapacity: no c7g.large")
            : real.apply(action, now);
      }
    };
    Controller c = controller(m, signals, noCapacity, 10);
    queues(5000, 0);
    c.tick();
    assertEquals(1, count(registry, "governor.launch.failures"));
    assertEquals(0, count(registry, "governor.instances.launched"));
    assertEquals(1, count(registry, "governor.decisions", "kind", "launch"));
  }

  @Test
  void timedTicksRecordTheirDurationWithTheInjectedClock() {
    MockClock mock = new MockClock();
    SimpleMeterRegistry r = new SimpleMeterRegistry(SimpleConfig.DEFAULT, mock);
    GovernorMetrics m = GovernorMetrics.builder().jobClasses(CLASSES).clock(mock).build();
    m.bindTo(r);
    SignalSource slow = now -> {
      mock.add(Duration.ofMillis(250)); // the provider's API takes a quarter of a second
      return signals.read(now);
    };
    Controller c = controller(m, slow, new InMemoryActuator(TYPE).withRunning(2, T0), 10);
    queues(0, 0);
    Runnable tick = m.timed(c::tick);
    tick.run();
    clock.advance(Duration.ofMinutes(1));
    tick.run();
    Timer t = r.get("governor.tick.duration").timer();
    assertEquals(2, t.count());
    assertEquals(500, t.totalTime(TimeUnit.MILLISECONDS), 1e-9);
    assertEquals(250, t.max(TimeUnit.MILLISECONDS), 1e-9);
  }

  @Test
  void tagValuesAreBoundedToConfiguredClassesAndGuardsNeverInstanceIds() {
    GovernorMetrics m = metrics();
    m.bindTo(registry);
    InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(6, T0.minusSeconds(3600));
    Controller c = controller(m, signals, fleet, 10);
    for (int k = 0; k < 30; k++) {
      queues(k < 5 ? 3000 : 0, 0, k < 5 ? 1.5 : 0, 0);
      // a class the controller does not manage, with a made-up name per tick
      signals.set(SignalNames.visible("tenant-" + k), 7, clock.instant());
      c.tick();
      clock.advance(Duration.ofMinutes(1));
    }
    assertTrue(count(registry, "governor.instances.terminated") + count(registry, "governor.instances.drained") > 0,
        "the run scaled in, so instance ids were in the results");
    Set<String> classes = new TreeSet<>();
    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertFalse(tag.getValue().startsWith("i-"), "instance id as a tag: " + meter.getId());
        if (tag.getKey().equals("class")) {
          classes.add(tag.getValue());
        }
      }
    }
    assertEquals(Set.of("thumbs", "uploads"), classes);
    assertTrue(registry.getMeters().size() < 40, "meters: " + registry.getMeters().size());
  }

  @Test
  void guardNamesBeyondTheCapCountAsOther() {
    GovernorMetrics m = metrics();
    m.bindTo(registry);
    for (int g = 0; g < GovernorMetrics.MAX_GUARD_TAGS + 8; g++) {
      m.onTick(report(List.of(new GuardEffect("guard-" + g, 5, 4, "why"))));
    }
    Set<String> guards = new TreeSet<>();
    registry.find("governor.guard.vetoes").functionCounters().forEach(fc -> guards.add(fc.getId().getTag("guard")));
    assertEquals(GovernorMetrics.MAX_GUARD_TAGS + 1, guards.size());
    assertTrue(guards.contains("other"));
    assertEquals(8, count(registry, "governor.guard.vetoes", "guard", "other", "direction", "down"));
    m.onTick(report(List.of(new GuardEffect("guard-3", 4, 6, "why"))));
    assertEquals(1, count(registry, "governor.guard.vetoes", "guard", "guard-3", "direction", "up"),
        "a known guard keeps its own tag in the other direction");
  }

  @Test
  void countsMadeBeforeBindingAndInSeveralRegistriesAgree() {
    GovernorMetrics m = metrics();
    m.onTick(report(List.of(new GuardEffect("stabilization", 5, 7, "hold"))));
    SimpleMeterRegistry second = new SimpleMeterRegistry();
    m.bindTo(registry);
    m.bindTo(second);
    m.onTick(report(List.of(new GuardEffect("stabilization", 5, 7, "hold"))));
    for (MeterRegistry r : List.of(registry, second)) {
      assertEquals(2, count(r, "governor.decisions", "kind", "sleep"));
      assertEquals(2, count(r, "governor.guard.vetoes", "guard", "stabilization", "direction", "up"));
    }
  }

  @Test
  void errorStagesComeFromTheControllersPrefix() {
    assertEquals("fleet", GovernorMetrics.stageOf("fleet: timeout"));
    assertEquals("actuator", GovernorMetrics.stageOf("actuator: SdkClientException: reset"));
    assertEquals("other", GovernorMetrics.stageOf("state: disk full"));
    assertEquals("other", GovernorMetrics.stageOf("no prefix at all"));
  }

  @Test
  void builderRefusesDuplicateClasses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GovernorMetrics.builder().jobClasses(List.of(UPLOADS, UPLOADS)));
    assertEquals("jobClasses must be unique, but 'uploads' was given twice", e.getMessage());
  }

  private static TickReport report(List<GuardEffect> guards) {
    Collection<Reading> none = new ArrayList<>();
    return new TickReport(T0, "test", 5, 0, 0, List.copyOf(none), Set.of(), Map.of(), new Proposal(5, List.of()),
        guards, 5, new Sleep("test"), ActionResult.noop(), List.of());
  }
}
