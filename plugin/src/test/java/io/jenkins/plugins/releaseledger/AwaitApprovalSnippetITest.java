package io.jenkins.plugins.releaseledger;

import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** awaitApproval: the snippet generator writes the three required names and the digest only when it is given. */
@WithJenkins
class AwaitApprovalSnippetITest {
    @Test
    void shouldRoundTripTheRequiredParameters(final JenkinsRule r) throws Exception {
        new SnippetizerTester(r).assertRoundTrip(new AwaitApprovalStep("shop", "production", "1.4.0"),
                "awaitApproval application: 'shop', environment: 'production', version: '1.4.0'");
    }

    @Test
    void shouldRoundTripTheDigest(final JenkinsRule r) throws Exception {
        AwaitApprovalStep step = new AwaitApprovalStep("shop", "production", "1.4.0");
        step.setDigest("sha256:" + "ab".repeat(32));

        new SnippetizerTester(r).assertRoundTrip(step, "awaitApproval application: 'shop', digest: 'sha256:"
                + "ab".repeat(32) + "', environment: 'production', version: '1.4.0'");
    }

    @Test
    void shouldDescribeEveryParameterForTheDocumentation(final JenkinsRule r) throws Exception {
        SnippetizerTester.assertDocGeneration(AwaitApprovalStep.class);
    }
}
