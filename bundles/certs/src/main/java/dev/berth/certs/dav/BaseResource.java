package dev.berth.certs.dav;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.servlet.http.HttpServletResponse;

import org.apache.jackrabbit.webdav.DavCompliance;
import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavResource;
import org.apache.jackrabbit.webdav.DavResourceFactory;
import org.apache.jackrabbit.webdav.DavResourceIterator;
import org.apache.jackrabbit.webdav.DavResourceIteratorImpl;
import org.apache.jackrabbit.webdav.DavResourceLocator;
import org.apache.jackrabbit.webdav.DavSession;
import org.apache.jackrabbit.webdav.MultiStatusResponse;
import org.apache.jackrabbit.webdav.io.InputContext;
import org.apache.jackrabbit.webdav.io.OutputContext;
import org.apache.jackrabbit.webdav.lock.ActiveLock;
import org.apache.jackrabbit.webdav.lock.LockInfo;
import org.apache.jackrabbit.webdav.lock.LockManager;
import org.apache.jackrabbit.webdav.lock.Scope;
import org.apache.jackrabbit.webdav.lock.Type;
import org.apache.jackrabbit.webdav.property.DavProperty;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DavPropertySet;
import org.apache.jackrabbit.webdav.property.DefaultDavProperty;
import org.apache.jackrabbit.webdav.property.PropEntry;
import org.apache.jackrabbit.webdav.property.ResourceType;
import org.apache.jackrabbit.webdav.util.HttpDateTimeFormatter;

/**
 * What every resource of the tree shares: locator, live properties, and refusals for what it does not allow.
 * Read-only by default; locking (WebDAV class 2) is not offered.
 */
abstract class BaseResource implements DavResource {

    static final String READ_METHODS = "OPTIONS, GET, HEAD, PROPFIND";

    protected final DavResourceLocator locator;
    protected final CertificateResources resources;
    protected final ClientSession session;

    BaseResource(DavResourceLocator locator, CertificateResources resources, ClientSession session) {
        this.locator = locator;
        this.resources = resources;
        this.session = session;
    }

    /** The path of this resource: {@code /} for the root. */
    String path() {
        String p = locator.getResourcePath();
        return p == null || p.isEmpty() ? "/" : p;
    }

    /** Size of the content; only for non-collections. */
    long contentLength() throws IOException {
        return 0;
    }

    String contentType() {
        return "application/octet-stream";
    }

    @Override
    public String getComplianceClass() {
        return DavCompliance._1_;
    }

    @Override
    public String getSupportedMethods() {
        return READ_METHODS;
    }

    @Override
    public DavResourceLocator getLocator() {
        return locator;
    }

    @Override
    public String getResourcePath() {
        return locator.getResourcePath();
    }

    @Override
    public String getHref() {
        return locator.getHref(isCollection());
    }

    @Override
    public String getDisplayName() {
        return PathLocators.name(path());
    }

    @Override
    public DavResourceFactory getFactory() {
        return resources;
    }

    @Override
    public DavSession getSession() {
        return session;
    }

