package io.releaseledger.rollout;

import io.releaseledger.ReleaseLedgerException;
import io.releaseledger.deploy.SmokeCheckExecutor;
import io.releaseledger.deploy.SmokeOutcome;
import io.releaseledger.deploy.SmokeRequest;
import io.releaseledger.descriptor.DockerHostSpec;
import io.releaseledger.descriptor.EnvironmentSpec;
import io.releaseledger.descriptor.HealthCheckSpec;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.descriptor.SmokeChecksSpec;
import io.releaseledger.docker.ContainerEngine;
import io.releaseledger.health.CheckFactory;
import io.releaseledger.health.SecretResolver;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.report.Counted;
import io.releaseledger.report.Messages;
import io.releaseledger.smoke.SmokeCheckRun;
import io.releaseledger.smoke.SmokeChecks;
import io.releaseledger.smoke.SmokeReport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs an environment's {@code smokeChecks} in this process: the CLI uses it directly, the agent for the
 * {@code smoke.run} operation the Jenkins controller sends. The checks reach the environment's instances (each host's
 * address with each instance's port); the {@code container} check reads every host of the environment, connected as
 * the deploy connects ({@link EnvironmentTargets}, or the targets given); for a swarm environment it reads the
 * containers of the service's current tasks ({@link SwarmTaskContainers}).
 *
 * <pre>{@code
 * SmokeOutcome outcome = new LocalSmokeCheckExecutor(descriptor).setMessages(messages)
 *         .run(new SmokeRequest("staging").setVersion("1.5.0").setDigest(digest));
 * }</pre>
 */
public final class LocalSmokeCheckExecutor implements SmokeCheckExecutor {
    private final ReleaseDescriptor descriptor;
    private SecretResolver secrets;
    private Map<String, String> environmentVariables = System.getenv();
    private Messages messages = new Messages();
    private Path workspace = Path.of(".");
    private DeployTargets targets;
    private RegistryClient registry;

    public LocalSmokeCheckExecutor(final ReleaseDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    /** Resolves the checks' secret references; default: {@link SecretResolver#fromEnvironment} of the variables. */
    public LocalSmokeCheckExecutor setSecrets(final SecretResolver secrets) {
        this.secrets = secrets;
        return this;
    }

    /** The variables {@code {env: VAR}} secrets are read from by default (default: this process's environment). */
    public LocalSmokeCheckExecutor setEnvironmentVariables(final Map<String, String> environmentVariables) {
        this.environmentVariables = Map.copyOf(environmentVariables);
        return this;
    }

    public LocalSmokeCheckExecutor setMessages(final Messages messages) {
        this.messages = Objects.requireNonNull(messages, "messages");
        return this;
    }

    /**
     * The directory of the build (the descriptor's directory for the CLI, the workspace on the agent). Kept for the
     * front ends; the checks' relative paths resolve against the process's working directory.
     */
    public LocalSmokeCheckExecutor setWorkspace(final Path workspace) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        return this;
    }

    public Path getWorkspace() {
        return workspace;
    }

    /**
     * The connections to the environment's Docker hosts for the {@code container} check (the agent's have the TLS
     * files of Jenkins credentials); default: what the descriptor names, opened for the run and closed after it.
     */
    public LocalSmokeCheckExecutor setTargets(final DeployTargets targets) {
        this.targets = targets;
        return this;
    }

    /** The image registry, for the drift check's registry tag; default none (the tag is then not read). */
    public LocalSmokeCheckExecutor setRegistry(final RegistryClient registry) {
        this.registry = registry;
        return this;
    }

