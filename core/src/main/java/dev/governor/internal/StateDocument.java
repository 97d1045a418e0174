package dev.governor.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Typed, checked access to one JSON object of a saved state (a predictor's, a policy's): every
 * problem becomes an {@link IllegalArgumentException} whose message names the document, the
 * field with its path, the rule and the value, e.g. {@code ewma-trend state: 'level' must be a
 * finite number, but was null}. Not for application use.
 */
public final class StateDocument {
  private final String where;
  private final String path;
  /** The object's fields, as {@link Json} parsed them. */
  public final Map<String, Object> map;

  /**
   * The object {@code map} of the document {@code where}, its fields named as they are.
   *
   * @param where the document's name in messages, e.g. {@code ewma-trend}
   * @param map the object's fields
   */
  public StateDocument(String where, Map<String, Object> map) {
    this(where, "", map);
  }

  private StateDocument(String where, String path, Map<String, Object> map) {
    this.where = where;
    this.path = path;
    this.map = map;
  }

  /**
   * Parses a saved state and checks its kind and version.
   *
   * @param json the document (null is refused)
   * @param where its name in messages, e.g. {@code ewma-trend} or {@code governor policy}
   * @param kindKey the field naming its kind, e.g. {@code predictor}
   * @param kind the kind it must name
   * @param version the version it must have
   * @return the top-level object
   * @throws IllegalArgumentException if it is null, not JSON, or of another kind or version
   */
  public static StateDocument open(String json, String where, String kindKey, String kind, long version) {
    if (json == null) {
      throw new IllegalArgumentException(where + " state must not be null");
    }
    Map<String, Object> m;
    try {
      m = Json.parseObject(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " state is not valid JSON: " + e.getMessage(), e);
    }
    StateDocument s = new StateDocument(where, m);
    String k = s.string(kindKey);
    if (!kind.equals(k)) {
      throw s.error(kindKey, "must be \"" + kind + "\"", "\"" + k + "\"");
    }
    long v = s.count("version");
    if (v != version) {
      throw s.error("version", "must be " + version, v);
    }
    return s;
  }

  /**
   * An error about one field.
   *
   * @param key the field
   * @param rule what it must be, e.g. {@code must be >= 0}
   * @param was the value it has
   * @return the exception, to throw
   */
  public IllegalArgumentException error(String key, String rule, Object was) {
    return new IllegalArgumentException(where + " state: '" + path + key + "' " + rule + ", but was " + was);
  }

  private Object get(String key) {
    if (!map.containsKey(key)) {
      throw new IllegalArgumentException(where + " state: '" + path + key + "' is missing");
    }
    return map.get(key);
  }

  /** @param key the field @return its string value */
  public String string(String key) {
    Object v = get(key);
    if (!(v instanceof String s)) {
      throw error(key, "must be a string", v);
    }
    return s;
  }

  /** @param key the field @return its value, a finite number */
  public double number(String key) {
    Object v = get(key);
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw error(key, "must be a finite number", v);
    }
    return n.doubleValue();
  }

  /** @param key the field @return its value, a finite number &gt;= 0 */
  public double nonNegative(String key) {
    double d = number(key);
    if (!(d >= 0)) {
      throw error(key, "must be >= 0", d);
    }
    return d;
  }

  /**
   * A value not known yet (written as null by a writer that writes NaN so) or a finite number &gt;= 0.
   *
   * @param key the field
   * @return its value, or NaN for null
   */
  public double nonNegativeOrUnknown(String key) {
    if (get(key) == null) {
      return Double.NaN;
    }
    double d = number(key);
    if (!(d >= 0)) {
      throw error(key, "must be >= 0 (or null before it is known)", d);
    }
    return d;
  }

  /** @param key the field @return its value, an integer */
  public long integer(String key) {
    Object v = get(key);
    if (v instanceof Long l) {
      return l;
    }
    // the JSON reader returns long integers beyond 15 digits as doubles
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
      return d.longValue();
    }
    throw error(key, "must be an integer", v);
  }

  /** @param key the field @return its value, an integer &gt;= 0 */
  public long count(String key) {
    long l = integer(key);
    if (l < 0) {
      throw error(key, "must be >= 0", l);
    }
    return l;
  }

  /** @param key the field @return its value, an integer in [0, {@link Integer#MAX_VALUE}] */
  public int smallCount(String key) {
    long l = count(key);
    if (l > Integer.MAX_VALUE) {
      throw error(key, "must be at most " + Integer.MAX_VALUE, l);
    }
    return (int) l;
  }

  /** @param key the field @return its instant (ISO-8601), or null for null */
  public Instant instantOrNull(String key) {
    Object v = get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw error(key, "must be an ISO-8601 instant", v);
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw error(key, "must be an ISO-8601 instant", "'" + s + "'");
    }
  }

  /**
   * An array of exactly {@code length} numbers, each &gt;= {@code min}.
   *
   * @param key the field
   * @param length the length it must have
   * @param min the least value
   * @return the numbers
   */
  public double[] doubles(String key, int length, double min) {
    List<?> l = list(key);
    if (l.size() != length) {
      throw error(key, "must have " + length + " elements", l.size());
    }
    return doubles(key, l, min, false);
  }

  /**
   * An array of numbers &gt;= {@code min} of any length, or null; where {@code unknownAllowed}, a null
   * element reads as NaN.
   *
   * @param key the field
   * @param min the least value
   * @param unknownAllowed whether an element may be null
   * @return the numbers, or null for null
   */
  public double[] doublesOrNull(String key, double min, boolean unknownAllowed) {
    if (get(key) == null) {
      return null;
    }
    return doubles(key, list(key), min, unknownAllowed);
  }

  private double[] doubles(String key, List<?> l, double min, boolean unknownAllowed) {
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      Object o = l.get(i);
      if (o == null && unknownAllowed) {
        out[i] = Double.NaN;
      } else if (o instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() >= min) {
        out[i] = n.doubleValue();
      } else {
        throw error(key + "[" + i + "]", "must be a finite number >= " + min + (unknownAllowed ? " or null" : ""), o);
      }
    }
    return out;
  }

  /** @param key the field @return its array */
  public List<?> list(String key) {
    Object v = get(key);
    if (!(v instanceof List<?> l)) {
      throw error(key, "must be an array", v);
    }
    return l;
  }

  /**
   * A nested object; its fields are named {@code key.field} in messages.
   *
   * @param key the field
   * @return the object
   */
  @SuppressWarnings("unchecked")
  public StateDocument object(String key) {
    Object v = get(key);
    if (!(v instanceof Map)) {
      throw error(key, "must be an object", v);
    }
    return new StateDocument(where, path + key + ".", (Map<String, Object>) v);
  }

  /**
   * The structural setting a state was saved with must be this one's, or its arrays mean something else.
   *
   * @param key the field
   * @param expected the value it must have
   * @param self what reads the state, in the message ({@code predictor})
   */
  public void expect(String key, Object expected, String self) {
    Object v = get(key);
    if (!expected.equals(v)) {
      throw new IllegalArgumentException(where + path + " state was saved with " + key + " " + v + " but this " + self + " has "
          + expected + "; the saved state cannot be used");
    }
  }
}
