package io.jenkins.plugins.releaseledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's install on a local directory with the semantics of the real {@code FilePath} (jenkins-2.541.3):
 * {@code createTempFile} is {@code File.createTempFile}, {@code renameTo} is {@code Files.move} without
 * {@code REPLACE_EXISTING}, {@code delete} of a missing file does nothing.
 */
class AgentJarInstallTest {
    private static final String NAME = "release-ledger-cli-0123abcd.jar";
    private static final byte[] JAR = new byte[256 * 1024];

    static {
        Arrays.fill(JAR, (byte) 7);
    }

    @TempDir
    Path directory;

    private final AtomicInteger copies = new AtomicInteger();

    @Test
    void shouldCopyOnceAndReuseTheWholeCopy() throws Exception {
        assertThat(AgentJarInstall.install(local(), NAME, JAR.length)).isTrue();
        assertThat(AgentJarInstall.install(local(), NAME, JAR.length)).isFalse();

        assertThat(copies).hasValue(1);
        assertThat(directory.resolve(NAME)).hasBinaryContent(JAR);
        assertThat(names()).containsExactly(NAME);
    }

    @Test
    void shouldReplaceABrokenCopy() throws Exception {
        Files.write(directory.resolve(NAME), new byte[10]);

        assertThat(AgentJarInstall.install(local(), NAME, JAR.length)).isTrue();

        assertThat(directory.resolve(NAME)).hasBinaryContent(JAR);
        assertThat(names()).containsExactly(NAME);
    }

    @Test
    void shouldLeaveOneWholeJarWhenBuildsInstallAtOnce() throws Exception {
        int builds = 8;
        ExecutorService pool = Executors.newFixedThreadPool(builds);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> installs = new ArrayList<>();
        try {
            for (int i = 0; i < builds; i++) {
                installs.add(pool.submit(() -> {
                    start.await();
                    AgentJarInstall.install(local(), NAME, JAR.length);
                    // every build may start the jar as soon as its install returns
                    return Arrays.equals(Files.readAllBytes(directory.resolve(NAME)), JAR);
                }));
            }
            start.countDown();
            for (Future<Boolean> install : installs) {
                assertThat(install.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(names()).containsExactly(NAME);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }

    private AgentJarInstall.Directory local() {
        return new AgentJarInstall.Directory() {
            @Override
            public boolean exists(final String name) {
                return Files.exists(directory.resolve(name));
            }

            @Override
            public long length(final String name) throws IOException {
                return Files.size(directory.resolve(name));
            }

            @Override
            public String createTempFile(final String prefix, final String suffix) throws IOException {
                return File.createTempFile(prefix, suffix, directory.toFile()).getName();
            }

            @Override
            public void copyJarTo(final String name) throws IOException {
                copies.incrementAndGet();
                try (var out = Files.newOutputStream(directory.resolve(name))) {
                    for (int offset = 0; offset < JAR.length; offset += 4096) {
                        out.write(JAR, offset, 4096); // in pieces, as a copy over remoting arrives
                    }
                }
            }

            @Override
            public void rename(final String from, final String to) throws IOException {
                Files.move(directory.resolve(from), directory.resolve(to), LinkOption.NOFOLLOW_LINKS);
            }

            @Override
            public void delete(final String name) throws IOException {
                Files.deleteIfExists(directory.resolve(name));
            }

            @Override
            public String read(final String name, final int limit) {
                throw new UnsupportedOperationException("the install reads no file");
            }
        };
    }
}
