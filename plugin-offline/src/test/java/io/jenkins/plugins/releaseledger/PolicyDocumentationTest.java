package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The JCasC example of docs/jenkins.md binds as Configuration as Code binds it: through the {@code @Symbol}, the
 * {@code @DataBoundConstructor} parameters and the {@code @DataBoundSetter}s, with the types they declare.
 */
class PolicyDocumentationTest {
    private static final Path DOC = Path.of(System.getProperty("releaseledger.pluginDir"), "..", "docs", "jenkins.md");

    @Test
    void shouldNameTheGlobalConfigurationByItsSymbol() throws Exception {
        Map<String, Object> unclassified = map(example().get("unclassified"));

        assertThat(unclassified.keySet()).containsExactly(symbol(ReleaseLedgerConfiguration.class));
    }

    @Test
    void shouldUseOnlyParametersThePluginDeclares() throws Exception {
        Map<String, Object> configuration = map(map(example().get("unclassified")).get("releaseLedger"));

        assertThat(bind(ReleaseLedgerConfiguration.class, configuration, "releaseLedger"))
                .contains("releaseLedger.applications[0].protectedEnvironments[0].deployers",
                        "releaseLedger.applications[0].protectedEnvironments[0].requiredApprovals",
                        "releaseLedger.applications[0].protectedEnvironments[0].freezeWindows[1].cron",
                        "releaseLedger.applications[1].owners", "releaseLedger.allowChangeRequests");
    }

    @Test
    void shouldNameTheFolderPropertyByItsSymbolAndParameter() throws Exception {
        String text = Files.readString(DOC);
        Constructor<?> constructor = dataBoundConstructor(ReleaseLedgerFolderProperty.class);

        assertThat(text).contains("`" + symbol(ReleaseLedgerFolderProperty.DescriptorImpl.class) + "`")
                .contains("the one parameter `" + constructor.getParameters()[0].getName() + "`");
        assertThat(constructor.getParameterCount()).isOne();
    }

    /** The keys bound, as paths; fails on a key that is neither a constructor parameter nor a setter. */
    static List<String> bind(final Class<?> type, final Map<String, Object> values, final String path) {
        Map<String, Type> parameters = new LinkedHashMap<>();
        Constructor<?> constructor = dataBoundConstructor(type);
        for (Parameter parameter : constructor.getParameters()) {
            parameters.put(parameter.getName(), parameter.getParameterizedType());
            assertThat(values).as("%s: the required %s", path, parameter.getName()).containsKey(parameter.getName());
        }
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                String name = method.getName().substring(3);
                parameters.put(Character.toLowerCase(name.charAt(0)) + name.substring(1),
                        method.getGenericParameterTypes()[0]);
            }
        }
        List<String> bound = new java.util.ArrayList<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String at = path + "." + key;
            assertThat(parameters).as("%s: a parameter of %s", at, type.getSimpleName()).containsKey(key);
            Type declared = parameters.get(key);
            bound.add(at);
            if (declared == boolean.class) {
                assertThat(entry.getValue()).as(at).isInstanceOf(Boolean.class);
            } else if (declared == int.class) {
                assertThat(entry.getValue()).as(at).isInstanceOf(Integer.class);
            } else if (declared == String.class) {
                assertThat(entry.getValue()).as(at).isInstanceOf(String.class);
            } else if (declared instanceof ParameterizedType list && list.getRawType() == List.class) {
                Class<?> element = (Class<?>) list.getActualTypeArguments()[0];
                List<?> items = (List<?>) entry.getValue();
                for (int i = 0; i < items.size(); i++) {
                    bound.addAll(bind(element, map(items.get(i)), at + "[" + i + "]"));
                }
            } else {
                throw new AssertionError(at + ": no check for the type " + declared);
            }
        }
        return bound;
    }

    private static Constructor<?> dataBoundConstructor(final Class<?> type) {
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class) || constructor.getParameterCount() == 0
                    && type.getConstructors().length == 1) {
                return constructor;
            }
        }
        throw new AssertionError(type + " has no @DataBoundConstructor");
    }

    static String symbol(final Class<?> type) {
        return type.getAnnotation(Symbol.class).value()[0];
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(final Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> example() throws Exception {
        Matcher yaml = Pattern.compile("```yaml\\n(unclassified:.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        assertThat(yaml.find()).as("a JCasC example in " + DOC).isTrue();
        return map(new Load(LoadSettings.builder().build()).loadFromString(yaml.group(1)));
    }
}
