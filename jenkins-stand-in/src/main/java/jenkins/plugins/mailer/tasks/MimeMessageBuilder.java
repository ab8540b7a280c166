package jenkins.plugins.mailer.tasks;

import edu.umd.cs.findbugs.annotations.NonNull;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;

public class MimeMessageBuilder {
    public MimeMessageBuilder() {
        throw new UnsupportedOperationException("stand-in");
    }

    public MimeMessageBuilder setSubject(@NonNull String subject) {
        throw new UnsupportedOperationException("stand-in");
    }

    public MimeMessageBuilder setBody(@NonNull String body) {
        throw new UnsupportedOperationException("stand-in");
    }

    public MimeMessageBuilder addRecipients(@NonNull String recipients) throws UnsupportedEncodingException {
        throw new UnsupportedOperationException("stand-in");
    }

    public MimeMessage buildMimeMessage() throws MessagingException, UnsupportedEncodingException {
        throw new UnsupportedOperationException("stand-in");
    }
}
