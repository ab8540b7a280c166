package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the real plugin build (maven-hpi-plugin, the hosting checks) asks of {@code plugin/pom.xml}, checked by
 * reading the POM: maven-hpi's {@code AbstractHpiMojo} refuses the build when {@code hpi.bundledArtifacts} is not
 * exactly the sorted list of jars it puts into WEB-INF/lib (runtime-scope dependencies that are not plugins and
 * not reached through a plugin).
 */
class PluginPomTest {
    private static final Set<String> PLUGIN_GROUPS = Set.of("org.jenkins-ci.plugins", "org.jenkins-ci.plugins.workflow",
            "io.jenkins.plugins");

    private final Path root = Path.of(System.getProperty("releaseledger.pluginDir", "../plugin")).getParent();

    private Element project;

    @BeforeEach
    void readThePom() throws Exception {
        project = read(root.resolve("plugin").resolve("pom.xml"));
    }

    @Test
    void shouldListExactlyTheBundledJarsInStrictBundledArtifacts() {
        assertThat(text(child(project, "properties"), "hpi.strictBundledArtifacts")).isEqualTo("true");
        List<String> bundled = new ArrayList<>(new TreeSet<>(bundledArtifactIds()));

        assertThat(text(child(project, "properties"), "hpi.bundledArtifacts")).isEqualTo(String.join(",", bundled));
    }

    @Test
    void shouldBundleNoTransitiveJarOfABundledDependency() {
        // The check above sees direct dependencies only: a bundled jar must not pull others in behind it.
        for (Element dependency : dependencies()) {
            if (isBundled(dependency)) {
                assertThat(excludesEverything(dependency)).as("%s excludes *:*", text(dependency, "artifactId")).isTrue();
            }
        }
    }

    @Test
    void shouldTakeSnakeYamlEngineFromItsApiPluginAtTheEnginesVersion() throws Exception {
        assertThat(dependencies()).noneMatch(dependency -> "snakeyaml-engine".equals(text(dependency, "artifactId")));
        assertThat(dependencies()).anyMatch(dependency -> "io.jenkins.plugins".equals(text(dependency, "groupId"))
                && "snakeyaml-engine-api".equals(text(dependency, "artifactId")) && scope(dependency).equals("compile"));
        // The BOM's snakeyaml-engine-api 3.1.1-12.v4320c7d6f89c carries snakeyaml-engine 3.1.1 (its ${revision}).
        assertThat(snakeYamlEngineVersion(read(root.resolve("engine").resolve("pom.xml")))).isEqualTo("3.1.1");
        assertThat(snakeYamlEngineVersion(read(root.resolve("plugin-offline").resolve("pom.xml")))).isEqualTo("3.1.1");
    }

    @Test
    void shouldDependOnTheMailerPluginOptionally() {
        // Without <optional>, Jenkins would refuse to load the plugin where Mailer is not installed.
        assertThat(dependencies()).anyMatch(dependency -> "org.jenkins-ci.plugins".equals(text(dependency, "groupId"))
                && "mailer".equals(text(dependency, "artifactId")) && "true".equals(text(dependency, "optional"))
                && scope(dependency).equals("compile"));
    }

    @Test
    void shouldCarryWhatTheHostingChecksAsk() throws Exception {
        String artifactId = text(project, "artifactId");
        assertThat(artifactId).isEqualTo(artifactId.toLowerCase(java.util.Locale.ROOT)).doesNotContainIgnoringCase("jenkins")
                .doesNotContainIgnoringCase("plugin").hasSizeLessThan(37);
        assertThat(text(project, "groupId")).isEqualTo("io.jenkins.plugins");
        assertThat(text(project, "name")).doesNotContainIgnoringCase("jenkins");
        assertThat(text(project, "url")).isEqualTo("https://github.com/jenkinsci/${project.artifactId}-plugin");
        assertThat(text(child(project, "properties"), "gitHubRepo")).isEqualTo("jenkinsci/${project.artifactId}-plugin");
        assertThat(text(child(child(project, "licenses"), "license"), "name")).isEqualTo("MIT License");
        Element scm = child(project, "scm");
        assertThat(text(scm, "connection")).startsWith("scm:git:https://");
        assertThat(text(scm, "url")).isNotBlank();
        assertThat(project.getElementsByTagName("developers").getLength()).isZero();
        assertThat(root.resolve("LICENSE")).content().startsWith("MIT License");
    }

