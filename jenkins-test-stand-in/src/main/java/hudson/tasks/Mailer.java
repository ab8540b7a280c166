package hudson.tasks;

import org.kohsuke.stapler.DataBoundSetter;

public class Mailer {
    public static DescriptorImpl descriptor() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static final class DescriptorImpl {
        @DataBoundSetter
        public void setSmtpHost(String smtpHost) {
            throw new UnsupportedOperationException("stand-in");
        }

        @DataBoundSetter
        public void setSmtpPort(String smtpPort) {
            throw new UnsupportedOperationException("stand-in");
        }
    }
}
