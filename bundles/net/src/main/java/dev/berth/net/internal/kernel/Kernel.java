package dev.berth.net.internal.kernel;

import java.util.List;

/**
 * The one way Berth changes and reads the host's network stack: iproute2 in batch mode, nftables scripts,
 * sysctls, and JSON snapshots. Everything else in the network driver is plain logic, testable without root.
 */
public interface Kernel {

    /**
     * Runs iproute2 commands as one batch ({@code ip -batch -}); stops at the first failure.
     *
     * @param commands lines such as {@code link add bt-1 type bridge} or {@code -6 route add ...}
     * @throws KernelException naming the command that failed
     */
    void ip(List<String> commands);

    /**
     * Runs iproute2 commands, ignoring failures (for idempotent teardown).
     *
     * @param commands the lines
     */
    void ipForce(List<String> commands);

    /**
     * Applies an nftables script atomically ({@code nft -f -}).
     *
     * @param script the script
     * @throws KernelException when nft refuses it; nothing is changed then
     */
    void nft(String script);

    /**
     * Sets a sysctl.
     *
     * @param key for example {@code net.ipv4.ip_forward}
     * @param value the value
     * @throws KernelException when it cannot be written
     */
    void sysctl(String key, String value);

    /**
     * Reads the state Berth reconciles: links, addresses, rules and routes, and nftables tables.
     *
     * @return the snapshot
     * @throws KernelException when the tools fail
     */
    KernelState observe();

    /**
     * Tells whether this kernel can create VRF devices.
     *
     * @return the answer and why
     */
    VrfSupport vrfSupport();

    /**
     * Whether the kernel has VRF devices.
     *
     * @param supported whether VRF devices can be created
     * @param reason what the probe found
     */
    record VrfSupport(boolean supported, String reason) {
    }
}
