package io.releaseledger.health;

import io.releaseledger.descriptor.BrowserCheckSpec;
import io.releaseledger.descriptor.CheckOptions;
import io.releaseledger.descriptor.CommandCheckSpec;
import io.releaseledger.descriptor.ContainerCheckSpec;
import io.releaseledger.descriptor.DeniesCheckSpec;
import io.releaseledger.descriptor.HealthCheckSpec;
import io.releaseledger.descriptor.HeartbeatCheckSpec;
import io.releaseledger.descriptor.HttpCheckSpec;
import io.releaseledger.descriptor.SecretReference;
import io.releaseledger.descriptor.SmokeChecksSpec;
import io.releaseledger.descriptor.TcpCheckSpec;
import io.releaseledger.docker.ContainerEngine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Builds checks from the descriptor's check specs. Secrets are resolved here, by the {@link SecretResolver}, and
 * every check masks its own. The container check needs either one engine (the health gate: the target's container)
 * or every host's engine and the environment's labels (a smoke run). The http checks of one factory share their
 * clients ({@link HttpClients}: a few per distinct timeout and TLS setting; the JDK {@code HttpClient} of an https
 * check built here, not inside the first attempt, and none for plain http).
 */
public final class CheckFactory {
    private final SecretResolver secrets;
    private UnaryOperator<String> fill = UnaryOperator.identity();
    private List<String> forbiddenStrings = SmokeChecksSpec.DEFAULT_FORBIDDEN_STRINGS;
    private ContainerEngine gateEngine;
    private Map<String, ContainerEngine> hosts = Map.of();
    private Map<String, String> labels = Map.of();
    private ContainerFinder containerFinder;
    private String expectedDigest;
    private HealthCheck driftCheck;
    private final List<String> secretValues = new ArrayList<>();
    private final HttpClients clients = new HttpClients();

    public CheckFactory(final SecretResolver secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    /** Fills {@code {environment}} in URLs, addresses and commands. */
    public CheckFactory setEnvironment(final String environment) {
        Objects.requireNonNull(environment, "environment");
        return setPlaceholders(text -> text.replace("{environment}", environment));
    }

    /** Fills the placeholders other than {@code {address}} and {@code {port}} (those come from the target). */
    public CheckFactory setPlaceholders(final UnaryOperator<String> fill) {
        this.fill = Objects.requireNonNull(fill, "fill");
        return this;
    }

    /** The forbidden strings of http bodies (default {@link SmokeChecksSpec#DEFAULT_FORBIDDEN_STRINGS}). */
    public CheckFactory setForbiddenStrings(final List<String> forbiddenStrings) {
        this.forbiddenStrings = List.copyOf(forbiddenStrings);
        return this;
    }

    /** The engine of the host whose container a health gate watches ({@link ContainerCheck}). */
    public CheckFactory setGateEngine(final ContainerEngine engine) {
        this.gateEngine = engine;
        return this;
    }

    /** Which containers the smoke run's container check reads on each host; default: those with the labels. */
    public CheckFactory setContainerFinder(final ContainerFinder containerFinder) {
        this.containerFinder = containerFinder;
        return this;
    }

    /** Every host of the environment and the labels of its containers, for the smoke run's container check. */
    public CheckFactory setContainerHosts(final Map<String, ContainerEngine> hosts, final Map<String, String> labels) {
        this.hosts = Map.copyOf(hosts);
        this.labels = Map.copyOf(labels);
        return this;
    }

    /** The digest the environment's containers must run, for the container check. */
    public CheckFactory setExpectedDigest(final String digest) {
        this.expectedDigest = digest;
        return this;
    }

    /**
     * The drift check of a smoke run: it compares the environment with the ledger, which only the smoke run's caller
     * knows, so the caller builds it.
     */
    public CheckFactory setDriftCheck(final HealthCheck driftCheck) {
        this.driftCheck = driftCheck;
        return this;
    }

    /** Every secret value resolved so far: a runner masks them in anything it writes. */
    public SecretMask getSecretMask() {
        return new SecretMask(secretValues);
    }

    /** The check of one spec. */
    public HealthCheck create(final HealthCheckSpec spec) {
        CheckOptions options = spec.getOptions();
        switch (spec.getType()) {
            case HTTP:
                return http((HttpCheckSpec) spec, options);
            case DENIES:
                DeniesCheckSpec denies = (DeniesCheckSpec) spec;
                return new DeniesCheck(fill.apply(denies.getUrl()))
                        .setName(name(options, "denies " + fill.apply(denies.getUrl())))
                        .setLoginPattern(Pattern.compile(denies.getLoginPattern())).setTimeout(options.getTimeout());
            case TCP:
                TcpCheckSpec tcp = (TcpCheckSpec) spec;
                // Without a name of its own the check names itself, with the address it checked.
                TcpCheck tcpCheck = new TcpCheck(fill.apply(tcp.getAddress())).setTimeout(options.getTimeout());
                return options.getName() == null ? tcpCheck : tcpCheck.setName(options.getName());
            case COMMAND:
                CommandCheckSpec command = (CommandCheckSpec) spec;
                List<String> arguments = new ArrayList<>();
                command.getCommand().forEach(argument -> arguments.add(fill.apply(argument)));
                CommandCheck check = new CommandCheck(arguments).setTimeout(options.getTimeout())
                        .setWarningFails(command.isWarningFails());
                return options.getName() == null ? check : check.setName(options.getName());
            case CONTAINER:
                return container((ContainerCheckSpec) spec, options);
            case HEARTBEAT:
                return heartbeat((HeartbeatCheckSpec) spec, options);
            case BROWSER:
                BrowserCheckSpec browser = (BrowserCheckSpec) spec;
                return new BrowserCheck(name(options, "browser " + fill.apply(browser.getUrl())), browser);
            case DRIFT:
                if (driftCheck == null) {
                    throw new IllegalStateException("the drift check needs setDriftCheck (a smoke run that knows the "
                            + "ledger)");
                }
                return driftCheck;
            default:
                throw new IllegalArgumentException("unknown check type " + spec.getType());
        }
    }

    private HealthCheck http(final HttpCheckSpec spec, final CheckOptions options) {
        // Without a name of its own the check names itself, with the URL it checked.
        HttpCheck check = new HttpCheck(fill.apply(spec.getUrl())).setMethod(spec.getMethod())
                .setTimeout(options.getTimeout())
                .setExpectedStatus(spec.getExpectedStatuses().stream().mapToInt(Integer::intValue).toArray());
        if (options.getName() != null) {
            check.setName(options.getName());
        }
        spec.getHeaders().forEach(check::setHeader);
        spec.getBodyContains().forEach(check::setBodyContains);
        spec.getBodyMatches().forEach(regex -> check.setBodyMatches(Pattern.compile(regex)));
        spec.getMustNotContain().forEach(check::setBodyMustNotContain);
        if (spec.isForbiddenStrings()) {
            check.setForbiddenStrings(forbiddenStrings);
        }
        spec.getJsonEquals().forEach(check::setJsonEquals);
        spec.getHeaderEquals().forEach(check::setHeaderEquals);
        if (spec.getLatency() != null) {
            check.setLatencyBudget(spec.getLatency());
        }
        if (!spec.isVerifyTls()) {
            check.setVerifyTls(false);
        } else if (spec.getCaFile() != null) {
            check.setCaFile(Path.of(spec.getCaFile()));
        }
        if (spec.getToken() != null) {
            String token = secret(spec.getToken());
            check.setSecretHeader(spec.getTokenHeader(), spec.getTokenPrefix(), token);
        }
        if (spec.getBasicUser() != null) {
            String password = secret(spec.getBasicPassword());
            secretValues.add(Base64.getEncoder().encodeToString((spec.getBasicUser() + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
            check.setBasicAuth(spec.getBasicUser(), password);
        }
        // built now, before the run, and shared with the factory's other http checks of the same settings
        return check.shareClient(clients);
    }

    private HealthCheck container(final ContainerCheckSpec spec, final CheckOptions options) {
        if (!hosts.isEmpty()) {
            ContainersCheck check = new ContainersCheck(hosts, labels).setName(name(options, ContainersCheck.KIND))
                    .setExpectedDigest(expectedDigest).setHealthy(spec.isHealthy());
            return containerFinder == null ? check : check.setFinder(containerFinder);
        }
        if (gateEngine == null) {
            throw new IllegalStateException("the container check needs setContainerHosts (smoke run) or "
                    + "setGateEngine (health gate)");
        }
        return new ContainerCheck(gateEngine).setHealthy(spec.isHealthy()).setStableFor(spec.getStableFor());
    }

    private HealthCheck heartbeat(final HeartbeatCheckSpec spec, final CheckOptions options) {
        HeartbeatCheck check = spec.getFile() != null
                ? HeartbeatCheck.file(Path.of(fill.apply(spec.getFile())), spec.getMaxAge())
                        .setFileContents(spec.getFileTime() == HeartbeatCheckSpec.FileTime.CONTENTS)
                : HeartbeatCheck.url(fill.apply(spec.getUrl()), spec.getMaxAge());
        check.setPointer(spec.getPointer()).setTimeout(options.getTimeout());
        return options.getName() == null ? check : check.setName(options.getName());
    }

    private String secret(final SecretReference reference) {
        String value = secrets.resolve(reference);
        secretValues.add(value);
        return value;
    }

    /** The check's own name, else its kind and target with the placeholders filled in (never {@code {port}}). */
    private static String name(final CheckOptions options, final String fallback) {
        return options.getName() == null ? fallback : options.getName();
    }
}
