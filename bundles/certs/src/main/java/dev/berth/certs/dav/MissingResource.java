package dev.berth.certs.dav;

import org.apache.jackrabbit.webdav.DavResourceLocator;

/** A path in the read-only part of the tree where nothing is. */
final class MissingResource extends BaseResource {

    MissingResource(DavResourceLocator locator, CertificateResources resources, ClientSession session) {
        super(locator, resources, session);
    }

    @Override
    public boolean exists() {
        return false;
    }

    @Override
    public boolean isCollection() {
        return false;
    }

    @Override
    public long getModificationTime() {
        return 0;
    }
}
