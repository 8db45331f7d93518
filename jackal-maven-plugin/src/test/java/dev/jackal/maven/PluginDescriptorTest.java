package dev.jackal.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The generated {@code plugin.xml}: what {@code mvn help:describe -Ddetail} shows and which Maven runs the plugin.
 */
class PluginDescriptorTest {

    private static Document descriptor() throws Exception {
        Path file = Path.of("target/classes/META-INF/maven/plugin.xml");
        assertTrue(Files.isRegularFile(file), "the descriptor is generated before the tests: " + file);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static Element child(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    @Test
    void descriptionsHaveNoAngleBrackets() throws Exception {
        // help:describe and jackal:help read descriptions as HTML: "<arch>" would vanish from the text
        NodeList descriptions = descriptor().getElementsByTagName("description");
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < descriptions.getLength(); i++) {
            String text = descriptions.item(i).getTextContent();
            boolean generated = text.startsWith("Display help information on"); // maven-plugin-plugin's helpmojo
            if (!generated && text.matches("(?s).*<[a-zA-Z/].*")) {
                broken.add(text);
            }
        }
        assertTrue(descriptions.getLength() > 20, "descriptions: " + descriptions.getLength());
        assertEquals(List.of(), broken);
    }

    @Test
    void runsOnMaven363() throws Exception {
        Element plugin = descriptor().getDocumentElement();
        assertEquals("3.6.3", child(plugin, "requiredMavenVersion").getTextContent());
    }

    @Test
    void everyEditableParameterHasAUserProperty() throws Exception {
        NodeList mojos = descriptor().getElementsByTagName("mojo");
        List<String> without = new ArrayList<>();
        int checked = 0;
        for (int m = 0; m < mojos.getLength(); m++) {
            Element mojo = (Element) mojos.item(m);
            String goal = child(mojo, "goal").getTextContent();
            Element configuration = child(mojo, "configuration");
            NodeList parameters = child(mojo, "parameters").getElementsByTagName("parameter");
            for (int p = 0; p < parameters.getLength(); p++) {
                Element parameter = (Element) parameters.item(p);
                if (!"true".equals(child(parameter, "editable").getTextContent())) {
                    continue;
                }
                String name = child(parameter, "name").getTextContent();
                Element value = configuration == null ? null : child(configuration, name);
                checked++;
                if (child(parameter, "type").getTextContent().equals("java.util.Map")
                        && configuration != null
                        && (child(configuration, name + "Pairs") != null
                                || child(configuration, name.replaceAll("s$", "") + "Pairs") != null)) {
                    continue; // a map cannot take a property (Maven fails to convert it): its twin carries it
                }
                if (child(parameter, "type").getTextContent().equals("java.util.List")
                        && configuration != null
                        && child(configuration, name.replaceAll("s$", "") + "List") != null) {
                    continue; // nor can a list of objects: its twin carries it (jibImages, jibImageList)
                }
                if (value == null || !value.getTextContent().matches("\\$\\{[a-zA-Z.]+}")) {
                    without.add(goal + ":" + name);
                }
            }
        }
        assertTrue(checked >= 25, "parameters checked: " + checked);
        assertEquals(List.of(), without, "parameters that help:describe would show without a user property");
    }
}
