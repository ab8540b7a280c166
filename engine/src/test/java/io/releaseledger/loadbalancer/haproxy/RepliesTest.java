package io.releaseledger.loadbalancer.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime API's tables are read by column name, whatever the HAProxy version puts where. */
class RepliesTest {
    @Test
    void shouldReadServersStateByColumnName() {
        String reply = "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_port\n"
                + "3 web 1 web1 127.0.0.1 2 8 8081\n3 web 2 web2 127.0.0.1 0 1 8082\n\n";

        List<Map<String, String>> rows = Replies.serversState(reply);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("srv_name", "web1").containsEntry("srv_admin_state", "8")
                .containsEntry("srv_port", "8081");
        assertThat(rows.get(1)).containsEntry("srv_op_state", "0");
    }

    @Test
    void shouldReadServersStateWithoutVersionLineAndWithOtherColumnOrder() {
        String reply = "# srv_name be_name srv_admin_state srv_addr\nweb1 web 0 10.0.0.1\n";

        assertThat(Replies.serversState(reply)).containsExactly(
                Map.of("srv_name", "web1", "be_name", "web", "srv_admin_state", "0", "srv_addr", "10.0.0.1"));
    }

    @Test
    void shouldTreatAnythingButATableAsARefusal() {
        assertThatThrownBy(() -> Replies.serversState("Can't find backend.\n\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Can't find backend.");
        assertThatThrownBy(() -> Replies.csv("Permission denied\n\n")).hasMessage("Permission denied");
        assertThatThrownBy(() -> Replies.csv("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadStatCsvWithQuotedFieldsAndTrailingComma() {
        String reply = "# pxname,svname,scur,check_desc,status,\n"
                + "web,web1,3,\"Layer7 wrong status, \"\"503\"\"\",UP,\n"
                + "web,BACKEND,3,,UP,\n\n";

        List<Map<String, String>> rows = Replies.csv(reply);

        assertThat(rows.get(0)).containsEntry("svname", "web1").containsEntry("scur", "3")
                .containsEntry("check_desc", "Layer7 wrong status, \"503\"").containsEntry("status", "UP");
        assertThat(rows.get(1)).containsEntry("svname", "BACKEND").containsEntry("check_desc", "");
    }

    @Test
    void shouldLeaveOutColumnsARowIsTooShortFor() {
        assertThat(Replies.csv("# pxname,svname,scur\nweb,web1\n").get(0)).containsOnlyKeys("pxname", "svname");
    }
}
