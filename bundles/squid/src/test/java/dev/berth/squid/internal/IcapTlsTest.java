package dev.berth.squid.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import dev.berth.certs.api.CertificateMaterial;
import dev.berth.squid.icap.IcapServer;
import dev.berth.squid.waf.IncidentLog;
import dev.berth.squid.waf.RuleSet;
import dev.berth.squid.waf.WafAdapter;

/** The ICAP service over TLS accepts only a client certificate of its CA with Squid's identity. */
public class IcapTlsTest {

    private TestCa ca;
    private IcapServer server;

    @Before
    public void setUp() throws Exception {
        ca = new TestCa(IcapCertificates.CLIENT_IDENTITY);
        WafAdapter waf = new WafAdapter(RuleSet.defaults(), false, 4096, new IncidentLog(10), Clock.systemUTC());
        server = IcapServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TlsContexts.of(ca.server()), IcapCertificates.CLIENT_IDENTITY, () -> waf, 4096, 4);
    }

    @After
    public void tearDown() {
        server.close();
    }

    private String options(SSLContext client) throws IOException {
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("OPTIONS icap://127.0.0.1/reqmod ICAP/1.0\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "failed: " + e;
        }
    }

    @Test
    public void squidsCertificateIsServed() throws Exception {
        assertEquals("ICAP/1.0 200", options(TlsContexts.of(ca.client())));
    }

    @Test
    public void anotherIdentityOfTheSameCaIsRefused() throws Exception {
        String answer = options(TlsContexts.of(ca.client("intruder")));
        assertFalse(answer, answer.startsWith("ICAP/1.0"));
    }

    @Test
    public void aCertificateOfAnotherCaIsRefused() throws Exception {
        CertificateMaterial foreign = new TestCa(IcapCertificates.CLIENT_IDENTITY).client();
        // trusts the service's CA, presents a certificate the service's CA never issued
        String answer = options(TlsContexts.of(new CertificateMaterial(foreign.privateKey(), foreign.certificate(),
                foreign.intermediates(), ca.root)));
        assertFalse(answer, answer.startsWith("ICAP/1.0"));
    }

    @Test
    public void noClientCertificateIsRefused() throws Exception {
        SSLContext anonymous = SSLContext.getInstance("TLS");
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", ca.root);
        tmf.init(trust);
        anonymous.init(null, tmf.getTrustManagers(), null);
        String answer = options(anonymous);
        assertFalse(answer, answer.startsWith("ICAP/1.0"));
    }
}
