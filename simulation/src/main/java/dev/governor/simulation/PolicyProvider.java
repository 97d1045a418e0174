package dev.governor.simulation;

/**
 * Adds policies to {@link PolicyRegistry#standard()}: list an implementation in
 * {@code META-INF/services/dev.governor.simulation.PolicyProvider} and its policies appear in the
 * CLI ({@code --policy NAME}, {@code all}) next to the built-in ones.
 */
public interface PolicyProvider {
  /**
   * Adds this provider's policies, called once by every {@link PolicyRegistry#standard()} after
   * the built-in ones are registered (so a provider may replace one by registering its name).
   *
   * @param registry the registry being filled; add entries with
   *     {@link PolicyRegistry#register(String, String, PolicyFactory, Knob...)}
   */
  void register(PolicyRegistry registry);
}