    @Test
    void shouldBuildThePluginFromTheRootJenkinsfileWithBuildPluginAlone() throws Exception {
        // The hosting checker parses the root Jenkinsfile: one buildPlugin(...) call with configurations of
        // platform and an integer jdk (21 or 25), nothing else; buildPlugin runs `mvn clean install` at the root.
        String jenkinsfile = code(Files.readString(root.resolve("Jenkinsfile")));
        assertThat(jenkinsfile.strip()).startsWith("buildPlugin(").endsWith(")");
        assertThat(Pattern.compile("\\b[a-zA-Z]+\\s*\\(").matcher(jenkinsfile).results().map(match -> match.group().strip()))
                .containsExactly("buildPlugin(");
        assertThat(jenkinsfile).contains("configurations:").contains("platform: 'linux'").containsPattern("jdk: (21|25)\\b")
                .doesNotContain("sudo");
        // buildPlugin passes no -P: the aggregator adds the plugin module in any build inside Jenkins.
        Element profile = children(child(read(root.resolve("pom.xml")), "profiles"), "profile").stream()
                .filter(candidate -> "jenkins".equals(text(candidate, "id"))).findFirst().orElseThrow();
        assertThat(text(child(child(profile, "activation"), "property"), "name")).isEqualTo("env.JENKINS_URL");
        assertThat(text(child(profile, "modules"), "module")).isEqualTo("plugin");
    }

    /** The Jenkinsfile without its comments. */
    private static String code(final String groovy) {
        return groovy.lines().map(line -> line.replaceAll("\\s*//.*$", "")).filter(line -> !line.isBlank())
                .collect(Collectors.joining("\n"));
    }

    private List<String> bundledArtifactIds() {
        List<String> bundled = new ArrayList<>();
        for (Element dependency : dependencies()) {
            if (isBundled(dependency)) {
                bundled.add(text(dependency, "artifactId"));
            }
        }
        return bundled;
    }

    /** maven-hpi: runtime scope (compile or runtime), not optional, jar type, and not a plugin. */
    private static boolean isBundled(final Element dependency) {
        String scope = scope(dependency);
        boolean runtime = scope.equals("compile") || scope.equals("runtime");
        boolean jar = text(dependency, "type") == null || "jar".equals(text(dependency, "type"));
        return runtime && jar && !"true".equals(text(dependency, "optional")) && !isPlugin(dependency);
    }

    /** A dependency of a plugin group is a plugin, except this project's own jars (release-ledger-…). */
    private static boolean isPlugin(final Element dependency) {
        return PLUGIN_GROUPS.contains(text(dependency, "groupId")) && !text(dependency, "artifactId").startsWith("release-ledger-");
    }

    private static String scope(final Element dependency) {
        String scope = text(dependency, "scope");
        return scope == null ? "compile" : scope;
    }

    private static boolean excludesEverything(final Element dependency) {
        Element exclusions = child(dependency, "exclusions");
        if (exclusions == null) {
            return false;
        }
        for (Element exclusion : children(exclusions, "exclusion")) {
            if ("*".equals(text(exclusion, "groupId")) && "*".equals(text(exclusion, "artifactId"))) {
                return true;
            }
        }
        return false;
    }

    private List<Element> dependencies() {
        return children(child(project, "dependencies"), "dependency");
    }

    private static String snakeYamlEngineVersion(final Element pom) {
        for (Element dependency : children(child(pom, "dependencies"), "dependency")) {
            if ("snakeyaml-engine".equals(text(dependency, "artifactId"))) {
                return text(dependency, "version");
            }
        }
        return null;
    }

    private static Element read(final Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static Element child(final Element parent, final String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(final Element parent, final String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(final Element parent, final String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().strip();
    }
}
