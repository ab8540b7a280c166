package io.releaseledger.deploy;

import io.releaseledger.ReleaseLedgerException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One load-balancer server of the environment's backend as a drift observation saw it. */
public final class ObservedServer {
    private final String name;
    private final String admin;
    private final String operational;

    /**
     * @param admin       what was asked of it: {@code READY}, {@code DRAIN} or {@code MAINT}
     * @param operational what its health checks say: {@code UP}, {@code DOWN}, {@code STARTING}, {@code STOPPING}
     */
    public ObservedServer(final String name, final String admin, final String operational) {
        this.name = Objects.requireNonNull(name, "name");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.operational = Objects.requireNonNull(operational, "operational");
    }

    public String getName() {
        return name;
    }

    public String getAdmin() {
        return admin;
    }

    public String getOperational() {
        return operational;
    }

    /** Takes traffic: ready and up. */
    public boolean isServing() {
        return "READY".equals(admin) && "UP".equals(operational);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("admin", admin);
        json.put("operational", operational);
        return json;
    }

    static ObservedServer fromJson(final Map<String, Object> json) {
        String name = DriftExpectation.text(json, "name");
        String admin = DriftExpectation.text(json, "admin");
        String operational = DriftExpectation.text(json, "operational");
        if (name == null || admin == null || operational == null) {
            throw new ReleaseLedgerException("an observed server lacks its \"name\", \"admin\" or \"operational\"");
        }
        return new ObservedServer(name, admin, operational);
    }
}
