package dev.governor.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer and parser so that {@code governor-core} needs no JSON library.
 *
 * <p>Values map to Java as: object → {@code LinkedHashMap<String,Object>} (key order kept),
 * array → {@code ArrayList<Object>}, string → {@code String}, number → {@code Double}
 * (integral numbers within ±2^53 become {@code Long}), {@code true/false} → {@code Boolean},
 * {@code null} → {@code null}. Doubles are written with {@link Double#toString(double)} so a
 * value read back is bit-identical; NaN and infinities are refused.
 */
public final class Json {
  private Json() {}

  /** A value that is already JSON text, written verbatim (avoids parsing and re-writing nested documents). */
  public record Raw(String json) {}

  /** Serialises maps, lists, strings, numbers, booleans and null to compact JSON. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, value);
    return sb.toString();
  }

  public static void write(StringBuilder sb, Object value) {
    write(sb, value, false);
  }

  /**
   * Writes {@code value}; with {@code nonFiniteAsNull} a NaN or infinite double becomes
   * {@code null} (reports whose metric is undefined) instead of an error.
   */
  public static void write(StringBuilder sb, Object value, boolean nonFiniteAsNull) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      writeString(sb, s);
    } else if (value instanceof Raw r) {
      sb.append(r.json());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (nonFiniteAsNull && !Double.isFinite(d)) {
        sb.append("null");
      } else {
        writeDouble(sb, d);
      }
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
        write(sb, e.getValue(), nonFiniteAsNull);
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
        write(sb, o, nonFiniteAsNull);
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
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("JSON cannot hold " + d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15 && !(d == 0 && 1 / d < 0)) {
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

  /** Parses one JSON value; trailing non-whitespace is an error. */
  public static Object parse(String text) {
    Parser p = new Parser(text);
    p.skipWs();
    Object v = p.value();
    p.skipWs();
    if (p.pos != text.length()) {
      throw p.error("unexpected trailing content");
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("expected a JSON object but was " + describe(v));
    }
    return (Map<String, Object>) v;
  }

  private static String describe(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName();
  }

  // ---- typed accessors used by the fromJson methods ----

  public static String str(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("'" + key + "' must be a string but was " + describe(v));
    }
    return s;
  }

  public static double num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("'" + key + "' must be a number but was " + describe(v));
    }
    return n.doubleValue();
  }

  public static long lng(Map<String, Object> m, String key) {
    return (long) num(m, key);
  }

  public static boolean bool(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException("'" + key + "' must be a boolean but was " + describe(v));
    }
    return b;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      throw new IllegalArgumentException("'" + key + "' must be an array but was " + describe(v));
    }
    return (List<Object>) v;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> obj(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("'" + key + "' must be an object but was " + describe(v));
    }
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> asObj(Object v) {
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("expected an object but was " + describe(v));
    }
    return (Map<String, Object>) v;
  }

  public static double[] doubles(Map<String, Object> m, String key) {
    List<Object> l = list(m, key);
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) l.get(i)).doubleValue();
    }
    return out;
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String msg) {
      return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + msg);
    }

    void skipWs() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
          pos++;
        } else {
          break;
        }
      }
    }

    Object value() {
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected character '" + c + "'");
      }
    }

    private Object literal(String word, Object v) {
      if (!s.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
      return v;
    }

    private Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      pos++;
      skipWs();
      if (peek() == '}') {
        pos++;
        return m;
      }
      while (true) {
        skipWs();
        if (peek() != '"') {
          throw error("expected a key");
        }
        String k = string();
        skipWs();
        if (peek() != ':') {
          throw error("expected ':'");
        }
        pos++;
        skipWs();
        m.put(k, value());
        skipWs();
        char c = peek();
        pos++;
        if (c == '}') {
          return m;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or '}'");
        }
      }
    }

    private List<Object> array() {
      List<Object> l = new ArrayList<>();
      pos++;
      skipWs();
      if (peek() == ']') {
        pos++;
        return l;
      }
      while (true) {
        skipWs();
        l.add(value());
        skipWs();
        char c = peek();
        pos++;
        if (c == ']') {
          return l;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or ']'");
        }
      }
    }

    private char peek() {
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      return s.charAt(pos);
    }

    private String string() {
      pos++;
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = peek();
        pos++;
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\') {
          char e = peek();
          pos++;
          switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'u' -> {
              if (pos + 4 > s.length()) {
                throw error("bad unicode escape");
              }
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
              pos += 4;
            }
            default -> throw error("bad escape '\\" + e + "'");
          }
        } else {
          sb.append(c);
        }
      }
    }

    private Object number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      boolean integral = true;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c >= '0' && c <= '9') {
          pos++;
        } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
          integral = false;
          pos++;
        } else {
          break;
        }
      }
      String t = s.substring(start, pos);
      try {
        if (integral && t.length() < 16) {
          return Long.parseLong(t);
        }
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw error("bad number '" + t + "'");
      }
    }
  }
}
