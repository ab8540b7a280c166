package io.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every engine package says in one line what it is for (docs/architecture.md lists the same packages). */
class PackageInfoTest {
    @Test
    void shouldDescribeEveryPackageInAPackageInfo() throws Exception {
        Path sources = Path.of("src/main/java");
        List<Path> packages;
        try (Stream<Path> files = Files.walk(sources)) {
            packages = files.filter(file -> file.toString().endsWith(".java")).map(Path::getParent).distinct().toList();
        }
        assertThat(packages).hasSizeGreaterThan(10)
                .allSatisfy(dir -> assertThat(dir.resolve("package-info.java")).as(sources.relativize(dir).toString()).exists());
    }

    @Test
    void shouldNameEveryPackageInTheArchitectureDocument() throws Exception {
        String architecture = Files.readString(Path.of("../docs/architecture.md"));
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> names = files.filter(file -> file.getFileName().toString().equals("package-info.java"))
                    .map(file -> sources.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), "."))
                    .toList();
            assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(architecture).as(name).contains(name));
        }
    }
}
