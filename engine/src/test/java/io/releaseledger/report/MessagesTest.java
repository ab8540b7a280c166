package io.releaseledger.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void shouldCollectAndForwardMessagesInOrder() {
        List<Message> live = new ArrayList<>();
        Messages messages = new Messages(live::add);

        messages.info("tagged %s", "v1.0.0");
        messages.warning("100%% literal without arguments is kept as it is");
        messages.error("push failed");

        assertThat(messages.getAll()).containsExactly(
                new Message(Message.Level.INFO, "tagged v1.0.0"),
                new Message(Message.Level.WARNING, "100%% literal without arguments is kept as it is"),
                new Message(Message.Level.ERROR, "push failed"));
        assertThat(live).isEqualTo(messages.getAll());
        assertThat(messages.hasErrors()).isTrue();
        assertThat(new Messages().hasErrors()).isFalse();
    }
}
