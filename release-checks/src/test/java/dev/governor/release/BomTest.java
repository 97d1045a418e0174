package dev.governor.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** governor-bom lists exactly the reactor's published modules, at the reactor's version. */
class BomTest {
  private static final Element PARENT = Reactor.pom(Reactor.root().resolve("pom.xml")).getDocumentElement();
  private static final Element BOM = Reactor.pom(Reactor.root().resolve("bom/pom.xml")).getDocumentElement();

  /** The jar (or other non-POM) modules users depend on: every module not marked maven.deploy.skip, but the BOM. */
  static List<String> publishedArtifacts() {
    List<String> out = new ArrayList<>();
    for (Reactor.Module m : Reactor.modules()) {
      if (m.published() && !m.packaging().equals("pom")) {
        out.add(m.artifactId());
      }
    }
    return out;
  }

  private static List<Element> bomEntries() {
    return Reactor.children(Reactor.childElement(Reactor.childElement(BOM, "dependencyManagement"), "dependencies"),
        "dependency");
  }

  @Test
  void listsEveryPublishedModuleAndNothingElse() {
    TreeSet<String> listed = new TreeSet<>();
    for (Element d : bomEntries()) {
      assertEquals("dev.governor", Reactor.child(d, "groupId"), "BOM entries are Governor's own modules");
      assertTrue(listed.add(Reactor.child(d, "artifactId")), "listed twice: " + Reactor.child(d, "artifactId"));
    }
    TreeSet<String> published = new TreeSet<>(publishedArtifacts());
    assertFalse(published.isEmpty());
    TreeSet<String> missing = new TreeSet<>(published);
    missing.removeAll(listed);
    assertEquals(new TreeSet<>(), missing, "published modules missing from bom/pom.xml");
    TreeSet<String> extra = new TreeSet<>(listed);
    extra.removeAll(published);
    assertEquals(new TreeSet<>(), extra, "bom/pom.xml lists artifacts the reactor does not publish");
  }

  @Test
  void entriesAreAtTheReactorsVersion() {
    String version = Reactor.child(PARENT, "version");
    assertEquals(version, Reactor.child(BOM, "version"), "governor-bom's version");
    for (Element d : bomEntries()) {
      assertEquals("${project.version}", Reactor.child(d, "version"), Reactor.child(d, "artifactId"));
      assertNull(Reactor.child(d, "scope"), "BOM entries carry no scope: " + Reactor.child(d, "artifactId"));
    }
  }

  @Test
  void hasNoParentSoItImportsNoThirdPartyVersions() {
    assertNull(Reactor.childElement(BOM, "parent"), "importing a BOM imports its parent's dependencyManagement");
    assertNull(Reactor.childElement(BOM, "dependencies"), "a BOM declares no dependencies");
  }

  @Test
  void carriesTheSameMetadataAsTheParent() {
    for (String field : List.of("url", "inceptionYear", "licenses", "developers", "scm")) {
      Element p = Reactor.childElement(PARENT, field);
      Element b = Reactor.childElement(BOM, field);
      assertTrue(p != null, "parent POM has " + field);
      assertTrue(b != null, "BOM has " + field);
      assertEquals(p.getTextContent().replaceAll("\\s+", " ").strip(), b.getTextContent().replaceAll("\\s+", " ").strip(),
          field);
    }
  }
}
