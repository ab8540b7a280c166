package io.releaseledger.cli;

import io.releaseledger.deploy.DriftCommand;
import io.releaseledger.deploy.DriftReport;
import io.releaseledger.descriptor.ReleaseDescriptor;
import io.releaseledger.json.Json;
import io.releaseledger.ledger.Ledger;
import io.releaseledger.registry.ImageReference;
import io.releaseledger.registry.RegistryClient;
import io.releaseledger.rollout.LocalDriftExecutor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

/** {@code release-ledger drift}: compares an environment's reality with the ledger and records the verdict. */
@Command(name = "drift", sortOptions = false,
        description = {"Compare what runs in the environment with what the ledger records: the containers",
            "on every host (digest, version label, count, containers no deploy made, missing",
            "ones), the load balancer's servers (one left in maintenance, drain or down) and",
            "the environment's registry tag. Prints a table (or --json) and records",
            "drift.detected or drift.checked, which the Releases page shows."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:reality matches the ledger",
            "1:the environment drifted (the differences are printed and recorded)",
            "2:usage error (such as a missing --environment)",
            "4:drift unknown: a host, the load balancer or the registry could not be read, or another error"
                + " (descriptor, ledger)"},
        footerHeading = "%nRegistry credentials:%n",
        footer = {"Registry username from --registry-username or $RELEASE_LEDGER_REGISTRY_USERNAME, the password",
            "only from $RELEASE_LEDGER_REGISTRY_PASSWORD or --registry-password-file. See docs/drift.md."})
final class DriftCliCommand extends ReleaseCommandBase {
    @Option(names = "--environment", required = true, paramLabel = "NAME",
            description = "The environment to compare (required).")
    private String environment;

    @Option(names = "--no-record", description = "Only report; record nothing in the ledger.")
    private boolean noRecord;

    @Mixin
    private RegistryOptions registryOptions;

    @Option(names = "--json", description = "Print the report as JSON on stdout instead of the table.")
    private boolean json;

    @Override
    boolean isJson() {
        return json;
    }

    @Override
    int errorExitCode() {
        return ReleaseLedgerCli.UNKNOWN;
    }

    @Override
    List<String> secrets(final Map<String, String> variables) {
        return registryOptions.secrets(variables);
    }

    @Override
    boolean readsOnly() {
        return noRecord;
    }

    @Override
    int run(final Ledger ledger) {
        ReleaseDescriptor descriptor = descriptor();
        RegistryClient registry = new RegistryClient(ImageReference.parse(descriptor.getImage()).getRegistry())
                .setCredentials(registryOptions.credentials(environment()));
        DriftReport report = new DriftCommand(descriptor, environment, ledger,
                new LocalDriftExecutor(descriptor, registry)).setActor(actor()).setOrigin(origin())
                .setMessages(messages()).setRecord(!noRecord).call();
        if (json) {
            out().println(Json.writePretty(report.toJson()));
        } else {
            out().print(report.toTable());
        }
        if (report.isDrifted()) {
            return ReleaseLedgerCli.FAILURE;
        }
        return report.isComplete() ? 0 : ReleaseLedgerCli.UNKNOWN;
    }
}
