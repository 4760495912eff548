package dev.berth.certs.dav;

import java.io.IOException;

import org.apache.jackrabbit.webdav.DavLocatorFactory;
import org.apache.jackrabbit.webdav.DavResource;
import org.apache.jackrabbit.webdav.DavResourceFactory;
import org.apache.jackrabbit.webdav.DavSessionProvider;
import org.apache.jackrabbit.webdav.WebdavRequest;
import org.apache.jackrabbit.webdav.server.AbstractWebdavServlet;

/** Jackrabbit's WebDAV servlet over the certificate tree ({@link CertificateResources}). */
public final class CertificateDavServlet extends AbstractWebdavServlet {

    private static final long serialVersionUID = 1L;

    private transient DavLocatorFactory locators = new PathLocators();
    private transient DavResourceFactory resources;
    private transient DavSessionProvider sessions;

    /**
     * Creates the servlet.
     *
     * @param backend the certificate sets, their readers and the files store
     * @throws IOException when the files store cannot be prepared
     */
    public CertificateDavServlet(DavBackend backend) throws IOException {
        this.resources = new CertificateResources(backend);
        this.sessions = new ClientSessionProvider(backend);
    }

    @Override
    protected boolean isPreconditionValid(WebdavRequest request, DavResource resource) {
        return !resource.exists() || request.matchesIfHeader(resource);
    }

    @Override
    public DavSessionProvider getDavSessionProvider() {
        return sessions;
    }

    @Override
    public void setDavSessionProvider(DavSessionProvider provider) {
        this.sessions = provider;
    }

    @Override
    public DavLocatorFactory getLocatorFactory() {
        return locators;
    }

    @Override
    public void setLocatorFactory(DavLocatorFactory factory) {
        this.locators = factory;
    }

    @Override
    public DavResourceFactory getResourceFactory() {
        return resources;
    }

    @Override
    public void setResourceFactory(DavResourceFactory factory) {
        this.resources = factory;
    }

    @Override
    public String getAuthenticateHeaderValue() {
        // authentication is the TLS client certificate; there is nothing to challenge for
        return "Certificate";
    }
}
