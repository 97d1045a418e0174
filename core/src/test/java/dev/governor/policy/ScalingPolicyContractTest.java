package dev.governor.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.policy.baseline.Baselines;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Rules every {@link ScalingPolicy} keeps, checked for Governor's policy, every baseline and a
 * composite over seeded random days ({@link RandomDay}): it always answers with a well-formed
 * proposal, two fresh instances fed the same ticks decide alike (replays are repeatable), and a
 * policy that saves state carries all of it — an instance restored from {@code saveState()} at any
 * tick decides exactly like one that never stopped. A new policy is added here by adding its name.
 */
class ScalingPolicyContractTest {
  private static final int TICKS = 150;

  /** A fresh instance of the named policy. */
  static ScalingPolicy create(String name) {
    Baselines.Params params = Baselines.Params.forJobClasses(RandomDay.CLASSES, 4, 1, 100, RandomDay.MINUTE);
    return switch (name) {
      case HybridPolicy.NAME -> HybridPolicy.ofDefaults();
      case WITH_A_MEMBER_IN_MEMORY -> ScalingPolicy.maxOf(name, HybridPolicy.ofDefaults(), Baselines.create("hpa", params));
      case "max(governor,governor z=3)" -> ScalingPolicy.maxOf(name, HybridPolicy.ofDefaults(),
          new HybridPolicy(HybridConfig.custom().confidence(3).build()));
      default -> Baselines.create(name, params);
    };
  }

  /** A composite with a member (the HPA) that keeps its state in memory only. */
  private static final String WITH_A_MEMBER_IN_MEMORY = "max(governor,hpa)";

  @Provide
  Arbitrary<String> policies() {
    List<String> names = new ArrayList<>(savingAll());
    names.add(WITH_A_MEMBER_IN_MEMORY);
    return Arbitraries.of(names);
  }

  /**
   * The policies whose saved state is all of their state: Governor's, a composite of members that
   * all save, and every baseline (they save nothing, so the same instance goes on). Not a composite
   * with a member that keeps its state in memory only: after a restore that member starts afresh,
   * as it does after its own restart (the HPA's stabilization window, for one).
   */
  @Provide
  Arbitrary<String> policiesThatSaveAll() {
    return Arbitraries.of(savingAll());
  }

  private static List<String> savingAll() {
    List<String> names = new ArrayList<>();
    names.add(HybridPolicy.NAME);
    names.addAll(Baselines.names());
    names.add("max(governor,governor z=3)");
    return names;
  }

  @Property(tries = 80)
  void everyProposalIsWellFormed(@ForAll("policies") String name, @ForAll long seed) {
    ScalingPolicy p = create(name);
    for (PolicyContext c : RandomDay.ticks(seed, TICKS)) {
      Proposal pr = p.propose(c);
      assertNotNull(pr, name);
      assertTrue(pr.desired() >= 0, name + ": " + pr);
      assertFalse(pr.reasons().isEmpty(), name + " says why");
    }
  }

  @Property(tries = 80)
  void twoFreshInstancesFedTheSameTicksDecideAlike(@ForAll("policies") String name, @ForAll long seed) {
    ScalingPolicy a = create(name);
    ScalingPolicy b = create(name);
    for (PolicyContext c : RandomDay.ticks(seed, TICKS)) {
      assertEquals(a.propose(c), b.propose(c), name);
    }
  }

  @Property(tries = 120)
  void aPolicyRestoredFromItsSavedStateDecidesExactlyLikeOneThatNeverStopped(@ForAll("policiesThatSaveAll") String name,
      @ForAll long seed, @ForAll @IntRange(min = 0, max = TICKS - 1) int stopAfter) {
    List<PolicyContext> ticks = RandomDay.ticks(seed, TICKS);
    ScalingPolicy never = create(name);
    ScalingPolicy before = create(name);
    for (int k = 0; k < stopAfter; k++) {
      never.propose(ticks.get(k));
      before.propose(ticks.get(k));
    }
    String saved = before.saveState();
    // a policy that saves nothing keeps its state in memory only: the same instance goes on
    Supplier<ScalingPolicy> restore = () -> {
      ScalingPolicy after = create(name);
      after.restoreState(saved);
      return after;
    };
    ScalingPolicy after = saved == null ? before : restore.get();
    if (saved != null) {
      assertEquals(saved, after.saveState(), name + ": the saved document round-trips");
    }
    for (int k = stopAfter; k < ticks.size(); k++) {
      assertEquals(never.propose(ticks.get(k)), after.propose(ticks.get(k)),
          name + ", tick " + k + " after a restart at tick " + stopAfter);
    }
    assertEquals(never.saveState(), after.saveState(), name);
  }
}
