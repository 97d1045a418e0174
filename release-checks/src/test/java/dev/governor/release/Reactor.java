package dev.governor.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The reactor as its POMs describe it: what the checks compare against. */
final class Reactor {
  private Reactor() {}

  /** The project's root folder (surefire passes it; falls back to the parent of the working directory). */
  static Path root() {
    String r = System.getProperty("governor.root");
    return (r != null ? Path.of(r) : Path.of("..")).toAbsolutePath().normalize();
  }

  static Document pom(Path pomFile) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(false);
      return f.newDocumentBuilder().parse(pomFile.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot parse " + pomFile + ": " + e.getMessage(), e);
    }
  }

  /** The text of the first direct child of {@code e} named {@code name}, or null. */
  static String child(Element e, String name) {
    Element c = childElement(e, name);
    return c == null ? null : c.getTextContent().strip();
  }

  static Element childElement(Element e, String name) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element el && el.getTagName().equals(name)) {
        return el;
      }
    }
    return null;
  }

  static List<Element> children(Element e, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element el && el.getTagName().equals(name)) {
        out.add(el);
      }
    }
    return out;
  }

  /** One module of the root POM's {@code <modules>}. */
  record Module(String folder, String artifactId, String packaging, boolean published, Element project) {
    Path dir() {
      return root().resolve(folder);
    }
  }

  /** Every module listed by the root POM, in order. A module is published unless it sets maven.deploy.skip. */
  static List<Module> modules() {
    Element root = pom(root().resolve("pom.xml")).getDocumentElement();
    List<Module> out = new ArrayList<>();
    for (Element m : children(childElement(root, "modules"), "module")) {
      String folder = m.getTextContent().strip();
      Element p = pom(root().resolve(folder).resolve("pom.xml")).getDocumentElement();
      String packaging = child(p, "packaging");
      Element props = childElement(p, "properties");
      boolean skip = props != null && "true".equals(child(props, "maven.deploy.skip"));
      out.add(new Module(folder, child(p, "artifactId"), packaging == null ? "jar" : packaging, !skip, p));
    }
    return out;
  }

  /** Every {@code *.java} file under {@code dir}. */
  static List<Path> javaFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static NodeList byTag(Element e, String tag) {
    return e.getElementsByTagName(tag);
  }
}
