package dev.governor.simulation.internal;

import java.util.Collection;
import java.util.Map;

/** Writes maps, lists, strings, numbers and booleans as compact JSON. NaN and infinities become null. */
public final class JsonWriter {
  private JsonWriter() {}

  /** A JSON array with one element per line (what the CLI prints: easy to diff and to grep). */
  public static String lines(java.util.List<?> elements) {
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

  public static void write(StringBuilder sb, Object o) {
    if (o == null) {
      sb.append("null");
    } else if (o instanceof String s) {
      string(sb, s);
    } else if (o instanceof Double || o instanceof Float) {
      double d = ((Number) o).doubleValue();
      sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
    } else if (o instanceof Number || o instanceof Boolean) {
      sb.append(o);
    } else if (o instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        string(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (o instanceof Collection<?> c) {
      sb.append('[');
      boolean first = true;
      for (Object x : c) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(sb, x);
      }
      sb.append(']');
    } else {
      string(sb, o.toString());
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
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
