package dev.governor.simulation;

/**
 * Adds policies to {@link PolicyRegistry#standard()}: list an implementation in
 * {@code META-INF/services/dev.governor.simulation.PolicyProvider} and its policies appear in the
 * CLI ({@code --policy NAME}, {@code all}) next to the built-in ones.
 */
public interface PolicyProvider {
  void register(PolicyRegistry registry);
}
