package io.releaseledger.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Secret files are read up to a limit: a wrong path costs a clear error, not the memory. */
class SecretFileTest {
    @TempDir
    Path directory;

    @Test
    void shouldReadUpToTheLimitAndRefuseOneByteMore() throws IOException {
        Path exact = Files.writeString(directory.resolve("exact"), "k".repeat(SecretFile.MAX_BYTES));
        Path over = Files.writeString(directory.resolve("over"), "k".repeat(SecretFile.MAX_BYTES + 1));

        assertThat(SecretFile.read(exact, SecretFile.MAX_BYTES)).hasSize(SecretFile.MAX_BYTES);
        assertThatThrownBy(() -> SecretFile.read(over, SecretFile.MAX_BYTES))
                .isInstanceOf(SecretFile.TooLargeException.class).hasMessage(over + " holds more than 64 KiB");
    }

    @Test
    void shouldRefuseTextThatIsNotUtf8() throws IOException {
        Path binary = Files.write(directory.resolve("binary"), new byte[] {(byte) 0xC3, (byte) 0x28});

        assertThatThrownBy(() -> SecretFile.read(binary, SecretFile.MAX_BYTES))
                .isInstanceOf(IOException.class).hasMessage(binary + " is not UTF-8 text");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldRefuseAnSshKeyFileThatNeverEnds() throws IOException {
        Path huge = directory.resolve("huge");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(4L << 30); // sparse
        }
        for (String keyFile : new String[] {"/dev/zero", huge.toString()}) {
            assertThatThrownBy(() -> AgentEnvironment.gitCredentials(Map.of(AgentEnvironment.GIT_SSH_KEY_FILE, keyFile)))
                    .isInstanceOf(AgentProtocolException.class)
                    .hasMessage("the SSH key file " + keyFile + " (RELEASE_LEDGER_GIT_SSH_KEY_FILE) is larger than"
                            + " 64 KiB, more than any SSH key; check the path");
        }
    }
}
