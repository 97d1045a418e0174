package dev.governor.simulation.internal;

import java.util.List;
import java.util.Map;

/**
 * JSON for reports: maps, lists, strings, numbers, booleans and null, compact; one element per
 * line for arrays the CLI prints; NaN and infinities become {@code null} (a metric that is
 * undefined for a run). The simulator's own writer, so that it uses nothing but core's API.
 * Doubles are written with {@link Double#toString(double)} (bit-identical when read back);
 * integral doubles within ±2^53 are written without a fraction.
 */
public final class JsonWriter {
  private JsonWriter() {}

  /** A JSON array with one element per line (what the CLI prints: easy to diff and to grep). */
  public static String lines(List<?> elements) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < elements.size(); i++) {
      write(sb, elements.get(i));
      sb.append(i + 1 < elements.size() ? ",\n" : "\n");
    }
    return sb.append("]\n").toString();
  }

  public static String write(Object o) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, o);
    return sb.toString();
  }

  /** Appends {@code value} as JSON; anything not listed above is written as its {@code toString()}. */
  public static void write(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      writeString(sb, s);
    } else if (value instanceof Double || value instanceof Float) {
      writeDouble(sb, ((Number) value).doubleValue());
    } else if (value instanceof Number n) {
      sb.append(n.longValue());
    } else if (value instanceof Boolean b) {
      sb.append(b.booleanValue());
    } else if (value instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        writeString(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof Iterable<?> it) {
      sb.append('[');
      boolean first = true;
      for (Object o : it) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(sb, o);
      }
      sb.append(']');
    } else if (value instanceof double[] arr) {
      sb.append('[');
      for (int i = 0; i < arr.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        writeDouble(sb, arr[i]);
      }
      sb.append(']');
    } else {
      writeString(sb, value.toString());
    }
  }

  private static void writeDouble(StringBuilder sb, double d) {
    if (!Double.isFinite(d)) {
      sb.append("null");
    } else if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15 && !(d == 0 && 1 / d < 0)) {
      sb.append((long) d);
    } else {
      sb.append(d);
    }
  }

  private static void writeString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
