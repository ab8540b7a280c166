package io.releaseledger.testing.fakes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The fakes stand in for the engine's ports and nothing else, and their package says what it is for. */
class FakesArchitectureTest {
    private static final JavaClasses FAKES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.releaseledger.testing.fakes");

    @Test
    void shouldUseOnlyThePortsTheyFake() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.releaseledger.deploy..",
                        "io.releaseledger.rollout..", "io.releaseledger.ledger..", "io.releaseledger.docker.javaclient..",
                        "io.releaseledger.loadbalancer.haproxy..", "hudson..", "jenkins..")
                .because("a fake replaces a port; the code under test is what uses it")
                .check(FAKES);
    }

    @Test
    void shouldDescribeEveryPackageInAPackageInfo() throws Exception {
        Path sources = Path.of("src/main/java");
        List<Path> packages;
        try (Stream<Path> files = Files.walk(sources)) {
            packages = files.filter(file -> file.toString().endsWith(".java")).map(Path::getParent).distinct().toList();
        }
        assertThat(packages).isNotEmpty()
                .allSatisfy(dir -> assertThat(dir.resolve("package-info.java")).as(sources.relativize(dir).toString()).exists());
    }

    @Test
    void shouldBeNamedInTheArchitectureDocument() throws Exception {
        assertThat(Files.readString(Path.of("../../docs/architecture.md"))).contains("io.releaseledger.testing.fakes");
    }
}