    /** Live properties, computed at each call; subclasses add dead ones. */
    @Override
    public DavPropertySet getProperties() {
        DavPropertySet set = new DavPropertySet();
        if (!exists()) {
            return set;
        }
        set.add(new ResourceType(isCollection() ? ResourceType.COLLECTION : ResourceType.DEFAULT_RESOURCE));
        set.add(new DefaultDavProperty<>(DavPropertyName.DISPLAYNAME, getDisplayName()));
        long modified = getModificationTime();
        set.add(new DefaultDavProperty<>(DavPropertyName.GETLASTMODIFIED, HttpDateTimeFormatter.format(modified)));
        if (!isCollection()) {
            try {
                set.add(new DefaultDavProperty<>(DavPropertyName.GETCONTENTLENGTH, Long.toString(contentLength())));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            set.add(new DefaultDavProperty<>(DavPropertyName.GETCONTENTTYPE, contentType()));
            set.add(new DefaultDavProperty<>(DavPropertyName.GETETAG, etag()));
        }
        return set;
    }

    String etag() {
        try {
            return "\"" + Long.toHexString(getModificationTime()) + "-" + Long.toHexString(contentLength()) + "\"";
        } catch (IOException e) {
            return "\"" + Long.toHexString(getModificationTime()) + "\"";
        }
    }

    @Override
    public DavPropertyName[] getPropertyNames() {
        return getProperties().getPropertyNames();
    }

    @Override
    public DavProperty<?> getProperty(DavPropertyName name) {
        return getProperties().get(name);
    }

    @Override
    public void setProperty(DavProperty<?> property) throws DavException {
        throw readOnly();
    }

    @Override
    public void removeProperty(DavPropertyName name) throws DavException {
        throw readOnly();
    }

    @Override
    public MultiStatusResponse alterProperties(List<? extends PropEntry> changes) throws DavException {
        throw readOnly();
    }

    @Override
    public DavResource getCollection() {
        String path = path();
        if ("/".equals(path)) {
            return null;
        }
        try {
            return resources.resource(PathLocators.at(locator, PathLocators.parent(path)), session);
        } catch (DavException e) {
            return null;
        }
    }

    @Override
    public void addMember(DavResource member, InputContext input) throws DavException {
        throw readOnly();
    }

    @Override
    public DavResourceIterator getMembers() {
        return DavResourceIteratorImpl.EMPTY;
    }

    @Override
    public void removeMember(DavResource member) throws DavException {
        throw readOnly();
    }

    @Override
    public void move(DavResource destination) throws DavException {
        throw readOnly();
    }

    @Override
    public void copy(DavResource destination, boolean shallow) throws DavException {
        throw readOnly();
    }

    @Override
    public boolean isLockable(Type type, Scope scope) {
        return false;
    }

    @Override
    public boolean hasLock(Type type, Scope scope) {
        return false;
    }

    @Override
    public ActiveLock getLock(Type type, Scope scope) {
        return null;
    }

    @Override
    public ActiveLock[] getLocks() {
        return new ActiveLock[0];
    }

    @Override
    public ActiveLock lock(LockInfo info) throws DavException {
        throw new DavException(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "locking is not supported");
    }

    @Override
    public ActiveLock refreshLock(LockInfo info, String token) throws DavException {
        throw new DavException(HttpServletResponse.SC_PRECONDITION_FAILED, "locking is not supported");
    }

    @Override
    public void unlock(String token) throws DavException {
        throw new DavException(HttpServletResponse.SC_PRECONDITION_FAILED, "locking is not supported");
    }

    @Override
    public void addLockManager(LockManager manager) {
        // locking is not supported
    }

    /** Writes a collection's listing as text, or a file's content. */
    @Override
    public void spool(OutputContext output) throws IOException {
        if (!exists()) {
            throw new IOException(path() + " does not exist");
        }
        byte[] content;
        String type;
        if (isCollection()) {
            StringBuilder listing = new StringBuilder();
            for (DavResourceIterator it = getMembers(); it.hasNext();) {
                DavResource m = it.nextResource();
                listing.append(m.getDisplayName()).append(m.isCollection() ? "/" : "").append('\n');
            }
            content = listing.toString().getBytes(StandardCharsets.UTF_8);
            type = "text/plain;charset=utf-8";
        } else {
            content = content();
            type = contentType();
            output.setETag(etag());
        }
        output.setContentType(type);
        output.setContentLength(content.length);
        output.setModificationTime(getModificationTime());
        if (output.hasStream()) {
            OutputStream out = output.getOutputStream();
            out.write(content);
        }
    }

    /** The content of a non-collection. */
    byte[] content() throws IOException {
        return new byte[0];
    }

    static DavException readOnly() {
        return new DavException(HttpServletResponse.SC_FORBIDDEN, "this part of the tree is read-only");
    }
}
