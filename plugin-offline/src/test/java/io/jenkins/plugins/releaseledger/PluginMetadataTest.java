package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the snippet generator, the form binding and the help buttons rely on, checked without Jenkins: every
 * step parameter has a getter of the same name and type, a help file and a form field, and every page parses.
 */
class PluginMetadataTest {
    private static final String PACKAGE = "io/jenkins/plugins/releaseledger";

    private final Path resources = Path.of(System.getProperty("releaseledger.pluginDir", "../plugin"), "src", "main", "resources");

    @Test
    void shouldFindTheSteps() throws Exception {
        assertThat(stepClasses()).extracting(Class::getSimpleName).contains("SemverTagStep", "DeployStageStep",
                "PromoteStep", "RollbackStep", "SmokeCheckStep", "AwaitApprovalStep");
    }

    @Test
    void shouldHaveAGetterForEveryParameter() throws Exception {
        for (Class<?> step : stepClasses()) {
            for (Map.Entry<String, Type> parameter : parameters(step).entrySet()) {
                Method getter = getter(step, parameter.getKey());
                assertThat(getter).as("%s: public getter for parameter '%s'", step.getSimpleName(), parameter.getKey())
                        .isNotNull();
                assertThat(getter.getGenericReturnType()).as("%s.%s()", step.getSimpleName(), getter.getName())
                        .isEqualTo(parameter.getValue());
            }
        }
    }

