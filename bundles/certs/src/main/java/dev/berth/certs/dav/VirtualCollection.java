package dev.berth.certs.dav;

import java.util.ArrayList;
import java.util.List;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavResource;
import org.apache.jackrabbit.webdav.DavResourceIterator;
import org.apache.jackrabbit.webdav.DavResourceIteratorImpl;
import org.apache.jackrabbit.webdav.DavResourceLocator;

/** A read-only collection computed from the certificate manager's state: {@code /}, {@code /certs/}, a set. */
final class VirtualCollection extends BaseResource {

    private final List<String> members;
    private final long modified;

    VirtualCollection(DavResourceLocator locator, CertificateResources resources, ClientSession session,
            List<String> members, long modified) {
        super(locator, resources, session);
        this.members = List.copyOf(members);
        this.modified = modified;
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public boolean isCollection() {
        return true;
    }

    @Override
    public long getModificationTime() {
        return modified;
    }

    @Override
    public DavResourceIterator getMembers() {
        List<DavResource> list = new ArrayList<>();
        for (String name : members) {
            try {
                list.add(resources.resource(PathLocators.at(locator, PathLocators.child(path(), name)), session));
            } catch (DavException e) {
                // a member that vanished or is not readable is not listed
            }
        }
        return new DavResourceIteratorImpl(list);
    }
}