    @Override
    public SmokeOutcome run(final SmokeRequest request) {
        EnvironmentSpec environment = descriptor.getEnvironment(request.getEnvironment()).orElseThrow(() ->
                new ReleaseLedgerException("The descriptor " + descriptor.getSource() + " has no environment '"
                        + request.getEnvironment() + "'."));
        SmokeChecksSpec spec = environment.getSmokeChecks();
        if (spec == null || spec.getChecks().isEmpty()) {
            throw new ReleaseLedgerException("Environment " + environment.getName() + " declares no smokeChecks in "
                    + descriptor.getSource() + "; there is nothing to run.");
        }
        CheckFactory factory = new CheckFactory(secrets != null ? secrets
                : SecretResolver.fromEnvironment(environmentVariables)).setEnvironment(environment.getName())
                .setExpectedDigest(request.getDigest());
        boolean drift = has(spec, HealthCheckSpec.Type.DRIFT);
        if (drift && request.getDrift() == null) {
            throw new ReleaseLedgerException("The drift check of " + environment.getName() + " needs what the ledger "
                    + "records; run it with smoke-check (smokeCheck in Jenkins), which reads the ledger.");
        }
        DeployTargets own = null;
        DriftCheck driftCheck = null;
        try {
            if (has(spec, HealthCheckSpec.Type.CONTAINER) || drift) {
                DeployTargets hosts = targets;
                if (hosts == null) {
                    own = new EnvironmentTargets(environment);
                    hosts = own;
                }
                factory.setContainerHosts(engines(environment, hosts), labels(environment));
                if (environment.isSwarm()) {
                    // the service's tasks, not every container with the labels: Swarm keeps old tasks' containers
                    DeployTargets reach = hosts;
                    String manager = environment.getHosts().get(0).getName();
                    factory.setContainerFinder(new SwarmTaskContainers(() -> reach.swarm(manager),
                            environment.getSwarm().getService()));
                }
                if (drift) {
                    driftCheck = new DriftCheck(driftName(spec), new LocalDriftExecutor(descriptor, registry)
                            .setTargets(hosts), environment, request.getDrift());
                    factory.setDriftCheck(driftCheck);
                }
            }
            SmokeCheckRun run = SmokeChecks.from(spec, factory, SmokeChecks.targets(environment));
            if (request.getFailFast() != null) {
                run.setFailFast(request.getFailFast());
            }
            int checks = spec.getChecks().size();
            int results = run.size();
            // the report counts results ("2 of 3 passed"): say so when a check runs against several servers
            messages.info("Running %s against %s%s%s", Counted.of(checks, "smoke check"), environment.getName(),
                    request.getVersion() == null ? "" : " (" + request.getVersion() + ")",
                    results == checks ? "" : ": " + results + " runs in all, one per server for a check aimed at each server");
            SmokeOutcome outcome = outcomeOf(run.call(), request.getVersion(), environment.getName());
            if (driftCheck != null && driftCheck.getLastReport() != null) {
                outcome.setDrift(driftCheck.getLastReport().toJson());
            }
            return outcome;
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private static boolean has(final SmokeChecksSpec spec, final HealthCheckSpec.Type type) {
        return spec.getChecks().stream().anyMatch(check -> check.getType() == type);
    }

    private static String driftName(final SmokeChecksSpec spec) {
        return spec.getChecks().stream().filter(check -> check.getType() == HealthCheckSpec.Type.DRIFT)
                .map(check -> check.getOptions().getName()).filter(java.util.Objects::nonNull).findFirst()
                .orElse(DriftCheck.KIND);
    }

    private static Map<String, ContainerEngine> engines(final EnvironmentSpec environment, final DeployTargets hosts) {
        Map<String, ContainerEngine> engines = new LinkedHashMap<>();
        for (DockerHostSpec host : environment.getHosts()) {
            engines.put(host.getName(), hosts.engine(host.getName()));
        }
        return engines;
    }

    private Map<String, String> labels(final EnvironmentSpec environment) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.APPLICATION, descriptor.getApplication());
        labels.put(Labels.ENVIRONMENT, environment.getName());
        return labels;
    }

    /** The outcome of a report; the JUnit suite is named {@code smoke <environment>}. */
    static SmokeOutcome outcomeOf(final SmokeReport report, final String version, final String environment) {
        return new SmokeOutcome(report.isPassed(), report.toJson(version, null, environment), report.toTable(),
                report.toJUnitXml("smoke " + environment), report.summary());
    }
}
