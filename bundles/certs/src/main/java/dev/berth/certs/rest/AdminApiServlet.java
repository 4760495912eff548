package dev.berth.certs.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.berth.certs.https.ClientIdentity;

/**
 * The operators' read-only REST API and web page, on the mutual-TLS listener, for administrators only:
 * <pre>
 * GET /api/v1/              the resources: [{"name", "title", "href"}], the certificate sets among them
 * GET /api/v1/NAME          a resource's rows (one JSON object per row)
 * GET /console/             the web page, which draws every resource as a table
 * </pre>
 * Everything else is 404; other methods are 405. Errors are {@code {"error": "..."}}.
 */
public final class AdminApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AdminApiServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The page's files: no inline script, so the page's content security policy can forbid it. */
    private static final Map<String, String> PAGE = Map.of("", "text/html", "console.js", "text/javascript",
            "console.css", "text/css");
    private static final String SETS = "sets";

    private final transient AdminResources resources;
    private final transient Predicate<String> admin;
    private final boolean page;

    /**
     * Creates the servlet.
     *
     * @param resources the capabilities' tables
     * @param admin tells whether a client identity is an administrator
     * @param page true to serve the web page, false to serve the API
     */
    public AdminApiServlet(AdminResources resources, Predicate<String> admin, boolean page) {
        this.resources = resources;
        this.admin = admin;
        this.page = page;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (ClientIdentity.of(request).filter(admin).isEmpty()) {
            send(response, 403, Map.of("error", "the operators' API and page are for administrators' client "
                    + "certificates (BERTH_CERTS_ADMINS)"));
            return;
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            send(response, 405, Map.of("error", request.getMethod() + " is not allowed: the API is read-only"));
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo().replaceAll("^/+", "");
        if (page) {
            servePage(response, request.getRequestURI(), path);
        } else if (path.isEmpty()) {
            send(response, 200, index());
        } else {
            String name = path.replaceAll("/+$", "");
            Optional<List<Map<String, Object>>> rows;
            try {
                rows = resources.rows(name);
            } catch (RuntimeException e) {
                LOG.warn("The operators' resource {} failed: {}", name, e.toString());
                send(response, 503, Map.of("error", name + " cannot be read now: " + e.getMessage()));
                return;
            }
            if (rows.isPresent()) {
                send(response, 200, rows.get());
            } else {
                send(response, 404, Map.of("error", "no resource " + name + "; GET /api/v1/ lists them"));
            }
        }
    }

    private List<Map<String, String>> index() {
        List<Map<String, String>> list = new ArrayList<>();
        List<AdminResources.Entry> entries = new ArrayList<>(resources.list());
        entries.add(new AdminResources.Entry(SETS, "Certificate sets"));
        entries.sort((a, b) -> a.name().compareTo(b.name()));
        for (AdminResources.Entry e : entries) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("name", e.name());
            row.put("title", e.title());
            row.put("href", "/api/v1/" + e.name());
            list.add(row);
        }
        return list;
    }

    private void servePage(HttpServletResponse response, String uri, String file) throws IOException {
        if (file.isEmpty() && !uri.endsWith("/")) {
            response.setStatus(301);
            response.setHeader("Location", "/console/");
            return;
        }
        String type = PAGE.get(file);
        if (type == null) {
            send(response, 404, Map.of("error", "no file " + file));
            return;
        }
        try (InputStream in = AdminApiServlet.class.getResourceAsStream("console/"
                + (file.isEmpty() ? "index.html" : file))) {
            if (in == null) {
                send(response, 404, Map.of("error", "no file " + file));
                return;
            }
            response.setStatus(200);
            response.setContentType(type + "; charset=utf-8");
            response.setHeader("Content-Security-Policy",
                    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-store");
            in.transferTo(response.getOutputStream());
        }
    }

    private static void send(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
