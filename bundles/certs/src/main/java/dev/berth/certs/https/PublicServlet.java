package dev.berth.certs.https;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import dev.berth.certs.api.Pem;
import dev.berth.certs.enroll.SealedMessage;

/**
 * {@code POST /enroll} (a sealed request, {@code application/vnd.berth.enroll.v1}), {@code GET /ca.pem},
 * {@code GET /issuing.pem}, {@code GET /crl} (DER) and {@code GET /crl.pem}.
 */
final class PublicServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String MEDIA_TYPE = "application/vnd.berth.enroll.v1";
    private static final int MAX_REQUEST = SealedMessage.MAX_CIPHERTEXT + 1024;

    private final transient PublicEndpoints endpoints;

    PublicServlet(PublicEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/enroll".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_REQUEST + 1);
        }
        Answer answer = body.length > MAX_REQUEST ? Answer.plain(413, "enrollment request too large")
                : endpoints.enroll(body);
        response.setStatus(answer.status());
        response.setContentType(answer.status() == 200 ? MEDIA_TYPE : "text/plain;charset=utf-8");
        response.setContentLength(answer.body().length);
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(answer.body());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/ca.pem" -> send(response, "application/x-pem-file", endpoints.rootPem().getBytes(StandardCharsets.US_ASCII));
            case "/issuing.pem" -> send(response, "application/x-pem-file",
                    endpoints.issuingPem().getBytes(StandardCharsets.US_ASCII));
            case "/crl" -> send(response, "application/pkix-crl", endpoints.crl());
            case "/crl.pem" -> send(response, "application/x-pem-file",
                    Pem.block("X509 CRL", endpoints.crl()).getBytes(StandardCharsets.US_ASCII));
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private static void send(HttpServletResponse response, String type, byte[] body) throws IOException {
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
