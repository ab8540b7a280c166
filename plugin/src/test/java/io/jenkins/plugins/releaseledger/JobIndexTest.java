package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobIndexTest {
    @TempDir
    Path root;

    @Test
    void shouldStartEmptyWithoutAFile() throws Exception {
        JobIndex index = JobIndex.load(root.resolve("release-ledger").resolve(JobIndex.FILE_NAME));

        assertThat(index.applicationsOf("shop/main")).isEmpty();
        assertThat(root.resolve("release-ledger")).doesNotExist();
    }

    @Test
    void shouldPersistEachNewApplicationInTheOrderJobsTouchedThem() throws Exception {
        Path file = root.resolve("release-ledger").resolve(JobIndex.FILE_NAME);
        JobIndex index = JobIndex.load(file);

        index.add("shop/main", "shop");
        index.add("shop/main", "shop-api");
        index.add("shop/main", "shop");
        index.add("billing", "billing");

        assertThat(index.applicationsOf("shop/main")).containsExactly("shop", "shop-api");
        JobIndex reloaded = JobIndex.load(file);
        assertThat(reloaded.applicationsOf("shop/main")).containsExactly("shop", "shop-api");
        assertThat(reloaded.applicationsOf("billing")).containsExactly("billing");
        assertThat(reloaded.applicationsOf("other")).isEmpty();
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temporary files left behind
        }
    }

    @Test
    void shouldNotRewriteTheFileForAKnownApplication() throws Exception {
        Path file = root.resolve(JobIndex.FILE_NAME);
        JobIndex index = JobIndex.load(file);
        index.add("shop/main", "shop");
        Files.writeString(file, "{\"format\": 1, \"jobs\": {\"marker\": [\"x\"]}}");

        index.add("shop/main", "shop");

        assertThat(Files.readString(file)).contains("marker");
    }

    @Test
    void shouldReturnCopiesThatCallersCannotChange() throws Exception {
        JobIndex index = JobIndex.load(root.resolve(JobIndex.FILE_NAME));
        index.add("job", "a");

        assertThat(index.applicationsOf("job")).isUnmodifiable();
    }

    @Test
    void shouldSetAnUnreadableFileAsideAndStartEmpty() throws Exception {
        Path file = root.resolve(JobIndex.FILE_NAME);
        Files.writeString(file, "{\"jobs\": [");

        JobIndex index = JobIndex.load(file);

        assertThat(index.applicationsOf("shop/main")).isEmpty();
        assertThat(file).doesNotExist();
        try (Stream<Path> files = Files.list(root)) {
            assertThat(files).singleElement().satisfies(aside -> {
                assertThat(aside.getFileName().toString()).startsWith("jobs.json.unreadable-");
                assertThat(Files.readString(aside)).isEqualTo("{\"jobs\": [");
            });
        }
        index.add("shop/main", "shop");
        assertThat(JobIndex.load(file).applicationsOf("shop/main")).containsExactly("shop");
    }
}
