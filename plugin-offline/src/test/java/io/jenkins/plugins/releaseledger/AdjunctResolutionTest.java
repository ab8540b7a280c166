package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every {@code <st:adjunct includes="…"/>} of the plugin's views, resolved on the class path the way Stapler's
 * {@code Adjunct} does (stapler 2050.v425108fd5089, the version core 2.541.3 manages): {@code <name>.css},
 * {@code .js}, {@code .html} and {@code .jelly}, with dots turned into slashes. An {@code .html} resource is written
 * verbatim INSTEAD of the stylesheet and script tags, so an HTML page beside an adjunct's script silently replaces it.
 */
class AdjunctResolutionTest {
    private static final String STAPLER = "jelly:stapler";
    /** What Stapler finds in a .css or .js line: "// @include name" or "/* @include name". */
    private static final Pattern INCLUDE = Pattern.compile("/[/*]\\s*@include (\\S+)");
    /** What Stapler finds in an .html line: "<@include name>". */
    private static final Pattern HTML_INCLUDE = Pattern.compile("<@include (\\S+)>");

    private final Path resources = Path.of(System.getProperty("releaseledger.pluginDir", "../plugin"), "src", "main", "resources");

    @Test
    void shouldFindTheReleasesPageAdjunct() throws Exception {
        assertThat(adjunctsOfTheViews()).containsKey("io.releaseledger.page.releases");
    }

    @Test
    void shouldResolveEveryAdjunctToItsStylesheetAndScriptTags() throws Exception {
        for (Map.Entry<String, List<Path>> adjunct : adjunctsOfTheViews().entrySet()) {
            for (StaplerAdjunct resolved : resolveWithDependencies(adjunct.getKey())) {
                String where = resolved.name + " (named in " + adjunct.getValue() + ")";
                assertThat(resolved.found()).as("%s: neither .css, .js, .html nor .jelly on the class path: Stapler logs "
                        + "\"No such adjunct found\" and writes nothing", where).isNotEmpty();
                assertThat(resolved.html).as("%s: %s.html is written verbatim in place of the <link>/<script> of %s; move "
                        + "it out of the adjunct's name", where, resolved.slashedName, resolved.found()).isNull();
            }
        }
    }

    @Test
    void shouldWriteTheScriptAndStylesheetOfTheReleasesPage() throws Exception {
        StaplerAdjunct releases = StaplerAdjunct.resolve("io.releaseledger.page.releases", getClass().getClassLoader());

        assertThat(releases.written()).containsExactly(
                "<link rel='stylesheet' href='…/io/releaseledger/page/releases.css'>",
                "<script src='…/io/releaseledger/page/releases.js'>");
    }

    @Test
    void shouldNoticeAnHtmlResourceBesideAnAdjunctsScript() throws Exception {
        StaplerAdjunct colliding = StaplerAdjunct.resolve("io.jenkins.plugins.releaseledger.adjunct.colliding",
                getClass().getClassLoader());

        assertThat(colliding.found()).containsExactly(".js", ".html");
        assertThat(colliding.written()).singleElement().asString().contains("<!DOCTYPE html>").doesNotContain("<script src='…");
    }

    @Test
    void shouldNoticeAnAdjunctThatResolvesToNothing() throws Exception {
        StaplerAdjunct missing = StaplerAdjunct.resolve("io.jenkins.plugins.releaseledger.adjunct.missing",
                getClass().getClassLoader());

        assertThat(missing.found()).isEmpty();
        assertThat(missing.written()).isEmpty();
    }

    /** Adjunct name → the views naming it; {@code includes} is comma-separated, each name trimmed (AdjunctTag). */
    private Map<String, List<Path>> adjunctsOfTheViews() throws Exception {
        Map<String, List<Path>> adjuncts = new LinkedHashMap<>();
        List<Path> views;
        try (Stream<Path> files = Files.walk(resources)) {
            views = files.filter(path -> path.getFileName().toString().endsWith(".jelly")).sorted().toList();
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        for (Path view : views) {
            NodeList tags = factory.newDocumentBuilder().parse(view.toFile()).getElementsByTagNameNS(STAPLER, "adjunct");
            for (int i = 0; i < tags.getLength(); i++) {
                Element tag = (Element) tags.item(i);
                assertThat(tag.getAttribute("includes")).as("<st:adjunct> without includes in %s", view).isNotBlank();
                for (String name : tag.getAttribute("includes").split(",")) {
                    adjuncts.computeIfAbsent(name.trim(), key -> new ArrayList<>()).add(resources.relativize(view));
                }
            }
        }
        return adjuncts;
    }

    /** The adjunct and what it requires, as AdjunctsInPage.findNeeded walks them. */
    private List<StaplerAdjunct> resolveWithDependencies(final String name) throws IOException {
        List<StaplerAdjunct> needed = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> queue = new ArrayList<>(List.of(name));
        while (!queue.isEmpty()) {
            String next = queue.remove(0);
            if (seen.add(next)) {
                StaplerAdjunct adjunct = StaplerAdjunct.resolve(next, getClass().getClassLoader());
                needed.add(adjunct);
                queue.addAll(adjunct.required);
            }
        }
        return needed;
    }

    /** One adjunct as Stapler's Adjunct constructor finds it, and the tags its write method emits. */
    private static final class StaplerAdjunct {
        private final String name;
        private final String slashedName;
        private final List<String> required = new ArrayList<>();
        private boolean css;
        private boolean js;
        private String html;
        private boolean jelly;

        private StaplerAdjunct(final String name) {
            this.name = name;
            this.slashedName = name.replace('.', '/');
        }

        static StaplerAdjunct resolve(final String name, final ClassLoader classLoader) throws IOException {
            StaplerAdjunct adjunct = new StaplerAdjunct(name);
            // The order of Stapler: .css, .js, .html, then .jelly.
            adjunct.css = adjunct.scan(classLoader, ".css", INCLUDE) != null;
            adjunct.js = adjunct.scan(classLoader, ".js", INCLUDE) != null;
            adjunct.html = adjunct.scan(classLoader, ".html", HTML_INCLUDE);
            adjunct.jelly = classLoader.getResource(adjunct.slashedName + ".jelly") != null;
            return adjunct;
        }

        /** The resource's lines without its include lines (null when absent); notes what it includes. */
        private String scan(final ClassLoader classLoader, final String extension, final Pattern include) throws IOException {
            URL resource = classLoader.getResource(slashedName + extension);
            if (resource == null) {
                return null;
            }
            StringBuilder kept = new StringBuilder();
            try (InputStream in = resource.openStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n", -1)) {
                    Matcher matcher = include.matcher(line);
                    if (matcher.lookingAt()) {
                        required.add(matcher.group(1));
                    } else {
                        kept.append(line).append('\n');
                    }
                }
            }
            return kept.toString();
        }

        List<String> found() {
            List<String> found = new ArrayList<>();
            if (css) {
                found.add(".css");
            }
            if (js) {
                found.add(".js");
            }
            if (html != null) {
                found.add(".html");
            }
            if (jelly) {
                found.add(".jelly");
            }
            return found;
        }

        /** Adjunct.write: the HTML verbatim and nothing else; otherwise the Jelly's output, then link, then script. */
        List<String> written() {
            if (html != null) {
                return List.of(html);
            }
            List<String> written = new ArrayList<>();
            if (jelly) {
                written.add("(output of " + slashedName + ".jelly)");
            }
            if (css) {
                written.add("<link rel='stylesheet' href='…/" + slashedName + ".css'>");
            }
            if (js) {
                written.add("<script src='…/" + slashedName + ".js'>");
            }
            return written;
        }
    }
}
