package io.releaseledger.rollout;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.deploy.DriftExecutor;
import io.releaseledger.deploy.DriftExpectation;
import io.releaseledger.deploy.DriftObservation;
import io.releaseledger.deploy.ObservedContainer;
import io.releaseledger.deploy.ObservedServer;
import io.releaseledger.deploy.ObservedService;
import io.releaseledger.descriptor.DockerHostSpec;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.docker.ContainerState;
import io.releaseledger.docker.ContainerSummary;
import io.releaseledger.loadbalancer.LoadBalancer;
import io.releaseledger.loadbalancer.ServerState;
import io.releaseledger.registry.ImageNotFoundException;
import io.releaseledger.registry.ImageReference;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.swarm.SwarmEngine;
import io.releaseledger.swarm.SwarmService;
import io.releaseledger.swarm.SwarmTask;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Observes an environment in this process for a drift check: the containers carrying the environment's labels on
 * every host (for a swarm environment: its service and current tasks on the manager) (each inspected for the digest it runs; one created from a tag, its image too, for the manifest digests it
 * was pulled as), the servers of its load-balancer backend, and the digest of
 * its registry tag. The CLI uses it directly, the agent for the {@code drift.observe} operation. Reads only.
 *
 * <pre>{@code
 * DriftObservation seen = new LocalDriftExecutor(descriptor, registry).observe(expected);
 * }</pre>
 */
public final class LocalDriftExecutor implements DriftExecutor {
    private final ReleaseDescriptor descriptor;
    private final RegistryClient registry;
    private DeployTargets targets;

