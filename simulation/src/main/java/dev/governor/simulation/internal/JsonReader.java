package dev.governor.simulation.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser for the simulator's own files (scenario files, bench results): objects
 * become ordered maps, arrays lists, numbers doubles, {@code null} null. An error names the
 * character offset and what was expected. The counterpart of {@link JsonWriter}.
 */
public final class JsonReader {
  private final String s;
  private int i;

  private JsonReader(String s) {
    this.s = s;
  }

  /** Parses one JSON value (and nothing after it but white space). */
  public static Object parse(String text) {
    JsonReader r = new JsonReader(text);
    r.ws();
    Object v = r.value();
    r.ws();
    if (r.i != text.length()) {
      throw r.error("end of input");
    }
    return v;
  }

  /** Parses a JSON object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("expected a JSON object, but the document is " + describe(v));
    }
    return (Map<String, Object>) v;
  }

  /** A field as an object (null if absent), failing with the key's name on another type. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> obj(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("'" + key + "' must be an object, but was " + describe(v));
    }
    return (Map<String, Object>) v;
  }

  /** A field as a list (empty if absent). */
  @SuppressWarnings("unchecked")
  public static List<Object> list(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      throw new IllegalArgumentException("'" + key + "' must be an array, but was " + describe(v));
    }
    return (List<Object>) v;
  }

  /** A field as a string (null if absent). */
  public static String str(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String)) {
      throw new IllegalArgumentException("'" + key + "' must be a string, but was " + describe(v));
    }
    return (String) v;
  }

  /** A field as a number (NaN if absent or null). */
  public static double num(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return Double.NaN;
    }
    if (!(v instanceof Double d)) {
      throw new IllegalArgumentException("'" + key + "' must be a number, but was " + describe(v));
    }
    return d;
  }

  /** A field as a boolean (false if absent). */
  public static boolean bool(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return false;
    }
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException("'" + key + "' must be true or false, but was " + describe(v));
    }
    return b;
  }

  static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String str) {
      return "the string \"" + str + "\"";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    return v.toString();
  }

  private Object value() {
    if (i >= s.length()) {
      throw error("a value");
    }
    char c = s.charAt(i);
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
        throw error("a value");
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    i++;
    ws();
    if (peek() == '}') {
      i++;
      return m;
    }
    while (true) {
      ws();
      if (peek() != '"') {
        throw error("a quoted key");
      }
      String k = string();
      ws();
      expect(':');
      ws();
      if (m.put(k, value()) != null) {
        throw new IllegalArgumentException("key '" + k + "' appears twice (at offset " + i + ")");
      }
      ws();
      if (peek() == ',') {
        i++;
        continue;
      }
      expect('}');
      return m;
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    i++;
    ws();
    if (peek() == ']') {
      i++;
      return l;
    }
    while (true) {
      ws();
      l.add(value());
      ws();
      if (peek() == ',') {
        i++;
        continue;
      }
      expect(']');
      return l;
    }
  }

  private String string() {
    StringBuilder sb = new StringBuilder();
    i++;
    while (i < s.length()) {
      char c = s.charAt(i++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        if (i >= s.length()) {
          break;
        }
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> sb.append(e);
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw error("four hex digits");
            }
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> throw error("an escape");
        }
      } else if (c < 0x20) {
        throw error("no control character in a string");
      } else {
        sb.append(c);
      }
    }
    throw error("the end of the string");
  }

  private Double number() {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    try {
      return Double.valueOf(s.substring(start, i));
    } catch (NumberFormatException e) {
      i = start;
      throw error("a number");
    }
  }

  private Object literal(String word, Object v) {
    if (!s.startsWith(word, i)) {
      throw error("a value");
    }
    i += word.length();
    return v;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "'");
    }
    i++;
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private void ws() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  private IllegalArgumentException error(String expected) {
    String near = s.substring(i, Math.min(s.length(), i + 20));
    return new IllegalArgumentException("invalid JSON at offset " + i + ": expected " + expected
        + (near.isEmpty() ? " but the input ended" : " near \"" + near + "\""));
  }
}
