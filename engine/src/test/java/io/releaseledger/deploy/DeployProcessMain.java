package io.releaseledger.deploy;

import io.releaseledger.descriptor.DescriptorLoader;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.report.Messages;
import io.releaseledger.rollout.DeploymentListener;
import io.releaseledger.rollout.LocalDeploymentExecutor;

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
        ReleaseDescriptor descriptor = DescriptorLoader.load(Path.of(args[1]));
        Messages messages = new Messages(message -> System.out.println(message.getText()));
        try (Ledger ledger = Ledger.open(Path.of(args[0]), TestApp.APPLICATION);
                LocalDeploymentExecutor executor = new LocalDeploymentExecutor(descriptor,
                        new RegistryClient("127.0.0.1:5000")).setMessages(messages).setStopTimeout(Duration.ofSeconds(1))
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
                    })) {
            new DeployCommand(descriptor, args[2], args[3], ledger, executor).setActor(DeployFixture.ALICE)
                    .setOrigin(DeployFixture.ORIGIN).setMessages(messages).setLockTimeout(Duration.ZERO).call();
        }
        System.exit(3);
    }
}
