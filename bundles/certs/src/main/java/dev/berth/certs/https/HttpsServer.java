package dev.berth.certs.https;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.servlet.http.HttpServlet;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.berth.certs.api.CertificateMaterial;

/**
 * The certificate manager's own HTTPS server: an embedded Jetty (the Jetty bundles Karaf's {@code http} feature
 * installs), separate from the HTTP whiteboard so that it can require client certificates on one port and
 * present a certificate from Berth's CA that is renewed in place. Two connectors:
 * <ul>
 * <li>{@code webdav}: mutual TLS, the WebDAV certificate tree and the REST API;</li>
 * <li>{@code public}: TLS without client certificates, for enrollment (clients have none yet), the CA
 * certificate and the CRL.</li>
 * </ul>
 */
public final class HttpsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpsServer.class);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Server server;
    private final ServerConnector webdav;
    private final ServerConnector open;

    private HttpsServer(Server server, ServerConnector webdav, ServerConnector open) {
        this.server = server;
        this.webdav = webdav;
        this.open = open;
    }

    /**
     * Starts the server.
     *
     * @param bind the address to listen on
     * @param webdavPort the mutual-TLS port, 0 for any, -1 for none
     * @param publicPort the public port, 0 for any, -1 for none
     * @param serverMaterial the current server certificate and key, read at every handshake
     * @param root the root that client certificates must chain to
     * @param issuing the issuing CA
     * @param revoked tells whether a client certificate's serial is revoked
     * @param mutualTls the servlets of the mutual-TLS port by path specification: the WebDAV tree at
     *     {@code /*}, the REST API at {@code /api/v1/sets/*}
     * @param endpoints enrollment, CA certificate and CRL
     * @return the running server
     * @throws Exception when a port cannot be bound or Jetty does not start
     */
    public static HttpsServer start(String bind, int webdavPort, int publicPort,
            Supplier<CertificateMaterial> serverMaterial, X509Certificate root, X509Certificate issuing,
            Predicate<BigInteger> revoked, Map<String, HttpServlet> mutualTls, PublicEndpoints endpoints)
            throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("berth-certs-https");
        threads.setDaemon(true);
        Server server = new Server(threads);
        server.setStopAtShutdown(false);
        SSLContext context = context(serverMaterial, root, issuing, revoked);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        ServerConnector webdav = null;
        ServerConnector open = null;
        if (webdavPort >= 0) {
            webdav = connector(server, context, true, bind, webdavPort, "webdav");
            contexts.addHandler(context("@webdav", mutualTls));
        }
        if (publicPort >= 0) {
            open = connector(server, context, false, bind, publicPort, "public");
            contexts.addHandler(context("@public", Map.of("/*", new PublicServlet(endpoints))));
        }
        FragmentRefusal refusal = new FragmentRefusal();
        refusal.setHandler(contexts);
        server.setHandler(refusal);
        HttpsServer https = new HttpsServer(server, webdav, open);
        try {
            server.start();
        } catch (Exception e) {
            https.close();
            throw e;
        }
        LOG.info("Certificate manager listening on {}: WebDAV (mutual TLS) port {}, enrollment port {}", bind,
                https.webdavPort(), https.publicPort());
        return https;
    }

    /**
     * Returns the bound mutual-TLS port.
     *
     * @return the port, or -1
     */
    public int webdavPort() {
        return webdav == null ? -1 : webdav.getLocalPort();
    }

    /**
     * Returns the bound public port.
     *
     * @return the port, or -1
     */
    public int publicPort() {
        return open == null ? -1 : open.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("The certificate manager's HTTPS server did not stop cleanly", e);
        }
    }

    private static SSLContext context(Supplier<CertificateMaterial> material, X509Certificate root,
            X509Certificate issuing, Predicate<BigInteger> revoked) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new LiveKeyManager(material)},
                new TrustManager[] {new ClientCertificateTrust(root, issuing, revoked)}, null);
        return context;
    }

    private static ServerConnector connector(Server server, SSLContext context, boolean clientAuth, String bind,
            int port, String name) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(context);
        ssl.setNeedClientAuth(clientAuth);
        ssl.setIncludeProtocols(PROTOCOLS);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setName(name);
        connector.setHost(bind);
        connector.setPort(port);
        server.addConnector(connector);
        return connector;
    }

    private static ServletContextHandler context(String connector, Map<String, HttpServlet> servlets) {
        ServletContextHandler handler = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        handler.setContextPath("/");
        handler.setVirtualHosts(new String[] {connector});
        servlets.forEach((path, servlet) -> handler.addServlet(new ServletHolder(servlet), path));
        return handler;
    }
}
