package dev.governor.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The consumer project the invoker builds compiles exactly the README's "Embedding it" snippet:
 * edit one, and this fails until the other says the same.
 */
class ReadmeSnippetTest {
  static List<String> readmeSnippet() {
    String readme = Reactor.read(Reactor.root().resolve("README.md"));
    int section = readme.indexOf("\n## Embedding it\n");
    assertTrue(section >= 0, "README.md has a section '## Embedding it'");
    int start = readme.indexOf("```java\n", section);
    assertTrue(start >= 0, "the section has a ```java block");
    start += "```java\n".length();
    int end = readme.indexOf("\n```", start);
    return lines(readme.substring(start, end));
  }

  static List<String> consumerSnippet() {
    String src = Reactor.read(Reactor.root()
        .resolve("release-checks/src/it/consumer/src/main/java/example/Embedding.java"));
    int start = src.indexOf("// README:BEGIN\n");
    int end = src.indexOf("// README:END");
    assertTrue(start >= 0 && end > start, "Embedding.java marks the snippet with README:BEGIN and README:END");
    return lines(src.substring(start + "// README:BEGIN\n".length(), end));
  }

  private static List<String> lines(String s) {
    return s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  @Test
  void theConsumerCompilesTheReadmesSnippet() {
    List<String> readme = readmeSnippet();
    assertTrue(readme.size() >= 5, "snippet found: " + readme);
    assertEquals(readme, consumerSnippet(),
        "release-checks/src/it/consumer/.../Embedding.java must hold README.md's embedding snippet verbatim");
  }
}
