package dev.governor.simulation.internal;

/** JSON for reports: one element per line for arrays the CLI prints; NaN and infinities become null. */
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

  /** Core's writer, with undefined metrics (NaN, infinities) written as null. */
  public static void write(StringBuilder sb, Object o) {
    dev.governor.internal.Json.write(sb, o, true);
  }
}
