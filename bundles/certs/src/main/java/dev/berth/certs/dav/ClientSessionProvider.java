package dev.berth.certs.dav;

import javax.servlet.http.HttpServletResponse;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavSessionProvider;
import org.apache.jackrabbit.webdav.WebdavRequest;

import dev.berth.certs.https.ClientIdentity;

/**
 * Attaches the client's identity to each request. The TLS layer already verified the certificate against
 * Berth's CA and the revocation list; here only its common name is read.
 */
final class ClientSessionProvider implements DavSessionProvider {

    private final DavBackend backend;

    ClientSessionProvider(DavBackend backend) {
        this.backend = backend;
    }

    @Override
    public boolean attachSession(WebdavRequest request) throws DavException {
        String identity = ClientIdentity.of(request).orElseThrow(() -> new DavException(
                HttpServletResponse.SC_FORBIDDEN, "a client certificate with one common name is required"));
        request.setDavSession(new ClientSession(identity, backend.isAdmin(identity)));
        return true;
    }

    @Override
    public void releaseSession(WebdavRequest request) {
        request.setDavSession(null);
    }
}
