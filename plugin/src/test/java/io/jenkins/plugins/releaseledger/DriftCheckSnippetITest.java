package io.jenkins.plugins.releaseledger;

import java.util.List;

import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** driftCheck: the snippet generator writes what the step reads back, and leaves out what is not set. */
@WithJenkins
class DriftCheckSnippetITest {
    @Test
    void shouldRoundTripTheEnvironmentOnly(final JenkinsRule r) throws Exception {
        new SnippetizerTester(r).assertRoundTrip(new DriftCheckStep("production"), "driftCheck 'production'");
    }

    @Test
    void shouldRoundTripEveryParameter(final JenkinsRule r) throws Exception {
        DriftCheckStep step = new DriftCheckStep("production");
        step.setDescriptorFile("deploy/shop.yaml");
        step.setOnDrift("unstable");
        step.setOverrides(List.of("environments.production.instances=3"));
        step.setRegistryCredentialsId("registry");

        new SnippetizerTester(r).assertRoundTrip(step, "driftCheck descriptorFile: 'deploy/shop.yaml', "
                + "environment: 'production', onDrift: 'unstable', "
                + "overrides: ['environments.production.instances=3'], registryCredentialsId: 'registry'");
    }

    @Test
    void shouldDescribeEveryParameterForTheDocumentation(final JenkinsRule r) throws Exception {
        SnippetizerTester.assertDocGeneration(DriftCheckStep.class);
    }
}
