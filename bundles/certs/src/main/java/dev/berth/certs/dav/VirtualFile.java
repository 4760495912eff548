package dev.berth.certs.dav;

import org.apache.jackrabbit.webdav.DavResourceLocator;

/** A read-only file of a certificate set, rendered from memory; private keys are never written anywhere else. */
final class VirtualFile extends BaseResource {

    private final byte[] content;
    private final String type;
    private final long modified;

    VirtualFile(DavResourceLocator locator, CertificateResources resources, ClientSession session, byte[] content,
            String type, long modified) {
        super(locator, resources, session);
        this.content = content;
        this.type = type;
        this.modified = modified;
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public boolean isCollection() {
        return false;
    }

    @Override
    public long getModificationTime() {
        return modified;
    }

    @Override
    long contentLength() {
        return content.length;
    }

    @Override
    String contentType() {
        return type;
    }

    @Override
    byte[] content() {
        return content.clone();
    }
}
