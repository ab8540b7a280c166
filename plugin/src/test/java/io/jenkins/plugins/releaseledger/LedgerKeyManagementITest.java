package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.releaseledger.deploy.MarkBadCommand;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Manage Jenkins » Release Ledger key as Jenkins serves it: administrators only, POST with the CSRF crumb; a rotation
 * re-seals the next event with a new {@code HMACConfidentialKey}; a lost key only with the confirmation. Written, not
 * run here (no Jenkins Maven repository).
 */
@WithJenkins
class LedgerKeyManagementITest {
    private JenkinsRule r;
    private WorkflowJob job;

    @BeforeEach
    void setUp(final JenkinsRule rule) throws Exception {
        r = rule;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        job = r.createProject(WorkflowJob.class, "shop");
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().toEveryone()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        MarkBadCommand.mark(ReleaseLedgers.get().ledger(job, "shop"), "1.4.0", "checkout broken").call();
    }

    private WebRequest post(final String action, final NameValuePair... parameters) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), "release-ledger-key/" + action), HttpMethod.POST);
        request.setRequestParameters(List.of(parameters));
        return request;
    }

    private Path generations() {
        return r.jenkins.getRootDir().toPath().resolve("secrets").resolve(LedgerKeyGenerations.FILE);
    }

    @Test
    void shouldRefuseOtherUsersAGetAndAPostWithoutCrumb() throws Exception {
        JenkinsRule.WebClient bob = r.createWebClient().withJavaScriptEnabled(false).withThrowExceptionOnFailingStatusCode(false);
        bob.login("bob");
        JenkinsRule.WebClient admin = r.createWebClient().withJavaScriptEnabled(false).withThrowExceptionOnFailingStatusCode(false);
        admin.login("admin");

        Page asBob = bob.getPage(bob.addCrumb(post("rotate")));
        Page page = bob.goTo("release-ledger-key/", "text/html");
        Page withoutCrumb = admin.getPage(post("rotate"));
        Page get = admin.getPage(new WebRequest(new URL(r.getURL(), "release-ledger-key/rotate"), HttpMethod.GET));

        assertThat(asBob.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(withoutCrumb.getWebResponse().getStatusCode()).isEqualTo(403);
        // @POST skips the web method for other verbs and Stapler finds no other route (stapler 2050.v425108fd5089 verb/POST.java, HttpVerbInterceptor).
        assertThat(get.getWebResponse().getStatusCode()).isEqualTo(404);
        assertThat(generations()).doesNotExist();
    }

    @Test
    void shouldRotateTheControllersKeyAndSealTheNextEventWithIt() throws Exception {
        JenkinsRule.WebClient admin = r.createWebClient().withJavaScriptEnabled(false);
        admin.login("admin");
        String before = admin.goTo("release-ledger-key/", "text/html").getWebResponse().getContentAsString();

        Page after = admin.getPage(admin.addCrumb(post("rotate")));
        MarkBadCommand.mark(ReleaseLedgers.get().ledger(job, "shop"), "1.5.0", "totals wrong").call();

        String page = after.getWebResponse().getContentAsString();
        assertThat(page).contains("generation 2");
        assertThat(before).contains("generation 1");
        String journal = Files.readString(r.jenkins.getRootDir().toPath().resolve(ReleaseLedgers.DIRECTORY)
                .resolve("shop").resolve("events.jsonl"));
        assertThat(journal).contains("\"type\":\"ledger.key-rotated\"");
        assertThat(ReleaseLedgers.get().verify(job, "shop").isAuthenticated()).isTrue();
    }

    @Test
    void shouldDeclareAKeyLostOnlyWithTheConfirmation() throws Exception {
        JenkinsRule.WebClient admin = r.createWebClient().withJavaScriptEnabled(false).withThrowExceptionOnFailingStatusCode(false);
        admin.login("admin");

        Page unconfirmed = admin.getPage(admin.addCrumb(post("declareLost",
                new NameValuePair("keyId", "0123456789abcdef"))));
        Page confirmed = admin.getPage(admin.addCrumb(post("declareLost",
                new NameValuePair("keyId", "0123456789abcdef"), new NameValuePair("confirm", "true"))));

        assertThat(unconfirmed.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(confirmed.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(confirmed.getWebResponse().getContentAsString()).contains("0123456789abcdef");
        assertThat(Files.readString(generations())).contains("lost 0123456789abcdef");
    }
}
