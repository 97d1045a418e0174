package dev.governor.simulation;

import java.util.List;
import java.util.Objects;

/**
 * A parameter {@code tune} may search, with the values it tries. {@code tune} tries every
 * combination of a policy's knobs' values on the training window; the policy's factory reads the
 * value of each with {@link RunContext#param} and falls back to its natural value when it is not set.
 * Immutable.
 *
 * @param name the parameter's name, as read by the factory with {@link RunContext#param}
 * @param description what it changes, for {@code --help} and reports
 * @param values the grid to try, in increasing order of capacity where that makes sense
 */
public record Knob(String name, String description, List<Double> values) {
  /**
   * Validates the knob and copies its values.
   *
   * @param name the parameter's name (not null)
   * @param description what it changes (not null)
   * @param values the grid to try (not empty; copied, so later changes to the list do not show)
   * @throws IllegalArgumentException if {@code values} is empty
   * @throws NullPointerException if {@code name}, {@code description}, {@code values} or one of
   *     the values is null
   */
  public Knob {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("values of knob " + name + " must not be empty");
    }
  }

  /**
   * A knob from its values as a varargs list.
   *
   * @param name the parameter's name, as read by the factory with {@link RunContext#param}
   * @param description what it changes, for {@code --help} and reports
   * @param values the grid to try, in the order given (at least one)
   * @return the knob
   * @throws IllegalArgumentException if no value is given
   * @throws NullPointerException if {@code name}, {@code description} or {@code values} is null
   */
  public static Knob of(String name, String description, double... values) {
    List<Double> l = new java.util.ArrayList<>(values.length);
    for (double v : values) {
      l.add(v);
    }
    return new Knob(name, description, l);
  }
}
