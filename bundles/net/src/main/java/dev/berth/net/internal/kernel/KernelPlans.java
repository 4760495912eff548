package dev.berth.net.internal.kernel;

import java.util.ArrayList;
import java.util.List;

/** Runs plans on a kernel, batching consecutive iproute2 steps into one {@code ip -batch}. */
public final class KernelPlans {

    private KernelPlans() {
    }

    /**
     * Runs the steps in order; stops at the first failure.
     *
     * @param kernel the kernel
     * @param plan the steps
     * @throws KernelException from the failing step
     */
    public static void run(Kernel kernel, List<KernelOp> plan) {
        List<String> batch = new ArrayList<>();
        for (KernelOp op : plan) {
            if (op instanceof KernelOp.Ip ip) {
                batch.add(ip.line());
            } else if (op instanceof KernelOp.Sysctl s) {
                kernel.ip(batch);
                batch.clear();
                kernel.sysctl(s.key(), s.value());
            }
        }
        kernel.ip(batch);
    }

    /**
     * Runs the iproute2 steps ignoring failures (for idempotent teardown); sysctls are not part of teardown.
     *
     * @param kernel the kernel
     * @param plan the steps
     */
    public static void runIgnoringFailures(Kernel kernel, List<KernelOp> plan) {
        kernel.ipForce(plan.stream().filter(KernelOp.Ip.class::isInstance).map(op -> ((KernelOp.Ip) op).line())
                .toList());
    }
}
