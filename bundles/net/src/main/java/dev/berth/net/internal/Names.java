package dev.berth.net.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Names of the kernel objects Berth owns, derived from Docker's IDs and within Linux's 15-character limit.
 * The prefixes are how a reconcile recognizes what is Berth's: {@code bt-} bridges, {@code bv-} VRFs,
 * {@code bh-} host sides of veth pairs, {@code bc-} container sides before Docker moves them.
 */
final class Names {

    static final String BRIDGE = "bt-";
    static final String VRF = "bv-";
    static final String HOST_VETH = "bh-";
    static final String PEER_VETH = "bc-";
    private static final int ID_CHARS = 12;

    private Names() {
    }

    static String bridge(String networkId) {
        return BRIDGE + shortId(networkId);
    }

    static String vrf(String networkId) {
        return VRF + shortId(networkId);
    }

    static String hostVeth(String endpointId) {
        return HOST_VETH + shortId(endpointId);
    }

    static String peerVeth(String endpointId) {
        return PEER_VETH + shortId(endpointId);
    }

    /**
     * Checks one of Docker's IDs: hex, at least 12 characters.
     *
     * @param kind what it is, for the message
     * @param id the ID
     * @return the ID
     * @throws IllegalArgumentException when it is not an ID
     */
    static String checkId(String kind, String id) {
        if (id == null || !id.matches("[0-9a-fA-F]{12,128}")) {
            throw new IllegalArgumentException(kind + " must be Docker's hexadecimal ID, not '" + id + "'");
        }
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Derives a stable MAC address from an endpoint ID: locally administered, unicast.
     *
     * @param endpointId the endpoint
     * @return for example {@code 02:5e:...}
     */
    static String mac(String endpointId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(endpointId.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder mac = new StringBuilder("02");
        for (int i = 0; i < 5; i++) {
            mac.append(':').append(String.format("%02x", digest[i] & 0xff));
        }
        return mac.toString();
    }

    private static String shortId(String id) {
        return id.substring(0, ID_CHARS).toLowerCase(java.util.Locale.ROOT);
    }
}
