package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Every field of the policy's configuration has a form field and a help file (the form binds by field name). */
class PolicyFormsTest {
    private static final Path RESOURCES = Path.of(System.getProperty("releaseledger.pluginDir"), "src", "main",
            "resources", "io", "jenkins", "plugins", "releaseledger");

    @Test
    void shouldHaveAFormFieldAndHelpForEveryParameter() throws Exception {
        for (Class<?> type : List.of(ReleaseLedgerConfiguration.class, ApplicationPolicy.class,
                ProtectedEnvironment.class, ReleaseLedgerFolderProperty.class)) {
            Path folder = RESOURCES.resolve(type.getSimpleName());
            String form = Files.readString(folder.resolve("config.jelly"));
            for (String parameter : parameters(type)) {
                assertThat(form).as("%s/config.jelly", type.getSimpleName()).contains("field=\"" + parameter + "\"");
                assertThat(folder.resolve("help-" + parameter + ".html")).as("help of %s.%s", type.getSimpleName(),
                        parameter).isRegularFile();
            }
        }
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
}
