package dev.governor.simulation;

import java.util.List;
import java.util.Objects;

/**
 * A parameter {@code tune} may search, with the values it tries.
 *
 * @param name the parameter's name, as read by the factory with {@link RunContext#param}
 * @param description what it changes, for {@code --help} and reports
 * @param values the grid to try, in increasing order of capacity where that makes sense
 */
public record Knob(String name, String description, List<Double> values) {
  public Knob {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("values of knob " + name + " must not be empty");
    }
  }

  public static Knob of(String name, String description, double... values) {
    List<Double> l = new java.util.ArrayList<>(values.length);
    for (double v : values) {
      l.add(v);
    }
    return new Knob(name, description, l);
  }
}
