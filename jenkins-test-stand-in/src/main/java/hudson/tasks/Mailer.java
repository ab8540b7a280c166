package hudson.tasks;

public class Mailer {
    public static DescriptorImpl descriptor() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static final class DescriptorImpl {
        public void setSmtpHost(String smtpHost) {
            throw new UnsupportedOperationException("stand-in");
        }

        public void setSmtpPort(String smtpPort) {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
