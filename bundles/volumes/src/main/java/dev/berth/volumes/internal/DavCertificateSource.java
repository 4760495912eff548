package dev.berth.volumes.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.net.ssl.SSLException;

import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpDelete;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.apache.jackrabbit.webdav.DavConstants;
import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.MultiStatusResponse;
import org.apache.jackrabbit.webdav.client.methods.HttpPropfind;
import org.apache.jackrabbit.webdav.property.DavProperty;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DavPropertyNameSet;
import org.apache.jackrabbit.webdav.property.DavPropertySet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateManagerException.Reason;
import dev.berth.certs.api.CertificateMaterial;
import dev.berth.certs.api.TlsContexts;

/**
 * The certificate manager over mutual TLS with the Apache HTTP client: sets are read from the WebDAV tree with
 * Jackrabbit's WebDAV client ({@code PROPFIND}, {@code GET}) and created, renewed and deleted through the REST API
 * of the same listener. The TLS context presents the driver's enrolled certificate and trusts only the root the
 * enrollment returned; it is rebuilt when the session enrolls again.
 */
final class DavCertificateSource implements CertificateSource, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 3;

    private final URI server;
    private final ClientSession session;
    private final RequestConfig timeouts;
    private CertificateMaterial clientFor;
    private CloseableHttpClient client;

    DavCertificateSource(URI server, ClientSession session, java.time.Duration timeout) {
        this.server = server;
        this.session = session;
        int ms = (int) timeout.toMillis();
        this.timeouts = RequestConfig.custom().setConnectTimeout(ms).setSocketTimeout(ms).setConnectionRequestTimeout(ms)
                .build();
    }

    @Override
    public String authority() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(session.material().root()
                    .getEncoded());
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot identify the certificate manager's root", e);
        }
    }

    @Override
    public SetInfo create(SetRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", r.name());
        body.put("commonName", r.commonName());
        body.put("dnsNames", r.dnsNames());
        body.put("ipAddresses", r.ipAddresses().stream().map(InetAddress::getHostAddress).toList());
        body.put("ttl", r.ttl().toString());
        body.put("profile", r.profile().name().toLowerCase(Locale.ROOT));
        body.put("keyAlgorithm", r.keyAlgorithm().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        HttpPost post = new HttpPost(api(""));
        post.setEntity(new StringEntity(json(body), ContentType.APPLICATION_JSON));
        return set(rest(post, "create certificate set " + r.name()));
    }

    @Override
    public Optional<SetInfo> info(String set) {
        try {
            return Optional.of(set(rest(new HttpGet(api(set)), "read certificate set " + set)));
        } catch (CertificateManagerException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public SetInfo renew(String set) {
        return set(rest(new HttpPost(api(set + "/renew")), "renew certificate set " + set));
    }

    @Override
    public void delete(String set) {
        try {
            rest(new HttpDelete(api(set)), "delete certificate set " + set);
        } catch (CertificateManagerException e) {
            if (e.reason() != Reason.NOT_FOUND) {
                throw e;
            }
        }
    }

    @Override
    public String version(String set) {
        DavPropertyNameSet names = new DavPropertyNameSet();
        names.add(DavPropertyName.GETETAG);
        names.add(DavPropertyName.GETLASTMODIFIED);
        URI uri = server.resolve("certs/" + set + "/");
        try {
            HttpPropfind propfind = new HttpPropfind(uri, names, DavConstants.DEPTH_1);
            return execute(propfind, "check certificate set " + set, response -> {
                if (response.getStatusLine().getStatusCode() != 207) {
                    throw failure(response, "check certificate set " + set);
                }
                Map<String, String> versions = new TreeMap<>();
                try {
                    for (MultiStatusResponse r : propfind.getResponseBodyAsMultiStatus(response).getResponses()) {
                        String href = r.getHref();
                        if (href.endsWith("/cert.pem") || href.endsWith("/key.pem")) {
                            DavPropertySet props = r.getProperties(200);
                            versions.put(href.substring(href.lastIndexOf('/') + 1), value(props.get(DavPropertyName
                                    .GETETAG)) + "@" + value(props.get(DavPropertyName.GETLASTMODIFIED)));
                        }
                    }
                } catch (DavException e) {
                    throw new CertificateManagerException(Reason.UNAVAILABLE, "unreadable PROPFIND answer for set "
                            + set + ": " + e.getMessage(), e);
                }
                if (versions.size() != 2) {
                    throw new CertificateManagerException(Reason.NOT_FOUND, "certificate set " + set
                            + " has no cert.pem and key.pem in the WebDAV tree");
                }
                return versions.toString();
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SetFiles fetch(String set) {
        SetFiles files = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            files = new SetFiles(file(set, "cert.pem"), file(set, "key.pem"), file(set, "chain.pem"),
                    file(set, "ca.pem"));
            if (files.consistent()) {
                return files;
            }
            // the set was renewed between two requests: read it again
        }
        throw new CertificateManagerException(Reason.UNAVAILABLE, "the files of certificate set " + set
                + " did not match each other in " + ATTEMPTS + " reads");
    }

    private String file(String set, String name) {
        String what = "read /certs/" + set + "/" + name;
        return execute(new HttpGet(server.resolve("certs/" + set + "/" + name)), what, response -> {
            if (response.getStatusLine().getStatusCode() != 200) {
                throw failure(response, what);
            }
            return EntityUtils.toString(response.getEntity(), StandardCharsets.US_ASCII);
        });
    }

    private JsonNode rest(HttpRequestBase request, String what) {
        return execute(request, what, response -> {
            int status = response.getStatusLine().getStatusCode();
            if (status / 100 != 2) {
                throw failure(response, what);
            }
            String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(),
                    StandardCharsets.UTF_8);
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        });
    }

    private interface Reader<T> {
        T read(HttpResponse response) throws IOException;
    }

    private <T> T execute(HttpRequestBase request, String what, Reader<T> reader) {
        request.setConfig(timeouts);
        CloseableHttpClient http = client();
        try (var response = http.execute(request)) {
            return reader.read(response);
        } catch (SSLException e) {
            session.reset(); // a revoked or expired client certificate: enroll again next time
            throw new CertificateManagerException(Reason.UNAVAILABLE, "cannot " + what + ": TLS with the certificate "
                    + "manager at " + server + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CertificateManagerException(Reason.UNAVAILABLE, "cannot " + what + ": the certificate manager at "
                    + server + " is unreachable: " + e.getMessage(), e);
        }
    }

    private CertificateManagerException failure(HttpResponse response, String what) throws IOException {
        int status = response.getStatusLine().getStatusCode();
        String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(),
                StandardCharsets.UTF_8);
        String message = body;
        try {
            JsonNode error = JSON.readTree(body).path("error");
            message = error.isTextual() ? error.textValue() : body;
        } catch (IOException e) {
            message = status == 403 ? "forbidden" : body.length() > 200 ? body.substring(0, 200) : body;
        }
        Reason reason = switch (status) {
            case 400 -> Reason.INVALID;
            case 403 -> Reason.POLICY;
            case 404 -> Reason.NOT_FOUND;
            case 409 -> Reason.CONFLICT;
            default -> Reason.UNAVAILABLE;
        };
        return new CertificateManagerException(reason, "cannot " + what + ": the certificate manager answered "
                + status + (message.isBlank() ? "" : ": " + message.trim()));
    }

    private synchronized CloseableHttpClient client() {
        CertificateMaterial material = session.material();
        if (client == null || material != clientFor) {
            closeClient();
            try {
                client = HttpClients.custom().setSSLContext(TlsContexts.mutual(material)).disableCookieManagement()
                        .disableAuthCaching().setMaxConnPerRoute(4).build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot build a TLS context from the driver's client certificate", e);
            }
            clientFor = material;
        }
        return client;
    }

    private URI api(String path) {
        return server.resolve("api/v1/sets" + (path.isEmpty() ? "" : "/" + path));
    }

    private static SetInfo set(JsonNode n) {
        return new SetInfo(n.path("name").asText(), n.path("serial").asText(), instant(n.path("notBefore")),
                instant(n.path("notAfter")), n.path("status").asText());
    }

    private static Instant instant(JsonNode n) {
        return n.isTextual() ? Instant.parse(n.textValue()) : null;
    }

    private static String value(DavProperty<?> p) {
        return p == null || p.getValue() == null ? "" : p.getValue().toString();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void closeClient() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // connections to a server that is going away
            }
            client = null;
        }
    }

    @Override
    public synchronized void close() {
        closeClient();
    }
}
