package io.releaseledger.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Objects;

/**
 * The CLI's mail: plain SMTP (RFC 5321, no TLS, no login) to a relay on the machine, such as the local MTA. One
 * connection per mail; every socket operation is bounded by the attempt's timeout. The body goes base64-encoded in
 * UTF-8, so no line of it can end the DATA and no server needs 8BITMIME.
 */
public final class SmtpTransport implements MailTransport {
    private final String host;
    private final int port;
    private final String from;
    private Duration attemptTimeout = Duration.ofSeconds(5);

    public SmtpTransport(final String host, final int port, final String from) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.from = Objects.requireNonNull(from, "from");
    }

    /** The bound of each connect and each read (default 5 s). */
    public SmtpTransport setAttemptTimeout(final Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
        return this;
    }

    @Override
    public void send(final MailMessage mail) throws IOException {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, attemptTimeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(in, 220);
            command(out, in, "EHLO release-ledger", 250);
            command(out, in, "MAIL FROM:<" + from + ">", 250);
            for (String recipient : mail.getRecipients()) {
                command(out, in, "RCPT TO:<" + recipient + ">", 250, 251);
            }
            command(out, in, "DATA", 354);
            command(out, in, message(mail) + ".", 250);
            write(out, "QUIT");
        }
    }

    private String message(final MailMessage mail) {
        StringBuilder text = new StringBuilder();
        text.append("From: ").append(from).append("\r\n");
        text.append("To: ").append(String.join(", ", mail.getRecipients())).append("\r\n");
        text.append("Subject: ").append(header(mail.getSubject())).append("\r\n");
        text.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append("\r\n");
        text.append("MIME-Version: 1.0\r\n");
        text.append("Content-Type: text/plain; charset=UTF-8\r\n");
        text.append("Content-Transfer-Encoding: base64\r\n\r\n");
        text.append(Base64.getMimeEncoder().encodeToString(mail.getBody().getBytes(StandardCharsets.UTF_8)));
        return text.append("\r\n").toString();
    }

    /** ASCII as it is; anything else as an RFC 2047 encoded word. */
    static String header(final String value) {
        boolean ascii = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return ascii ? value
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static void command(final OutputStream out, final BufferedReader in, final String line,
            final int... accepted) throws IOException {
        write(out, line);
        expect(in, accepted);
    }

    private static void write(final OutputStream out, final String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one reply (the last line of a multi-line one decides) and fails unless its code is accepted. */
    private static void expect(final BufferedReader in, final int... accepted) throws IOException {
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
        }
        if (line == null) {
            throw new IOException("the SMTP server closed the connection");
        }
        for (int code : accepted) {
            if (line.startsWith(String.valueOf(code))) {
                return;
            }
        }
        throw new IOException("the SMTP server answered: " + line.strip());
    }
}
