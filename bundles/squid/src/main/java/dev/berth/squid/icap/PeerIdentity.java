package dev.berth.squid.icap;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/** Accepts a TLS client only when its (already CA-verified) certificate names the expected identity. */
final class PeerIdentity {

    private PeerIdentity() {
    }

    static IcapConnection.PeerCheck of(String identity) {
        return socket -> {
            try {
                Certificate[] chain = socket.getSession().getPeerCertificates();
                String cn = commonName((X509Certificate) chain[0]);
                return identity.equals(cn) ? Optional.empty()
                        : Optional.of("client certificate CN=" + cn + ", expected CN=" + identity);
            } catch (SSLPeerUnverifiedException e) {
                return Optional.of("no client certificate");
            }
        };
    }

    static String commonName(X509Certificate c) {
        try {
            for (Rdn rdn : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
            return "";
        } catch (InvalidNameException e) {
            return "";
        }
    }
}
