package dev.berth.itests.support;

/**
 * A host beyond the Docker host: a network namespace the test creates, linked to the host by a veth pair
 * (host side 198.19.200.1/30 and fd00:99::1/64, outside 198.19.200.2 and fd00:99::2). It has no route
 * back to Berth's subnets, so it can only answer what reaches it masqueraded as the host.
 */
public final class OutsideHost implements AutoCloseable {

    /** The outside host's IPv4 address. */
    public static final String IPV4 = "198.19.200.2";
    /** The outside host's IPv6 address. */
    public static final String IPV6 = "fd00:99::2";
    /** The Docker host's IPv4 address on the link. */
    public static final String HOST_IPV4 = "198.19.200.1";

    private static final String NS = "berth-e2e-outside";

    private OutsideHost() {
    }

    /**
     * Creates the namespace and the link, replacing a leftover of an earlier run.
     *
     * @return the host
     */
    public static OutsideHost create() {
        Commands.run("ip", "netns", "del", NS);
        Commands.run("ip", "link", "del", "be2e-out");
        Commands.run("ip", "netns", "add", NS).ok();
        Commands.run("ip", "link", "add", "be2e-out", "type", "veth", "peer", "name", "be2e-in").ok();
        Commands.run("ip", "link", "set", "be2e-in", "netns", NS).ok();
        Commands.run("ip", "addr", "add", HOST_IPV4 + "/30", "dev", "be2e-out").ok();
        Commands.run("ip", "-6", "addr", "add", "fd00:99::1/64", "dev", "be2e-out", "nodad").ok();
        Commands.run("ip", "link", "set", "be2e-out", "up").ok();
        Commands.run("ip", "-n", NS, "addr", "add", IPV4 + "/30", "dev", "be2e-in").ok();
        Commands.run("ip", "-n", NS, "-6", "addr", "add", IPV6 + "/64", "dev", "be2e-in", "nodad").ok();
        Commands.run("ip", "-n", NS, "link", "set", "be2e-in", "up").ok();
        Commands.run("ip", "-n", NS, "link", "set", "lo", "up").ok();
        return new OutsideHost();
    }

    /**
     * Runs a command inside the outside host.
     *
     * @param command the command
     * @return its result
     */
    public Commands.Result run(String... command) {
        java.util.List<String> full = new java.util.ArrayList<>(java.util.List.of("ip", "netns", "exec", NS));
        full.addAll(java.util.List.of(command));
        return Commands.run(full, 60);
    }

    /**
     * Fetches a page over HTTP from the outside host, with busybox nc.
     *
     * @param address the address to connect to
     * @param port the port
     * @return the response, empty when the connection failed
     */
    public String httpGet(String address, int port) {
        java.util.List<String> full = java.util.List.of("ip", "netns", "exec", NS, "sh", "-c",
                "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | busybox nc -w 3 " + address + " " + port);
        return Commands.run(full, 60).out();
    }

    @Override
    public void close() {
        Commands.run("ip", "netns", "del", NS);
        Commands.run("ip", "link", "del", "be2e-out");
    }
}
