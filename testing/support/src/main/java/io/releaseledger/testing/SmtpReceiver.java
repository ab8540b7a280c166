package io.releaseledger.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server on 127.0.0.1 (RFC 5321 without extensions: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).
 * It keeps each message it accepts as received (headers and body), or it refuses every connection with a 554
 * greeting, or it accepts connections and never greets until closed. Public for the plugin's mail tests.
 */
public final class SmtpReceiver implements AutoCloseable {
    /** One accepted message: the envelope and the DATA as sent. */
    public record Mail(String from, List<String> recipients, String data) {
    }

    private final ServerSocket server;
    private final ExecutorService sessions = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smtp-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Mail> mails = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean refusing;
    private volatile boolean hanging;

    public SmtpReceiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sessions.execute(this::accept);
    }

    /** Greets every connection with {@code 554} and closes it: a server that will not take mail. */
    public SmtpReceiver refusing() {
        refusing = true;
        return this;
    }

    /** Accepts connections and never answers, until closed: a server that hangs. */
    public SmtpReceiver hanging() {
        hanging = true;
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Mail> mails() {
        return mails;
    }

    /** Connections accepted so far: each attempt of a client is one. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                sessions.execute(() -> converse(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(final Socket socket) {
        try (socket) {
            if (hanging) {
                closed.await();
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            if (refusing) {
                reply(out, "554 127.0.0.1 no mail service here");
                return;
            }
            reply(out, "220 127.0.0.1 SmtpReceiver ready");
            String from = null;
            List<String> recipients = new CopyOnWriteArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 127.0.0.1");
                    case "MAIL" -> {
                        from = address(line);
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(address(line));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        mails.add(new Mail(from, List.copyOf(recipients), data(in)));
                        reply(out, "250 OK queued");
                    }
                    case "RSET", "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to keep
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String data(final BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        for (String line = in.readLine(); line != null && !".".equals(line); line = in.readLine()) {
            data.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
        }
        return data.toString();
    }

    private static String address(final String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1).strip();
    }

    private static void reply(final OutputStream out, final String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        sessions.shutdownNow();
    }
}
