package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the governance forms rely on in Jenkins 2.541.3: a plain {@code <form method="post">} gets the CSRF crumb from
 * the {@code FORM} behaviour of {@code hudson-behavior.js} ({@code crumb.appendToForm}), and {@code no-json} keeps that
 * behaviour from adding the structured {@code json} field; {@code <f:number>} takes only the attributes its tag file
 * declares.
 */
class GovernanceFormsTest {
    /** The attributes {@code core/src/main/resources/lib/form/number.jelly} declares at jenkins-2.541.3. */
    private static final Set<String> NUMBER_ATTRIBUTES = Set.of("field", "name", "value", "default", "min", "max",
            "clazz", "checkMessage", "checkUrl", "checkMethod");

    private static String resource(final String path) throws IOException {
        try (InputStream in = GovernanceFormsTest.class.getResourceAsStream("/io/jenkins/plugins/releaseledger/" + path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldPostTheApprovalFormsPlainlyWithTheCrumbAndPermissionGuard() throws IOException {
        String page = resource("ReleasesAction/page.jelly");
        String tag = page.substring(page.lastIndexOf("<form", page.indexOf("/approve\"")), page.indexOf("/approve\""));

        assertThat(tag).contains("method=\"post\"").contains("class=\"no-json rl-approval-form\"");
        assertThat(page).contains("formaction=\"${rootURL}/${action.job.url}releases/${selected.token}/reject\"");
        assertThat(page.indexOf("<j:if test=\"${selected.approveAllowed}\">")).isPositive()
                .isLessThan(page.indexOf("rl-approval-form"));
    }

    @Test
    void shouldUseOnlyTheAttributesOfTheNumberTag() throws IOException {
        String config = resource("ProtectedEnvironment/config.jelly");
        Matcher number = Pattern.compile("<f:number([^>]*)/>").matcher(config);

        assertThat(number.find()).isTrue();
        Matcher attribute = Pattern.compile("(\\w+)=\"").matcher(number.group(1));
        while (attribute.find()) {
            assertThat(NUMBER_ATTRIBUTES).contains(attribute.group(1));
        }
    }
}
