package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.security.ACL;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Jenkins' access-modifier checker cannot see a {@code @Restricted} compile-time constant: javac copies its value into
 * the caller, so no reference is left in the bytecode ({@code ACL.SYSTEM_USERNAME} in issue 9, item 13). This reads the
 * stand-in for such constants (it carries {@code @Restricted} where Jenkins does) and searches the plugin's sources for
 * them; {@link PluginArchitectureTest} checks every other restricted member in the bytecode.
 */
class RestrictedApiTest {
    @TempDir
    Path temp;

    @Test
    void shouldFindTheRestrictedConstantsOfTheStandIn() throws Exception {
        assertThat(restrictedConstants()).extracting(Field::getName).contains("SYSTEM_USERNAME");
    }

    @Test
    void shouldNotUseARestrictedConstantInThePluginSources() throws Exception {
        Path sources = Path.of(System.getProperty("releaseledger.pluginDir"), "src", "main", "java");

        assertThat(uses(sources, restrictedConstants())).isEmpty();
    }

    @Test
    void shouldCatchTheUseThatIssue9Found() throws Exception {
        Files.writeString(temp.resolve("DeployIdentity.java"),
                "if (authentication == ACL.SYSTEM2 || ACL.SYSTEM_USERNAME.equals(authentication.getName())) {");
        Files.writeString(temp.resolve("Static.java"), "import static hudson.security.ACL.SYSTEM_USERNAME;");

        assertThat(uses(temp, restrictedConstants())).hasSize(2);
    }

    /** Static final String or primitive fields of the stand-in annotated {@code @Restricted(NoExternalUse.class)}. */
    private static List<Field> restrictedConstants() throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(ACL.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            classNames(location, names);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                classNames(jar.getPath("/"), names);
            }
        }
        List<Field> constants = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                    RestrictedApiTest.class.getClassLoader());
            for (Field field : type.getDeclaredFields()) {
                Restricted restricted = field.getAnnotation(Restricted.class);
                int modifiers = field.getModifiers();
                if (restricted != null && List.of(restricted.value()).contains(NoExternalUse.class)
                        && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
                        && (field.getType().isPrimitive() || field.getType() == String.class)) {
                    constants.add(field);
                }
            }
        }
        return constants;
    }

    private static void classNames(final Path classes, final List<String> names) throws IOException {
        try (Stream<Path> walk = Files.walk(classes)) {
            walk.filter(file -> file.toString().endsWith(".class")).forEach(file -> names.add(
                    classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")));
        }
    }

    private static List<String> uses(final Path sources, final List<Field> constants) throws IOException {
        List<String> uses = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            for (Field constant : constants) {
                String owner = constant.getDeclaringClass().getSimpleName();
                Pattern qualified = Pattern.compile("\\b" + Pattern.quote(owner) + "\\s*\\.\\s*" + constant.getName() + "\\b");
                Pattern imported = Pattern.compile("import\\s+static\\s+" + Pattern.quote(constant.getDeclaringClass()
                        .getName()) + "\\.(" + constant.getName() + "|\\*)\\s*;");
                if (qualified.matcher(text).find() || imported.matcher(text).find()) {
                    uses.add(file.getFileName() + ": " + owner + "." + constant.getName());
                }
            }
        }
        return uses;
    }
}
