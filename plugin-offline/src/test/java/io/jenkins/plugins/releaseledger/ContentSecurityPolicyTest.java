package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * Jenkins 2.541.3 sends a Content-Security-Policy whose script-src is 'self' 'report-sample' (report-only until an
 * administrator enforces it): no inline script, no event handler attribute, no javascript: URL, no code from strings.
 * Inline styles are allowed there ('unsafe-inline' in style-src) and are not checked.
 */
class ContentSecurityPolicyTest {
    private static final Path RESOURCES = Path.of(System.getProperty("releaseledger.pluginDir", "../plugin"), "src",
            "main", "resources");
    private static final String PAGE_SCRIPT = "io/releaseledger/page/releases.js";

    /** What would run script from markup or a string, or write markup that could carry a handler. */
    private static final List<Pattern> CODE_FROM_TEXT = List.of(Pattern.compile("\\beval\\s*\\("),
            Pattern.compile("\\bnew\\s+Function\\s*\\("), Pattern.compile("\\bset(Timeout|Interval)\\s*\\(\\s*['\"`]"),
            Pattern.compile("\\.(innerHTML|outerHTML)\\b"), Pattern.compile("\\binsertAdjacentHTML\\b"),
            Pattern.compile("\\bdocument\\.write"), Pattern.compile("setAttribute\\s*\\(\\s*['\"`]on", Pattern.CASE_INSENSITIVE),
            Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE));

    @Test
    void shouldHaveNoScriptElementHandlerOrScriptUrlInAnyPageOrHelp() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(RESOURCES)) {
            walk.filter(path -> path.toString().endsWith(".jelly") || path.toString().endsWith(".html")).sorted()
                    .forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(20);
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            found.addAll(inlineScript(file));
        }

        assertThat(found).isEmpty();
    }

    @Test
    void shouldFindAHandlerAttributeWhereThereIsOne() throws Exception {
        Path page = Files.createTempFile("page", ".jelly");
        try {
            Files.writeString(page, "<j:jelly xmlns:j='jelly:core'><div><button onClick='go()'/>"
                    + "<a href='JavaScript:go()'/><script src='x.js'/></div></j:jelly>");

            assertThat(inlineScript(page)).hasSize(3);
        } finally {
            Files.delete(page);
        }
    }

    @Test
    void shouldRunThePagesScriptWithoutCodeFromText() throws IOException {
        String script = withoutComments(pageScript());

        assertThat(script).contains("addEventListener(");
        for (Pattern pattern : CODE_FROM_TEXT) {
            assertThat(pattern.matcher(script).find()).as("%s in %s", pattern, PAGE_SCRIPT).isFalse();
        }
    }

    @Test
    void shouldFindCodeFromTextWhereThereIsSome() {
        String script = withoutComments("// javascript: in a comment is fine\n"
                + "/* so is eval( here */ node.innerHTML = '<b onclick=x()>';");

        assertThat(CODE_FROM_TEXT.stream().filter(pattern -> pattern.matcher(script).find())).hasSize(1);
    }

    /** Script elements, on* attributes and javascript: URLs, each as "file: what". */
    private static List<String> inlineScript(final Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList elements = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagNameNS("*", "*");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            if (element.getLocalName().equalsIgnoreCase("script")) {
                found.add(file.getFileName() + ": <script>");
            }
            NamedNodeMap attributes = element.getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Attr attribute = (Attr) attributes.item(a);
                String name = attribute.getName().toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) {
                    found.add(file.getFileName() + ": " + name);
                } else if (attribute.getValue().strip().toLowerCase(Locale.ROOT).startsWith("javascript:")) {
                    found.add(file.getFileName() + ": " + name + "=javascript:");
                }
            }
        }
        return found;
    }

    /** The page's script as the adjunct serves it: from the engine jar on the plugin's class path. */
    private static String pageScript() throws IOException {
        try (InputStream in = ContentSecurityPolicyTest.class.getClassLoader().getResourceAsStream(PAGE_SCRIPT)) {
            assertThat(in).as(PAGE_SCRIPT).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Block comments and line comments (a // after a space or at a line's start; not the one in a URL). */
    private static String withoutComments(final String script) {
        return script.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)(^|\\s)//.*$", "$1");
    }
}
