package io.ranchersg.aws;

import io.ranchersg.core.Finding;
import java.util.List;

/**
 * The request asks for rules with critical findings (etcd, VXLAN or all traffic open to the world)
 * that the user did not accept; nothing was written.
 */
public final class CriticalExposureException extends RancherSgException {
    private static final long serialVersionUID = 1L;

    private final transient List<Finding> findings;

    CriticalExposureException(String message, List<Finding> findings) {
        super(message);
        this.findings = List.copyOf(findings);
    }

    /** The findings that refused the write. */
    public List<Finding> findings() {
        return findings;
    }
}
