package dev.berth.certs.rest;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.certs.api.CertificateManagerException;
import dev.berth.certs.api.CertificateSets;
import dev.berth.certs.api.RevocationReason;
import dev.berth.certs.https.ClientIdentity;

/**
 * The certificate sets over REST, on the mutual-TLS listener, for administrators:
 * <pre>
 * GET    /api/v1/sets                  the sets
 * POST   /api/v1/sets                  creates one (SetRequestJson), 201
 * GET    /api/v1/sets/NAME             one set
 * DELETE /api/v1/sets/NAME             deletes it, 204
 * POST   /api/v1/sets/NAME/renew       renews it now
 * POST   /api/v1/sets/NAME/revoke      revokes its certificate ({"reason": "key-compromise"})
 * </pre>
 * Errors are {@code {"error": "..."}} with 400 invalid, 403 refused by policy or not an administrator, 404, 409.
 * An enrolled client that is not an administrator sees and manages only the sets of its own namespace
 * ({@link ClientSetPolicy}).
 */
public final class SetsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final transient CertificateSets sets;
    private final transient Predicate<String> admin;
    private final transient ClientSetPolicy clients;

    /**
     * Creates the servlet for administrators only.
     *
     * @param sets the certificate sets
     * @param admin tells whether a client identity is an administrator
     */
    public SetsServlet(CertificateSets sets, Predicate<String> admin) {
        this(sets, admin, ClientSetPolicy.NONE);
    }

    /**
     * Creates the servlet.
     *
     * @param sets the certificate sets
     * @param admin tells whether a client identity is an administrator
     * @param clients what enrolled clients may do with the sets of their own namespace
     */
    public SetsServlet(CertificateSets sets, Predicate<String> admin, ClientSetPolicy clients) {
        this.sets = sets;
        this.admin = admin;
        this.clients = clients;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> identity = ClientIdentity.of(request);
        boolean administrator = identity.filter(admin).isPresent();
        Optional<String> namespace = administrator ? Optional.empty() : identity.flatMap(clients::namespace);
        if (!administrator && namespace.isEmpty()) {
            send(response, 403, Map.of("error", "the REST API is for administrators' client certificates and for "
                    + "enrolled clients' own sets"));
            return;
        }
        String[] path = (request.getPathInfo() == null ? "" : request.getPathInfo()).replaceAll("^/+|/+$", "")
                .split("/");
        try {
            if (namespace.isPresent()) {
                routeClient(request, response, identity.get(), namespace.get(), path);
                return;
            }
            route(request, response, request.getMethod(), path);
        } catch (CertificateManagerException e) {
            send(response, status(e.reason()), Map.of("error", e.getMessage()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            send(response, 400, Map.of("error", "malformed request: " + e.getMessage()));
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response, String method, String[] path)
            throws IOException {
        boolean all = path.length == 1 && path[0].isEmpty();
        if (all && "GET".equals(method)) {
            send(response, 200, sets.list().stream().map(SetJson::of).toList());
        } else if (all && "POST".equals(method)) {
            SetRequestJson body = JSON.readValue(request.getInputStream(), SetRequestJson.class);
            send(response, 201, SetJson.of(sets.create(body.spec())));
        } else if (path.length == 1 && "GET".equals(method)) {
            send(response, 200, SetJson.of(sets.find(path[0]).orElseThrow(() -> new CertificateManagerException(
                    CertificateManagerException.Reason.NOT_FOUND, "no certificate set named '" + path[0] + "'"))));
        } else if (path.length == 1 && "DELETE".equals(method)) {
            sets.delete(path[0]);
            response.setStatus(204);
        } else if (path.length == 2 && "POST".equals(method) && "renew".equals(path[1])) {
            send(response, 200, SetJson.of(sets.renew(path[0])));
        } else if (path.length == 2 && "POST".equals(method) && "revoke".equals(path[1])) {
            Map<?, ?> body = request.getContentLength() == 0 ? Map.of()
                    : JSON.readValue(request.getInputStream(), Map.class);
            Object reason = body.get("reason");
            send(response, 200, SetJson.of(sets.revoke(path[0], reason == null ? RevocationReason.UNSPECIFIED
                    : RevocationReason.valueOf(reason.toString().toUpperCase(Locale.ROOT).replace('-', '_')))));
        } else {
            send(response, 404, Map.of("error", "no such resource: " + method + " /api/v1/sets/"
                    + String.join("/", path)));
        }
    }

    /** An enrolled client: its own namespace only, creation through its policy. */
    private void routeClient(HttpServletRequest request, HttpServletResponse response, String identity,
            String namespace, String[] path) throws IOException {
        String method = request.getMethod();
        boolean all = path.length == 1 && path[0].isEmpty();
        if (all && "GET".equals(method)) {
            send(response, 200, sets.list().stream().filter(s -> s.name().startsWith(namespace)).map(SetJson::of)
                    .toList());
        } else if (all && "POST".equals(method)) {
            SetRequestJson body = JSON.readValue(request.getInputStream(), SetRequestJson.class);
            send(response, 201, SetJson.of(sets.create(clients.admit(identity, body.spec()))));
        } else if (!all && !path[0].startsWith(namespace)) {
            send(response, 403, Map.of("error", identity + " may manage only the sets named " + namespace + "*"));
        } else if ((path.length == 1 && ("GET".equals(method) || "DELETE".equals(method)))
                || (path.length == 2 && "POST".equals(method))) {
            route(request, response, method, path);
        } else {
            send(response, 404, Map.of("error", "no such resource: " + method + " /api/v1/sets/"
                    + String.join("/", path)));
        }
    }

    private static int status(CertificateManagerException.Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case POLICY, REFUSED -> 403;
            case UNAVAILABLE -> 503;
        };
    }

    private static void send(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
