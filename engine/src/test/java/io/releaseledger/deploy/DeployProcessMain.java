package io.releaseledger.deploy;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.report.Messages;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A deploy in its own process, for the test that kills it with SIGKILL: deploys {@code version} to
 * {@code environment} and, when the server of instance {@code pauseAt} has been taken out of the load balancer,
 * prints {@code MID-CYCLE} and waits (at most a minute) to be killed.
 *
 * <p>Arguments: ledger root, descriptor file, environment, version, pauseAt.
 */
public final class DeployProcessMain {
    private DeployProcessMain() {
    }

    public static void main(final String[] args) throws Exception {
        int pauseAt = Integer.parseInt(args[4]);
        try (Ledger ledger = Ledger.open(Path.of(args[0]), TestApp.APPLICATION)) {
            new DeployCommand(DescriptorLoader.load(Path.of(args[1])), args[2], args[3], ledger,
                    new RegistryClient("127.0.0.1:5000")).setActor(DeployFixture.ALICE).setOrigin(DeployFixture.ORIGIN)
                    .setMessages(new Messages(message -> System.out.println(message.getText())))
                    .setStopTimeout(Duration.ofSeconds(1)).setLockTimeout(Duration.ZERO)
                    .setListener(new DeploymentListener() {
                        @Override
                        public void serverOut(final PlannedInstance instance) {
                            if (instance.getIndex() == pauseAt) {
                                System.out.println("MID-CYCLE");
                                System.out.flush();
                                try {
                                    Thread.sleep(60_000);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        }
                    }).call();
        }
        System.exit(3);
    }
}
