package dev.berth.certs.dav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.servlet.http.HttpServletResponse;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavMethods;
import org.apache.jackrabbit.webdav.DavResource;
import org.apache.jackrabbit.webdav.DavResourceFactory;
import org.apache.jackrabbit.webdav.DavResourceLocator;
import org.apache.jackrabbit.webdav.DavServletRequest;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.DavSession;

import dev.berth.certs.api.CertificateMaterial;

/**
 * The tree, and who may see which part of it:
 * <pre>
 * /                             everyone with a valid client certificate
 * /certs/                       lists the sets the client may read
 * /certs/SET/cert.pem           the set's certificate
 * /certs/SET/key.pem            its private key (PKCS#8), decrypted for this response only
 * /certs/SET/chain.pem          certificate and issuing CA
 * /certs/SET/ca.pem             the root
 * /files/...                    administrators only: read and write, encrypted at rest
 * </pre>
 * A set the client may not read is refused with 403 whether it exists or not.
 */
final class CertificateResources implements DavResourceFactory {

    static final List<String> SET_FILES = List.of("ca.pem", "cert.pem", "chain.pem", "key.pem");

    private final DavBackend backend;
    private final FileTree files;
    private final long started = System.currentTimeMillis();

    CertificateResources(DavBackend backend) throws IOException {
        this.backend = backend;
        this.files = new FileTree(backend.vault(), backend.maxFileBytes());
    }

    @Override
    public DavResource createResource(DavResourceLocator locator, DavServletRequest request,
            DavServletResponse response) throws DavException {
        boolean mkcol = DavMethods.getMethodCode(request.getMethod()) == DavMethods.DAV_MKCOL;
        return resource(locator, (ClientSession) request.getDavSession(), mkcol);
    }

    @Override
    public DavResource createResource(DavResourceLocator locator, DavSession session) throws DavException {
        return resource(locator, (ClientSession) session, false);
    }

    DavResource resource(DavResourceLocator locator, ClientSession session) throws DavException {
        return resource(locator, session, false);
    }

    private DavResource resource(DavResourceLocator locator, ClientSession session, boolean mkcol)
            throws DavException {
        String path = locator.getResourcePath() == null ? "" : locator.getResourcePath();
        List<String> segments = new ArrayList<>(Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
        if (segments.isEmpty()) {
            List<String> members = session.admin() ? List.of("certs", "files") : List.of("certs");
            return new VirtualCollection(locator, this, session, members, started);
        }
        switch (segments.get(0)) {
            case "files" -> {
                if (!session.admin()) {
                    throw forbidden(session, "/files/");
                }
                try {
                    return new FileResource(locator, this, session, files, segments.subList(1, segments.size()), mkcol);
                } catch (IllegalArgumentException e) {
                    throw new DavException(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
                }
            }
            case "certs" -> {
                return certs(locator, session, segments);
            }
            default -> {
                return new MissingResource(locator, this, session);
            }
        }
    }

    private DavResource certs(DavResourceLocator locator, ClientSession session, List<String> segments)
            throws DavException {
        if (segments.size() == 1) {
            return new VirtualCollection(locator, this, session, backend.readableSets(session.identity()), started);
        }
        String set = segments.get(1);
        Optional<CertificateMaterial> material = backend.material(set, session.identity());
        if (material.isEmpty()) {
            throw forbidden(session, "/certs/" + set + "/");
        }
        long modified = material.get().certificate().getNotBefore().getTime();
        if (segments.size() == 2) {
            return new VirtualCollection(locator, this, session, SET_FILES, modified);
        }
        if (segments.size() > 3 || !SET_FILES.contains(segments.get(2))) {
            return new MissingResource(locator, this, session);
        }
        CertificateMaterial m = material.get();
        String pem = switch (segments.get(2)) {
            case "cert.pem" -> m.certificatePem();
            case "chain.pem" -> m.chainPem();
            case "ca.pem" -> m.rootPem();
            default -> m.privateKeyPem();
        };
        return new VirtualFile(locator, this, session, pem.getBytes(StandardCharsets.US_ASCII),
                "application/x-pem-file", modified);
    }

    private static DavException forbidden(ClientSession session, String what) {
        return new DavException(HttpServletResponse.SC_FORBIDDEN, session.identity() + " may not access " + what);
    }
}