    @Test
    void shouldHaveHelpAndAFormFieldForEveryParameter() throws Exception {
        for (Class<?> step : stepClasses()) {
            Path folder = resourceFolder(step);
            Set<String> parameters = parameters(step).keySet();
            assertThat(helpUrl(step, "help.html")).as("help of %s", step.getSimpleName()).isNotNull();
            assertThat(folder.resolve("config.jelly")).as("form of %s", step.getSimpleName()).isRegularFile();
            for (String parameter : parameters) {
                assertThat(helpUrl(step, "help-" + parameter + ".html")).as("help of parameter %s of %s", parameter,
                        step.getSimpleName()).isNotNull();
            }
            assertThat(formFields(folder.resolve("config.jelly")))
                    .as("fields of %s/config.jelly", step.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(parameters);
        }
    }

    @Test
    void shouldHaveAParameterForEveryHelpFile() throws Exception {
        for (Class<?> step : stepClasses()) {
            for (Class<?> type = step; type != Step.class; type = type.getSuperclass()) {
                Path folder = resourceFolder(type);
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                Set<String> helpFiles = new TreeSet<>();
                try (Stream<Path> files = Files.list(folder)) {
                    files.map(path -> path.getFileName().toString())
                            .filter(name -> name.startsWith("help-") && name.endsWith(".html"))
                            .forEach(name -> helpFiles.add(name.substring("help-".length(), name.length() - ".html".length())));
                }
                assertThat(helpFiles).as("help files of %s without a parameter of it", type.getSimpleName())
                        .isSubsetOf(parameters(type).keySet());
            }
        }
    }

    @Test
    void shouldResolveHelpAlongTheSuperclassChainAsDescriptorDoes() throws Exception {
        assertThat(helpUrl(DeployStageStep.class, "help-lockTimeout.html")).asString()
                .endsWith("/io/jenkins/plugins/releaseledger/ReleaseStep/help-lockTimeout.html");
        assertThat(helpUrl(SmokeCheckStep.class, "help-descriptorFile.html")).asString()
                .endsWith("/io/jenkins/plugins/releaseledger/ReleaseStep/help-descriptorFile.html");
        assertThat(helpUrl(DeployStageStep.class, "help-releaseBranch.html")).asString()
                .endsWith("/io/jenkins/plugins/releaseledger/DeployStageStep/help-releaseBranch.html");
        assertThat(helpUrl(DeployStageStep.class, "help-junitFile.html")).as("a field of another step").isNull();
        assertThat(helpUrl(ReleaseStep.class, "help-releaseBranch.html")).as("never down the hierarchy").isNull();
    }

    @Test
    void shouldKeepOneCopyOfEachHelpText() throws Exception {
        Map<String, List<Path>> byText = new java.util.TreeMap<>();
        for (Path help : files(resources, ".html")) {
            byText.computeIfAbsent(Files.readString(help).strip(), text -> new ArrayList<>()).add(resources.relativize(help));
        }
        assertThat(byText.values()).as("the same help in several folders: keep it once, in the common superclass's")
                .allSatisfy(copies -> assertThat(copies).hasSize(1));
    }

    @Test
    void shouldFillEverySelectFromItsDescriptor() throws Exception {
        for (Class<?> step : stepClasses()) {
            Class<?> descriptor = Class.forName(step.getName() + "$DescriptorImpl", false, step.getClassLoader());
            NodeList elements = parse(resourceFolder(step).resolve("config.jelly")).getElementsByTagNameNS("*", "*");
            for (int i = 0; i < elements.getLength(); i++) {
                Element entry = (Element) elements.item(i);
                if (!entry.hasAttribute("field") || entry.getElementsByTagNameNS("*", "select").getLength() == 0) {
                    continue;
                }
                String field = entry.getAttribute("field");
                String fill = "doFill" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "Items";
                assertThat(java.util.Arrays.stream(descriptor.getMethods()).map(Method::getName))
                        .as("%s: <f:select/> of %s needs %s", step.getSimpleName(), field, fill).contains(fill);
            }
        }
    }

    @Test
    void shouldTellHowToPublishTheSmokeCheckReport() throws Exception {
        Path folder = resources.resolve(PACKAGE).resolve("SmokeCheckStep");
        assertThat(Files.readString(folder.resolve("help-junitFile.html"))).contains("junit")
                .contains("release-ledger-smoke-");
        assertThat(Files.readString(folder.resolve("help.html"))).contains("on the agent").contains("chromedriver");
    }

    @Test
    void shouldHaveWellFormedJellyThatEscapesAndHasNoScript() throws Exception {
        List<Path> pages = files(resources, ".jelly");
        assertThat(pages).isNotEmpty();
        for (Path page : pages) {
            parse(page); // throws with the line number if not well-formed
            String text = Files.readString(page);
            assertThat(text).as(page.toString()).contains("<?jelly escape-by-default='true'?>");
            assertThat(text.toLowerCase(java.util.Locale.ROOT)).as("inline script in %s", page)
                    .doesNotContain("<script").doesNotContain(" onclick=").doesNotContain("javascript:");
        }
    }

    @Test
    void shouldHaveWellFormedHelpFiles() throws Exception {
        List<Path> helpFiles = files(resources, ".html");
        assertThat(helpFiles).isNotEmpty();
        for (Path help : helpFiles) {
            parse(help);
            assertThat(Files.readString(help).toLowerCase(java.util.Locale.ROOT)).as(help.toString()).doesNotContain("<script");
        }
    }

    private List<Class<?>> stepClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        URL root = getClass().getClassLoader().getResource(PACKAGE);
        assertThat(root).as("compiled plugin classes").isNotNull();
        List<Class<?>> steps = new ArrayList<>();
        // The package exists twice (main and test classes); the steps live in main.
        for (URL url : java.util.Collections.list(getClass().getClassLoader().getResources(PACKAGE))) {
            Path folder = Path.of(url.toURI());
            for (Path file : files(folder, ".class")) {
                String name = PACKAGE.replace('/', '.') + "." + folder.relativize(file).toString()
                        .replace(file.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (Step.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                    steps.add(type);
                }
            }
        }
        return steps;
    }

    /** The parameters as structs sees them: @DataBoundConstructor arguments, then @DataBoundSetter methods and fields. */
    private static Map<String, Type> parameters(final Class<?> step) {
        Map<String, Type> parameters = new LinkedHashMap<>();
        for (Constructor<?> constructor : step.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter parameter : constructor.getParameters()) {
                    assertThat(parameter.isNamePresent()).as("compile with -parameters").isTrue();
                    parameters.put(parameter.getName(), parameter.getParameterizedType());
                }
            }
        }
        for (Method method : step.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                assertThat(method.getName()).startsWith("set");
                assertThat(method.getParameterCount()).as(method.getName()).isEqualTo(1);
                parameters.put(decapitalize(method.getName().substring(3)), method.getGenericParameterTypes()[0]);
            }
        }
        for (Field field : step.getDeclaredFields()) {
            if (field.isAnnotationPresent(DataBoundSetter.class)) {
                parameters.put(field.getName(), field.getGenericType());
            }
        }
        assertThat(parameters).as("parameters of %s", step.getSimpleName()).isNotEmpty();
        return parameters;
    }

    private static Method getter(final Class<?> step, final String parameter) {
        String suffix = Character.toUpperCase(parameter.charAt(0)) + parameter.substring(1);
        for (String name : List.of("get" + suffix, "is" + suffix)) {
            try {
                Method method = step.getMethod(name);
                if (!name.startsWith("is") || method.getReturnType() == boolean.class) {
                    return method;
                }
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        return null;
    }

    /**
     * The help file Jenkins serves for a field: {@code Descriptor.getHelpFile(Klass, String)} (core tag jenkins-2.541.3)
     * tries {@code getStaticHelpUrl} on each of {@code Klass.java(clazz).getAncestors()}, that is the step class and
     * its superclasses, and stapler's {@code KlassNavigator.JAVA.getResource} (tag 2050.v425108fd5089) looks the name up
     * in the class's own resource folder through its class loader.
     */
    private static URL helpUrl(final Class<?> step, final String name) {
        for (Class<?> type = step; type != null; type = type.getSuperclass()) {
            ClassLoader loader = type.getClassLoader();
            URL url = loader == null ? null : loader.getResource(type.getName().replace('.', '/').replace('$', '/') + '/' + name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    private Path resourceFolder(final Class<?> step) {
        return resources.resolve(step.getName().replace('.', '/').replace('$', '/'));
    }

    private static Set<String> formFields(final Path configJelly) throws Exception {
        Set<String> fields = new HashSet<>();
        NodeList elements = parse(configJelly).getElementsByTagNameNS("*", "*");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            if (element.hasAttribute("field")) {
                assertThat(fields.add(element.getAttribute("field"))).as("field %s appears twice", element.getAttribute("field"))
                        .isTrue();
            }
        }
        return fields;
    }

    private static Document parse(final Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(file.toFile());
    }

    private static List<Path> files(final Path folder, final String extension) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(path -> path.getFileName().toString().endsWith(extension)).sorted().toList();
        }
    }

    private static String decapitalize(final String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
