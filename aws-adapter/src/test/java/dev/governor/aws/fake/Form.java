package dev.governor.aws.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A form-encoded Query request as the SDK sends it: {@code Action=…&InstanceId.1=…&Filter.1.Value.1=…}. */
final class Form {
  final Map<String, String> params = new LinkedHashMap<>();

  static Form parse(String body) {
    Form f = new Form();
    if (body == null || body.isEmpty()) {
      return f;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      f.params.put(k, v);
    }
    return f;
  }

  String get(String k) {
    return params.get(k);
  }

  String get(String k, String dflt) {
    String v = params.get(k);
    return v == null ? dflt : v;
  }

  int getInt(String k, int dflt) {
    String v = params.get(k);
    return v == null ? dflt : Integer.parseInt(v);
  }

  /** {@code prefix.1}, {@code prefix.2}, … until one is missing. */
  List<String> list(String prefix) {
    List<String> out = new ArrayList<>();
    for (int i = 1; params.containsKey(prefix + "." + i); i++) {
      out.add(params.get(prefix + "." + i));
    }
    return out;
  }

  /** Indexes 1..n for which {@code prefix.i.<anything>} exists. */
  int count(String prefix) {
    int n = 0;
    while (true) {
      String p = prefix + "." + (n + 1) + ".";
      boolean any = false;
      for (String k : params.keySet()) {
        if (k.startsWith(p)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return n;
      }
      n++;
    }
  }
}
