package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseledger.agent.SecretMask;
import io.releaseledger.notify.Notifier;
import io.releaseledger.report.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;
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
}
