package dev.berth.certs.dav;

import org.apache.jackrabbit.webdav.DavSession;

/** A WebDAV request's authenticated client: the common name of its verified client certificate. */
final class ClientSession implements DavSession {

    private final String identity;
    private final boolean admin;

    ClientSession(String identity, boolean admin) {
        this.identity = identity;
        this.admin = admin;
    }

    String identity() {
        return identity;
    }

    boolean admin() {
        return admin;
    }

    @Override
    public void addReference(Object reference) {
        // nothing to keep across requests
    }

    @Override
    public void removeReference(Object reference) {
        // nothing to keep across requests
    }

    @Override
    public void addLockToken(String token) {
        // locking is not offered
    }

    @Override
    public String[] getLockTokens() {
        return new String[0];
    }

    @Override
    public void removeLockToken(String token) {
        // locking is not offered
    }
}
