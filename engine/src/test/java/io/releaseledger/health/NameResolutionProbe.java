package io.releaseledger.health;

import java.time.Duration;

/**
 * Runs one http check in a JVM whose name resolution is a hosts file ({@code -Djdk.net.hosts.file}), so a name
 * that is not in it fails to resolve without a DNS query leaving the machine. Prints {@code passed|detail}.
 */
public final class NameResolutionProbe {
    private NameResolutionProbe() {
    }

    public static void main(final String[] args) {
        CheckResult result = new HttpCheck(args[0]).setExpectedStatus(200).setTimeout(Duration.ofSeconds(5))
                .run(new CheckTarget("127.0.0.1", 0, null, null));
        System.out.println(result.isPassed() + "|" + result.getDetail());
    }
}
