package dev.berth.certs.rest;

import java.net.InetAddress;
import java.util.List;

import dev.berth.certs.api.CertificateSet;

/** A certificate set as the REST API shows it. */
record SetJson(String name, String commonName, List<String> dnsNames, List<String> ipAddresses, String profile,
        String keyAlgorithm, List<String> readers, String status, String serial, String notBefore, String notAfter,
        String renewAfter) {

    static SetJson of(CertificateSet s) {
        return new SetJson(s.name(), s.spec().commonName(), s.spec().dnsNames(),
                s.spec().ipAddresses().stream().map(InetAddress::getHostAddress).toList(),
                s.spec().profile().name().toLowerCase(java.util.Locale.ROOT),
                s.spec().keyAlgorithm() == null ? null : s.spec().keyAlgorithm().name(),
                s.spec().readers().stream().sorted().toList(), s.status().name(), s.serialHex(),
                s.notBefore().toString(), s.notAfter().toString(), s.renewAfter().toString());
    }
}
