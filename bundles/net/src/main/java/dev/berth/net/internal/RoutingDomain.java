package dev.berth.net.internal;

import java.util.List;

import dev.berth.net.internal.kernel.KernelOp;
import dev.berth.net.internal.kernel.KernelState;

/**
 * How a network's L2 segment and routing domain are built: a VRF per network where the kernel has VRF,
 * policy-routing tables and rules where it does not. Both produce plain kernel steps, so both are tested
 * by the exact steps they produce.
 */
interface RoutingDomain {

    /** Firewall mark of replies to connections that reached a container through a published port. */
    int REPLY_MARK = 0xb37;

    /**
     * Steps that build the network from nothing.
     *
     * @param network the network
     * @return the steps, in order
     */
    List<KernelOp> create(NetworkPlan network);

    /**
     * Steps that remove every trace of the network; each may fail harmlessly when its object is gone.
     *
     * @param network the network
     * @return the steps
     */
    List<KernelOp> teardown(NetworkPlan network);

    /**
     * Steps that restore what the kernel lacks of the network, leaving what exists alone (its bridge may
     * carry running containers).
     *
     * @param network the network
     * @param state the kernel as it is
     * @return the steps; empty when nothing is missing
     */
    List<KernelOp> repair(NetworkPlan network, KernelState state);

    /**
     * Describes the network's routing domain for operators.
     *
     * @param network the network
     * @return for example {@code table 25001 (policy routing)}
     */
    String describe(NetworkPlan network);

    /**
     * Tells whether a rule is one this routing domain creates for some network or for published ports.
     *
     * @param rule a rule of the kernel
     * @param tableBase the first table number Berth uses
     * @param tableCount how many it may use
     * @return whether Berth owns it
     */
    static boolean ownsRule(KernelState.Rule rule, int tableBase, int tableCount) {
        boolean inRange = rule.priority() >= tableBase && rule.priority() < tableBase + tableCount;
        boolean replyMark = rule.fwmark().equalsIgnoreCase("0x" + Integer.toHexString(REPLY_MARK));
        return inRange || replyMark;
    }
}
