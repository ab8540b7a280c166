package io.releaseledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the engine free of Jenkins and its layers as drawn in docs/architecture.md. */
@AnalyzeClasses(packages = "io.releaseledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule NO_JENKINS_TYPES = noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..", "com.cloudbees..")
            .because("the engine runs outside Jenkins, in the CLI and on agents");

    @ArchTest
    static final ArchRule ONLY_THE_ADAPTER_SEES_JGIT = noClasses().that().resideOutsideOfPackage("io.releaseledger.git..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jgit..", "org.apache.sshd..")
            .because("JGit is translated once, at the port; the Jenkins controller never loads it");

    @ArchTest
    static final ArchRule VALUE_TYPES_STAND_ALONE = noClasses()
            .that().resideInAnyPackage("io.releaseledger.version..", "io.releaseledger.commits..",
                    "io.releaseledger.json..", "io.releaseledger.report..")
            .should().dependOnClassesThat().resideInAnyPackage("io.releaseledger.scm..", "io.releaseledger.semver..",
                    "io.releaseledger.git..", "io.releaseledger.agent..")
            .because("versions, commits, JSON and messages are the vocabulary every layer shares");

    @ArchTest
    static final ArchRule USE_CASES_USE_THE_PORT = noClasses().that().resideInAnyPackage("io.releaseledger.semver..",
                    "io.releaseledger.scm..", "io.releaseledger.agent..")
            .should().dependOnClassesThat().resideInAPackage("io.releaseledger.git..")
            .because("use cases and the agent protocol talk to git through the scm port only");
}
