package dev.berth.net.internal.kernel;

/** One step of a kernel plan: an iproute2 command or a sysctl. */
public sealed interface KernelOp {

    /**
     * An iproute2 command line, as {@code ip -batch} reads it.
     *
     * @param line for example {@code link add bt-0123456789ab type bridge}
     */
    record Ip(String line) implements KernelOp {
        @Override
        public String toString() {
            return "ip " + line;
        }
    }

    /**
     * A sysctl.
     *
     * @param key the key
     * @param value the value
     */
    record Sysctl(String key, String value) implements KernelOp {
        @Override
        public String toString() {
            return "sysctl " + key + "=" + value;
        }
    }

    /**
     * Builds an iproute2 step.
     *
     * @param line the command line
     * @return the step
     */
    static KernelOp ip(String line) {
        return new Ip(line);
    }

    /**
     * Builds a sysctl step.
     *
     * @param key the key
     * @param value the value
     * @return the step
     */
    static KernelOp sysctl(String key, String value) {
        return new Sysctl(key, value);
    }
}
