package dev.governor.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The consumer project the invoker builds compiles exactly the README's "Embedding Governor"
 * snippet: the snippet's imports are Embedding.java's imports, and its body is what Embedding.java
 * holds between README:BEGIN and README:END. Edit one, and this fails until the other says the same.
 */
class ReadmeSnippetTest {
  static final String SECTION = "\n## Embedding Governor\n";

  static List<String> readmeSnippet() {
    String readme = Reactor.read(Reactor.root().resolve("README.md"));
    int section = readme.indexOf(SECTION);
    assertTrue(section >= 0, "README.md has a section '" + SECTION.strip() + "'");
    int start = readme.indexOf("```java\n", section);
    assertTrue(start >= 0, "the section has a ```java block");
    start += "```java\n".length();
    int end = readme.indexOf("\n```", start);
    return lines(readme.substring(start, end));
  }

  static List<String> consumerSource() {
    return lines(Reactor.read(Reactor.root()
        .resolve("release-checks/src/it/consumer/src/main/java/example/Embedding.java")));
  }

  static List<String> consumerSnippet() {
    List<String> src = consumerSource();
    int start = src.indexOf("// README:BEGIN");
    int end = src.indexOf("// README:END");
    assertTrue(start >= 0 && end > start, "Embedding.java marks the snippet with README:BEGIN and README:END");
    return src.subList(start + 1, end);
  }

  static List<String> imports(List<String> lines) {
    return lines.stream().filter(l -> l.startsWith("import ")).toList();
  }

  private static List<String> lines(String s) {
    return s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  @Test
  void theConsumerCompilesTheReadmesSnippet() {
    List<String> readme = readmeSnippet();
    List<String> body = readme.stream().filter(l -> !l.startsWith("import ")).toList();
    assertTrue(body.size() >= 5, "snippet found: " + readme);
    assertEquals(body, consumerSnippet(),
        "release-checks/src/it/consumer/.../Embedding.java must hold README.md's embedding snippet verbatim");
  }

  @Test
  void theSnippetIsCompleteItsImportsAreTheConsumersImports() {
    List<String> readme = readmeSnippet();
    List<String> imports = imports(readme);
    assertTrue(imports.size() >= 3, "the README snippet starts with its imports: " + readme);
    assertEquals(imports, readme.subList(0, imports.size()), "imports come first in the snippet");
    assertEquals(imports, imports(consumerSource()),
        "Embedding.java imports exactly what the README snippet imports (name anything else in full)");
  }
}
