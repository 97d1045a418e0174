package dev.governor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesAndParsesNestedValues() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "quote \" backslash \\ newline \n tab \t unicode é \u0001");
    m.put("i", 42L);
    m.put("d", 0.1);
    m.put("neg", -3.5e-12);
    m.put("b", true);
    m.put("n", null);
    m.put("l", List.of(1L, "two", List.of()));
    String json = Json.write(m);
    assertEquals(m, Json.parse(json));
    assertTrue(!json.contains("\n"), "one line");
  }

  @Test
  void malformedJsonFailsWithOffset() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1,}"));
    assertTrue(e.getMessage().startsWith("invalid JSON at offset"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.parse("[1 2]"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
    assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
  }

  @Test
  void undefinedMetricsCanBeWrittenAsNull() {
    StringBuilder sb = new StringBuilder();
    Json.write(sb, Map.of("theta", Double.NaN), true);
    assertEquals("{\"theta\":null}", sb.toString());
  }

  @Property(tries = 300)
  void doublesRoundTripBitForBit(@ForAll double d) {
    if (!Double.isFinite(d)) {
      return;
    }
    Object back = Json.parse(Json.write(List.of(d)));
    double r = ((Number) ((List<?>) back).get(0)).doubleValue();
    assertEquals(Double.doubleToLongBits(d == 0 ? 0.0 : d), Double.doubleToLongBits(r == 0 ? 0.0 : r));
  }
}
