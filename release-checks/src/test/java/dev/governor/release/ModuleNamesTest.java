package dev.governor.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * Every published jar has a stable module name (a module-info or an Automatic-Module-Name, never
 * one the JDK derives from the file name), the names are distinct, no two modules share a
 * package (a split package cannot be loaded on the module path), and no module but core uses
 * core's unexported {@code dev.governor.internal}.
 */
class ModuleNamesTest {
  private static final Pattern MODULE_DECL = Pattern.compile("(?m)^\\s*(?:open\\s+)?module\\s+([\\w.]+)\\s*\\{");
  /** A reference to a type (or all types) of core's internal package, as an import or qualified name. */
  private static final Pattern INTERNAL_USE = Pattern.compile("\\bdev\\.governor\\.internal\\.[A-Z*]");
  private static final Pattern PACKAGE_DECL = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

  /** The module name a module declares: its module-info's, else its jar manifest's Automatic-Module-Name. */
  static String declaredName(Reactor.Module m) {
    Path info = m.dir().resolve("src/main/java/module-info.java");
    if (Files.exists(info)) {
      Matcher x = MODULE_DECL.matcher(Reactor.read(info));
      assertTrue(x.find(), info + " declares a module");
      return x.group(1);
    }
    NodeList names = Reactor.byTag(m.project(), "Automatic-Module-Name");
    return names.getLength() == 0 ? null : names.item(0).getTextContent().strip();
  }

  private static List<Reactor.Module> jars() {
    List<Reactor.Module> out = new ArrayList<>();
    for (Reactor.Module m : Reactor.modules()) {
      if (m.published() && m.packaging().equals("jar")) {
        out.add(m);
      }
    }
    return out;
  }

  @Test
  void everyPublishedJarDeclaresADistinctModuleNameUnderDevGovernor() {
    Map<String, String> seen = new HashMap<>();
    List<Reactor.Module> jars = jars();
    assertTrue(jars.size() >= 5, "published jars: " + jars);
    for (Reactor.Module m : jars) {
      String name = declaredName(m);
      assertNotNull(name, m.artifactId() + " has neither module-info.java nor an Automatic-Module-Name in its jar manifest");
      assertTrue(name.startsWith("dev.governor."), m.artifactId() + "'s module name " + name);
      String before = seen.put(name, m.artifactId());
      assertEquals(null, before, "module name " + name + " used by " + before + " and " + m.artifactId());
    }
  }

  /** Where the reactor's jars were packaged (mvn verify), the jar itself carries that name. */
  @Test
  void packagedJarsCarryTheDeclaredName() {
    int checked = 0;
    for (Reactor.Module m : jars()) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        Path p = Path.of(entry).toAbsolutePath().normalize();
        if (!p.startsWith(m.dir().resolve("target")) || !entry.endsWith(".jar")) {
          continue;
        }
        Set<ModuleReference> found = ModuleFinder.of(p).findAll();
        assertEquals(1, found.size(), p.toString());
        ModuleDescriptor d = found.iterator().next().descriptor();
        assertEquals(declaredName(m), d.name(), p + " module name");
        if (!d.isAutomatic()) {
          assertFalse(d.exports().stream().anyMatch(e -> e.source().contains(".internal") && !e.isQualified()),
              p + " exports an internal package: " + d.exports());
        }
        checked++;
      }
    }
    // governor-core is a compile dependency, so it is on the class path as a jar under verify and
    // as target/classes under test; the others are jars once packaged.
    System.out.println("ModuleNamesTest: checked the module name of " + checked + " packaged jars");
  }

  @Test
  void noPackageIsSplitAcrossModules() {
    Map<String, String> owner = new TreeMap<>();
    for (Reactor.Module m : Reactor.modules()) {
      for (Path f : Reactor.javaFiles(m.dir().resolve("src/main/java"))) {
        Matcher x = PACKAGE_DECL.matcher(Reactor.read(f));
        if (!x.find()) {
          continue;
        }
        String before = owner.putIfAbsent(x.group(1), m.artifactId());
        assertTrue(before == null || before.equals(m.artifactId()),
            "package " + x.group(1) + " is in both " + before + " and " + m.artifactId() + " (" + f + ")");
      }
    }
    assertTrue(owner.containsKey("dev.governor"), "found core's packages: " + owner.keySet());
  }

  @Test
  void onlyCoreUsesCoresInternalPackage() {
    List<String> offenders = new ArrayList<>();
    for (Reactor.Module m : Reactor.modules()) {
      if (m.artifactId().equals("governor-core")) {
        continue;
      }
      for (String src : List.of("src/main/java", "src/test/java", "src/it")) {
        for (Path f : Reactor.javaFiles(m.dir().resolve(src))) {
          if (INTERNAL_USE.matcher(Reactor.read(f)).find()) {
            offenders.add(Reactor.root().relativize(f).toString());
          }
        }
      }
    }
    assertEquals(List.of(), offenders, "dev.governor.internal is not exported by core's module; use core's API");
  }
}
