package dev.berth.certs.enroll;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.berth.certs.api.EnrollmentRequest;

/** Opens the client's package-private steps to tests in other packages. */
public final class EnrollmentTestAccess {

    private EnrollmentTestAccess() {
    }

    public static List<X509Certificate> open(String clientId, byte[] psk, byte[] request, byte[] answer) {
        return HttpEnrollmentClient.open(clientId, psk, request, answer);
    }

    public static byte[] csr(EnrollmentRequest request, KeyPair keys) {
        return HttpEnrollmentClient.csr(request, keys);
    }
}
