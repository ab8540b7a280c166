package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The JenkinsRule *ITest are written, not run: here they compile against jenkins-test-stand-in (so a change that
 * breaks one fails the build), and surefire must never run them (the stand-in's bodies only throw).
 */
class ITestsCompiledNotRunTest {
    private final Path pluginDir = Path.of(System.getProperty("releaseledger.pluginDir", "../plugin"));

    @Test
    void shouldCompileEveryITest() throws Exception {
        List<String> names = iTestClassNames();
        assertThat(names).hasSizeGreaterThanOrEqualTo(10);
        for (String name : names) {
            assertThat(Class.forName(name, false, getClass().getClassLoader())).as(name).isNotNull();
        }
    }

    @Test
    void shouldExcludeEveryITestFromTheTestRun() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(pluginDir.resolveSibling("plugin-offline").resolve("pom.xml").toFile());
        List<String> excludes = new ArrayList<>();
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if ("maven-surefire-plugin".equals(plugin.getElementsByTagName("artifactId").item(0).getTextContent())) {
                NodeList exclude = plugin.getElementsByTagName("exclude");
                for (int j = 0; j < exclude.getLength(); j++) {
                    excludes.add(exclude.item(j).getTextContent().strip());
                }
            }
        }
        assertThat(excludes).contains("**/*ITest.java");
    }

    @Test
    void shouldDeclareEachStandInClassInOneStandInOnly() throws Exception {
        // Two stand-in jars on one class path: the first one wins, so a class declared twice hides half of itself.
        List<String> main = javaFiles(pluginDir.resolveSibling("jenkins-stand-in").resolve("src/main/java"));
        List<String> test = javaFiles(pluginDir.resolveSibling("jenkins-test-stand-in").resolve("src/main/java"));
        assertThat(main).isNotEmpty();
        assertThat(test).isNotEmpty().doesNotContainAnyElementsOf(main);
    }

    private static List<String> javaFiles(final Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).map(file -> root.relativize(file).toString())
                    .sorted().toList();
        }
    }

    private List<String> iTestClassNames() throws Exception {
        Path sources = pluginDir.resolve("src/test/java");
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.getFileName().toString().endsWith("ITest.java"))
                    .map(file -> sources.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                            .replaceAll("\\.java$", ""))
                    .sorted().toList();
        }
    }
}
