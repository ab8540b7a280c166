package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The mail JCasC example of docs/governance.md binds to the notifications' symbol, parameters and setters. */
class MailDocumentationTest {
    private static final Path DOC = Path.of(System.getProperty("releaseledger.pluginDir"), "..", "docs",
            "governance.md");

    @Test
    void shouldBindTheMailExampleAsConfigurationAsCodeWould() throws Exception {
        Matcher yaml = Pattern.compile("```yaml\\n(unclassified:.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        assertThat(yaml.find()).as("a JCasC example in " + DOC).isTrue();
        Map<String, Object> unclassified = PolicyDocumentationTest.map(PolicyDocumentationTest
                .map(new Load(LoadSettings.builder().build()).loadFromString(yaml.group(1))).get("unclassified"));
        String symbol = PolicyDocumentationTest.symbol(ReleaseLedgerNotifications.class);

        assertThat(unclassified).containsKey(symbol);
        assertThat(PolicyDocumentationTest.bind(ReleaseLedgerNotifications.class,
                PolicyDocumentationTest.map(unclassified.get(symbol)), symbol))
                .contains(symbol + ".timeoutSeconds", symbol + ".mails[0].recipients", symbol + ".mails[0].events",
                        symbol + ".mails[1].environments");
        assertThat(PolicyDocumentationTest.symbol(NotificationMail.DescriptorImpl.class)).isEqualTo("mail");
    }
}
