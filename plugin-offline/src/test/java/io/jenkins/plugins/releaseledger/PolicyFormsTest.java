package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Every configuration form outside the steps (PluginMetadataTest has those) binds field by field: Stapler's
 * {@code bindJSON} and JCasC give a form field or a YAML key only to a {@code @DataBoundConstructor} parameter or a
 * {@code @DataBoundSetter} of the same name, and the form shows the saved value through the getter of that name.
 * A field without a parameter is dropped silently on save, a parameter without a field cannot be set in the form.
 */
class PolicyFormsTest {
    private static final Path RESOURCES = Path.of(System.getProperty("releaseledger.pluginDir"), "src", "main",
            "resources", "io", "jenkins", "plugins", "releaseledger");
    private static final Pattern FIELD = Pattern.compile("\\sfield=\"([^\"]+)\"");

    @Test
    void shouldFindTheConfigurationForms() throws Exception {
        assertThat(forms()).extracting(Class::getSimpleName).contains("ReleaseLedgerConfiguration", "ApplicationPolicy",
                "ProtectedEnvironment", "ReleaseLedgerFolderProperty", "FreezeWindowSetting",
                "ReleaseLedgerNotifications", "NotificationWebhook", "NotificationMail");
    }

    @Test
    void shouldHaveAFormFieldForEveryParameterAndAParameterForEveryFormField() throws Exception {
        for (Class<?> type : forms()) {
            assertThat(fields(type)).as("fields of %s/config.jelly", type.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(parameters(type));
        }
    }

    @Test
    void shouldHaveAGetterAndHelpForEveryParameter() throws Exception {
        for (Class<?> type : forms()) {
            Path folder = RESOURCES.resolve(type.getSimpleName());
            for (String parameter : parameters(type)) {
                assertThat(getter(type, parameter)).as("public getter of %s.%s", type.getSimpleName(), parameter)
                        .isNotNull();
                assertThat(folder.resolve("help-" + parameter + ".html")).as("help of %s.%s", type.getSimpleName(),
                        parameter).isRegularFile();
            }
        }
    }

    /** The classes with a config.jelly of their own, steps left out. */
    private static List<Class<?>> forms() throws Exception {
        List<Class<?>> forms = new ArrayList<>();
        try (Stream<Path> folders = Files.list(RESOURCES)) {
            for (Path folder : folders.filter(path -> Files.isRegularFile(path.resolve("config.jelly"))).sorted()
                    .toList()) {
                Class<?> type = Class.forName(PolicyFormsTest.class.getPackageName() + "." + folder.getFileName());
                if (!Step.class.isAssignableFrom(type)) {
                    forms.add(type);
                }
            }
        }
        return forms;
    }

    private static Set<String> fields(final Class<?> type) throws Exception {
        Set<String> fields = new TreeSet<>();
        Matcher matcher = FIELD.matcher(Files.readString(RESOURCES.resolve(type.getSimpleName()).resolve("config.jelly")));
        while (matcher.find()) {
            fields.add(matcher.group(1));
        }
        return fields;
    }

    private static Set<String> parameters(final Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter parameter : constructor.getParameters()) {
                    names.add(parameter.getName());
                }
            }
        }
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                String name = method.getName().substring(3);
                names.add(Character.toLowerCase(name.charAt(0)) + name.substring(1));
            }
        }
        assertThat(names).as("parameters of %s", type.getSimpleName()).isNotEmpty();
        return names;
    }

    private static Method getter(final Class<?> type, final String parameter) {
        String property = Character.toUpperCase(parameter.charAt(0)) + parameter.substring(1);
        for (String name : List.of("get" + property, "is" + property)) {
            try {
                return type.getMethod(name);
            } catch (NoSuchMethodException e) {
                // try the other prefix
            }
        }
        return null;
    }
}
