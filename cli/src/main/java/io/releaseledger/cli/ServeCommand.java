package io.releaseledger.cli;

import io.releaseledger.ledger.Ledger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-ledger serve}: the Releases page and its JSON API on a local address, until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the Releases page and its JSON API (api/state, api/history, api/verify) over HTTP,",
            "on 127.0.0.1 unless --bind says otherwise, until stopped (Ctrl-C). Prints the page's URL."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:failure: no such ledger, port in use", "2:usage error"})
final class ServeCommand extends LedgerCommandBase {
    static final int DEFAULT_PORT = 8470;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "The address to listen on (default: 127.0.0.1; 0.0.0.0 exposes the ledger to the network).")
    private String bind = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "The port (default: " + DEFAULT_PORT + "; 0 = any free port).")
    private int port = DEFAULT_PORT;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = {"A host name (optionally NAME:PORT) the server also answers to, besides localhost,"
                    + " 127.x.y.z and [::1]; repeatable. Requests naming any other Host are refused (403), so a web"
                    + " page cannot read the ledger through a DNS name that points here. Given with a non-loopback"
                    + " --bind, only these names and the loopback ones are answered."})
    private List<String> allowHosts = new ArrayList<>();

    /** The page reads the real ledger on every request; an empty stand-in would never show what gets recorded. */
    @Override
    boolean acceptsNoLedger() {
        return false;
    }

    @Override
    int run(final Ledger ledger, final String application, final Path ledgerRoot, final PrintWriter out,
            final PrintWriter err) {
        try (ReleasesServer server = ReleasesServer.start(ledger, bind, port, allowHosts)) {
            out.println(server.uri());
            out.flush();
            if (ledger.isDamaged()) {
                err.println(StatusCommand.damageWarning(ledger.view().state()));
                err.flush();
            }
            if (!root().isQuiet()) {
                err.println("Serving the releases of " + LedgerText.clean(application) + " from " + ledgerRoot
                        + "; stop with Ctrl-C.");
                err.flush();
            }
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            // Stopped (the tests interrupt the thread; Ctrl-C ends the JVM).
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
