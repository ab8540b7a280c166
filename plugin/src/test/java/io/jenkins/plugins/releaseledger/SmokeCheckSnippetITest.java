package io.jenkins.plugins.releaseledger;

import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** smokeCheck: the snippet generator writes what the step reads back, and omits the defaults (null/false). */
@WithJenkins
class SmokeCheckSnippetITest {
    @Test
    void shouldRoundTripTheEnvironmentOnly(final JenkinsRule r) throws Exception {
        new SnippetizerTester(r).assertRoundTrip(new SmokeCheckStep("staging"), "smokeCheck 'staging'");
    }

    @Test
    void shouldRoundTripEveryParameter(final JenkinsRule r) throws Exception {
        SmokeCheckStep step = new SmokeCheckStep("production");
        step.setDescriptorFile("deploy/shop.yaml");
        step.setFailFast(true);
        step.setJunitFile("reports/smoke.xml");
        step.setLockTimeout("30s");
        step.setRegistryCredentialsId("registry");
        step.setRollbackOnFailure(true);
        step.setVersion("1.4.0");

        new SnippetizerTester(r).assertRoundTrip(step, "smokeCheck descriptorFile: 'deploy/shop.yaml', "
                + "environment: 'production', failFast: true, junitFile: 'reports/smoke.xml', lockTimeout: '30s', "
                + "registryCredentialsId: 'registry', rollbackOnFailure: true, version: '1.4.0'");
    }

    @Test
    void shouldRoundTripFailFastFalseAsGiven(final JenkinsRule r) throws Exception {
        SmokeCheckStep step = new SmokeCheckStep("staging");
        step.setFailFast(false);
        new SnippetizerTester(r).assertRoundTrip(step, "smokeCheck environment: 'staging', failFast: false");
    }

    @Test
    void shouldDescribeEveryParameterForTheDocumentation(final JenkinsRule r) throws Exception {
        SnippetizerTester.assertDocGeneration(SmokeCheckStep.class);
    }
}