    /** @param registry the client of the image's registry; {@code null}: the registry tag is not read */
    public LocalDriftExecutor(final ReleaseDescriptor descriptor, final RegistryClient registry) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.registry = registry;
    }

    /** The connections to the hosts and the load balancer; default: what the descriptor names, closed after. */
    public LocalDriftExecutor setTargets(final DeployTargets targets) {
        this.targets = targets;
        return this;
    }

    @Override
    public DriftObservation observe(final DriftExpectation expected) {
        EnvironmentSpec environment = descriptor.getEnvironment(expected.getEnvironment()).orElseThrow(() ->
                new ReleaseLedgerException("The descriptor " + descriptor.getSource() + " has no environment '"
                        + expected.getEnvironment() + "'."));
        DriftObservation observation = new DriftObservation(environment.getName());
        DeployTargets own = targets == null ? new EnvironmentTargets(environment) : null;
        DeployTargets hosts = own != null ? own : targets;
        try {
            if (environment.isSwarm()) {
                service(hosts, environment, observation);
            } else {
                for (DockerHostSpec host : environment.getHosts()) {
                    containers(hosts, host, environment, observation);
                }
            }
            servers(hosts, environment, observation);
            registryTag(expected.getRegistryTag(), observation);
        } finally {
            if (own != null) {
                own.close();
            }
        }
        return observation;
    }

    private void containers(final DeployTargets hosts, final DockerHostSpec host, final EnvironmentSpec environment,
            final DriftObservation observation) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.APPLICATION, descriptor.getApplication());
        labels.put(Labels.ENVIRONMENT, environment.getName());
        try {
            ContainerEngine engine = hosts.engine(host.getName());
            for (ContainerSummary summary : engine.findByLabels(labels)) {
                ContainerState state = engine.inspect(summary.getId());
                String name = state.getName() != null ? state.getName() : summary.getName();
                ObservedContainer container = new ObservedContainer(host.getName(),
                        name == null ? summary.getId() : name, state.getImage(),
                        state.getImageDigest().orElse(state.getImageId()), state.isRunning(),
                        state.isRestarting() ? "restarting" : state.getStatus())
                        .setVersion(state.getLabels().get(Labels.VERSION))
                        .setDeployment(state.getLabels().get(Labels.DEPLOYMENT));
                if (state.getImageDigest().isEmpty() && state.getImageId() != null) {
                    // Created from a tag: only the image's RepoDigests say which manifest it came from.
                    container.setRepoDigests(engine.repoDigests(state.getImageId()));
                }
                observation.addContainer(container);
            }
        } catch (RuntimeException e) {
            observation.setHostError(host.getName(), e.getMessage());
        }
    }

    /**
     * A swarm environment: its service on the manager (the one host) and the task Swarm wants running in each slot.
     * The tasks' containers are not read by label: on a node they are named by Swarm, not as a host deploy names them.
     */
    private static void service(final DeployTargets hosts, final EnvironmentSpec environment,
            final DriftObservation observation) {
        String manager = environment.getHosts().get(0).getName();
        String name = environment.getSwarm().getService();
        try {
            SwarmEngine swarm = hosts.swarm(manager);
            Optional<SwarmService> found = swarm.inspect(name);
            if (found.isEmpty()) {
                observation.setService(new ObservedService(manager, name, false));
                return;
            }
            SwarmService service = found.get();
            ObservedService seen = new ObservedService(manager, name, true)
                    .setSpec(service.getImage(), service.getReplicas())
                    .setLabels(service.getLabels().get(Labels.VERSION), service.getLabels().get(Labels.DEPLOYMENT))
                    .setUpdate(service.getUpdateState() == SwarmService.UpdateState.NONE ? null
                            : service.getUpdateState().name().toLowerCase(Locale.ROOT), service.getUpdateMessage());
            for (SwarmTask task : currentTasks(swarm.tasks(service.getId()))) {
                String message = task.getMessage() == null || task.getMessage().isEmpty() ? "" : " (" + task.getMessage()
                        + ")";
                seen.addTask(new ObservedContainer(manager, name + "." + task.getSlot(), task.getImage(),
                        ObservedService.digestOf(task.getImage()), task.isRunning(), task.getState() + message)
                        .setVersion(service.getLabels().get(Labels.VERSION))
                        .setDeployment(service.getLabels().get(Labels.DEPLOYMENT)));
            }
            observation.setService(seen);
        } catch (RuntimeException e) {
            observation.setHostError(manager, e.getMessage());
        }
    }

    /**
     * The task of each slot that Swarm wants running (Swarm keeps the shut-down tasks of earlier updates too); of two
     * in one slot (an update starting the new one first), the running one.
     */
    private static Collection<SwarmTask> currentTasks(final List<SwarmTask> tasks) {
        Map<Integer, SwarmTask> bySlot = new TreeMap<>();
        for (SwarmTask task : tasks) {
            if (!"running".equals(task.getDesiredState())) {
                continue;
            }
            SwarmTask other = bySlot.get(task.getSlot());
            if (other == null || !other.isRunning() && task.isRunning()) {
                bySlot.put(task.getSlot(), task);
            }
        }
        return bySlot.values();
    }

    private static void servers(final DeployTargets hosts, final EnvironmentSpec environment,
            final DriftObservation observation) {
        if (environment.getLoadBalancer() == null) {
            return;
        }
        try {
            LoadBalancer lb = hosts.loadBalancer();
            for (ServerState server : lb.servers(environment.getLoadBalancer().getBackend())) {
                observation.addServer(new ObservedServer(server.getName(), server.getAdminState().name(),
                        server.getOperationalState().name()));
            }
        } catch (RuntimeException e) {
            observation.setLoadBalancerError(e.getMessage());
        }
    }

    private void registryTag(final String tag, final DriftObservation observation) {
        if (tag == null) {
            return;
        }
        if (registry == null) {
            observation.setRegistry(null, null, "no registry client was given");
            return;
        }
        String repository = ImageReference.parse(descriptor.getImage()).getRepository();
        try {
            observation.setRegistry(tag, registry.resolve(repository, tag).getDigest(), null);
        } catch (ImageNotFoundException e) {
            observation.setRegistry(tag, null, null);
        } catch (RuntimeException e) {
            observation.setRegistry(tag, null, e.getMessage());
        }
    }
}
