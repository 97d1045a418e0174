package dev.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Loads the built core as a named module (the tests themselves run on the class path) and checks
 * what a user on the module path sees: every API package exported, {@code dev.governor.internal}
 * not, and slf4j-api its only requirement beyond the JDK.
 */
class ModuleTest {
  private static Path location(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static ModuleLayer layer() throws Exception {
    ModuleFinder finder = ModuleFinder.of(location(Controller.class), location(org.slf4j.Logger.class));
    Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of("dev.governor.core"));
    return ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void coreIsANamedModuleThatExportsEveryApiPackageButNotInternal() throws Exception {
    Module core = layer().findModule("dev.governor.core").orElseThrow();
    ModuleDescriptor d = core.getDescriptor();
    assertFalse(d.isAutomatic(), "core has a module-info");
    Set<String> exported = new TreeSet<>();
    for (ModuleDescriptor.Exports e : d.exports()) {
      assertFalse(e.isQualified(), "qualified export " + e);
      exported.add(e.source());
    }
    Set<String> api = new TreeSet<>(d.packages());
    api.removeIf(p -> p.contains(".internal"));
    assertEquals(api, exported, "exported packages = every package but internal ones");
    assertTrue(d.packages().contains("dev.governor.internal"));
    assertFalse(core.isExported("dev.governor.internal"));
    assertTrue(core.isExported("dev.governor"));
  }

  @Test
  void requiresOnlyTheJdkAndSlf4j() throws Exception {
    Set<String> required = new TreeSet<>();
    for (ModuleDescriptor.Requires r : layer().findModule("dev.governor.core").orElseThrow().getDescriptor().requires()) {
      required.add(r.name());
    }
    assertEquals(Set.of("java.base", "org.slf4j"), required);
  }

  @Test
  void aModuleReadingCoreCanUseTheApiButNotTheInternals() throws Exception {
    ModuleLayer layer = layer();
    Module core = layer.findModule("dev.governor.core").orElseThrow();
    ClassLoader loader = layer.findLoader("dev.governor.core");
    Class<?> controller = loader.loadClass("dev.governor.Controller");
    assertNotNull(controller.getMethod("builder"));
    Class<?> json = loader.loadClass("dev.governor.internal.Json");
    // What a reading module gets: this test's module (unnamed) reads everything but is denied
    // reflective access to a package the named module does not export.
    assertThrows(IllegalAccessException.class, () -> json.getMethod("write", Object.class).invoke(null, "x"));
    assertEquals(core, json.getModule());
  }
}
