package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.agent.SecretMask;
import io.releaseledger.notify.Notifier;
import io.releaseledger.report.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Mailer plugin is an optional dependency: where it is not installed, its classes and Jakarta Mail are not
 * visible to the plugin's class loader. Loading (and so verifying) the notification classes must still work; only
 * {@link MailerTransport} may need them.
 */
class MailerOptionalTest {
    /** Loads the plugin's own classes itself (child first) and cannot see the Mailer plugin or Jakarta Mail. */
    private static final class WithoutMailer extends ClassLoader {
        WithoutMailer() {
            super(MailerOptionalTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("jakarta.mail.") || name.startsWith("jenkins.plugins.mailer.")
                    || name.startsWith("hudson.tasks.Mailer")) {
                throw new ClassNotFoundException(name + " (no Mailer plugin here)");
            }
            if (!name.startsWith(ReleaseLedgerNotifications.class.getPackageName() + ".")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = define(name);
                }
                return loaded;
            }
        }

        private Class<?> define(final String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }

    /** How the Mailer plugin's and Jakarta Mail's types are named inside a class file. */
    private static final List<String> MAILER_NAMES = List.of("jakarta/mail/", "jenkins/plugins/mailer/",
            "hudson/tasks/Mailer");

    @Test
    void shouldLoadTheNotificationsAndWarnWithoutTheMailerPlugin() throws Exception {
        WithoutMailer loader = new WithoutMailer();
        Class<?> notifications = Class.forName(ReleaseLedgerNotifications.class.getName(), true, loader);
        Class<?> rule = Class.forName(NotificationMail.class.getName(), true, loader);
        Object mail = rule.getConstructor(String.class).newInstance("ops@example.com");
        Method mailNotifier = notifications.getDeclaredMethod("mailNotifier", List.class, int.class, Messages.class,
                SecretMask.class, Function.class);
        mailNotifier.setAccessible(true);
        Messages messages = new Messages();

        Object notifier = mailNotifier.invoke(null, List.of(mail), 15, messages, new SecretMask(List.of()), null);

        assertThat(notifier).isSameAs(Notifier.NONE);
        assertThat(messages.getAll()).singleElement().asString().contains("Mailer plugin is not installed");
        // the loader does hide the Mailer: the one class that names it cannot be loaded
        assertThatThrownBy(() -> Class.forName(MailerTransport.class.getName(), true, loader))
                .isInstanceOf(NoClassDefFoundError.class);
    }

    /**
     * Any other class naming a Mailer or Jakarta Mail type in a signature, a field or a call could fail to load, or
     * fail Jenkins' reflection over it, where the Mailer plugin is not installed.
     */
    @Test
    void shouldNameMailerTypesInMailerTransportOnly() throws Exception {
        List<String> naming = new ArrayList<>();
        for (Path file : pluginClassFiles()) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (MAILER_NAMES.stream().anyMatch(text::contains)) {
                naming.add(file.getFileName().toString());
            }
        }

        assertThat(naming).containsExactlyInAnyOrder("MailerTransport.class", "MailerTransport$MessageFactory.class");
    }

    /**
     * Jenkins reflects over classes before it runs them: {@code ExtensionFinder.GuiceFinder} resolves every
     * {@code @Extension} class (declared constructors, methods and fields, generic supertypes, up the superclass
     * chain) and a {@code LinkageError} drops the extension; Stapler, XStream and JCasC read public methods and
     * fields. So every class but {@link MailerTransport} must survive that reflection without the Mailer plugin.
     */
    @Test
    void shouldReflectOverEveryOtherClassWithoutTheMailerPlugin() throws Exception {
        WithoutMailer loader = new WithoutMailer();
        List<String> reflected = new ArrayList<>();
        for (Path file : pluginClassFiles()) {
            String simpleName = file.getFileName().toString().replace(".class", "");
            if (simpleName.startsWith("MailerTransport") || simpleName.equals("package-info")) {
                continue;
            }
            String name = ReleaseLedgerNotifications.class.getPackageName() + "." + simpleName;
            for (Class<?> type = Class.forName(name, false, loader); type != null && type != Object.class;
                    type = type.getSuperclass()) {
                type.getGenericSuperclass();
                type.getGenericInterfaces();
                type.getDeclaredConstructors();
                type.getDeclaredMethods();
                type.getDeclaredFields();
                type.getMethods();
                type.getFields();
            }
            reflected.add(simpleName);
        }

        assertThat(reflected).contains("ReleaseLedgerNotifications", "NotificationMail",
                "NotificationMail$DescriptorImpl", "JenkinsFacade");
    }

    /** The plugin's compiled classes (not the tests'), as the plugin's class loader would find them. */
    private static List<Path> pluginClassFiles() throws URISyntaxException, IOException {
        Path classes = Path.of(ReleaseLedgerNotifications.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Path folder = classes.resolve(ReleaseLedgerNotifications.class.getPackageName().replace('.', '/'));
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> classFiles = files.filter(path -> path.toString().endsWith(".class")).sorted().toList();
            assertThat(classFiles).as("classes in %s", folder).hasSizeGreaterThan(50);
            return classFiles;
        }
    }
}
