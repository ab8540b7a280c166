package io.releaseledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Docker images for tests, built locally: there is no Docker Hub to pull from.
 *
 * <p>{@link #BUSYBOX_HTTPD} is busybox-static imported as a one-layer image: {@code /bin} holds busybox and a
 * link per applet ({@code sh}, {@code httpd}, {@code wget}, {@code nc}, …), {@code PATH=/bin}, and
 * {@code /www/index.html}. Its default command is {@code httpd -f -v -p 127.0.0.1:8080 -h /www}; run it with
 * {@code --network host} and pass your own port. {@code scripts/test-services.sh start} builds it;
 * {@link #busyboxHttpd()} builds it too when it is missing.
 */
public final class TestImages {
    /** Name of the busybox image: env {@code RELEASE_LEDGER_TEST_IMAGE}, default {@code release-ledger-test/busybox-httpd:1}. */
    public static final String BUSYBOX_HTTPD = imageName();

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private TestImages() {
    }

    /**
     * Returns {@link #BUSYBOX_HTTPD}, importing it into the engine first if it is not there (needs the
     * {@code docker} CLI, {@code tar} and a static {@code /bin/busybox}, package busybox-static).
     */
    public static synchronized String busyboxHttpd() {
        if (Exec.run(null, TIMEOUT, List.of("docker", "image", "inspect", BUSYBOX_HTTPD)).exitCode == 0) {
            return BUSYBOX_HTTPD;
        }
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException("image " + BUSYBOX_HTTPD + " is missing and cannot be built without "
                    + busybox + " (package busybox-static). Get both with: " + Component.HOW_TO_GET);
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("release-ledger-image");
            Path rootfs = work.resolve("rootfs");
            for (String dir : List.of("bin", "etc", "tmp", "www")) {
                Files.createDirectories(rootfs.resolve(dir));
            }
            Files.copy(busybox, rootfs.resolve("bin/busybox"));
            rootfs.resolve("bin/busybox").toFile().setExecutable(true, false);
            for (String applet : Exec.check(null, TIMEOUT, List.of(busybox.toString(), "--list")).split("\\s+")) {
                if (!applet.isBlank() && !applet.equals("busybox")) {
                    Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
                }
            }
            Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/:/bin/sh\n");
            Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\n");
            Files.writeString(rootfs.resolve("www/index.html"), "release-ledger test image\n");
            Path tar = work.resolve("rootfs.tar");
            Exec.check(null, TIMEOUT, List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."));
            List<String> command = new ArrayList<>(List.of("docker", "import",
                    "-c", "ENV PATH=/bin", "-c", "WORKDIR /",
                    "-c", "LABEL io.releaseledger.test-image=busybox-httpd",
                    "-c", "CMD [\"httpd\", \"-f\", \"-v\", \"-p\", \"127.0.0.1:8080\", \"-h\", \"/www\"]"));
            command.add(tar.toString());
            command.add(BUSYBOX_HTTPD);
            Exec.check(null, TIMEOUT, command);
            return BUSYBOX_HTTPD;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + BUSYBOX_HTTPD, e);
        } finally {
            deleteRecursively(work);
        }
    }

    private static String imageName() {
        String name = System.getenv("RELEASE_LEDGER_TEST_IMAGE");
        return name == null || name.isBlank() ? "release-ledger-test/busybox-httpd:1" : name.trim();
    }

    private static void deleteRecursively(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
