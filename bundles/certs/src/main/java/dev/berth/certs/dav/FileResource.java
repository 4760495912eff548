package dev.berth.certs.dav;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.List;

import javax.servlet.http.HttpServletResponse;

import org.apache.jackrabbit.webdav.DavException;
import org.apache.jackrabbit.webdav.DavResource;
import org.apache.jackrabbit.webdav.DavResourceIterator;
import org.apache.jackrabbit.webdav.DavResourceIteratorImpl;
import org.apache.jackrabbit.webdav.DavResourceLocator;
import org.apache.jackrabbit.webdav.DavServletResponse;
import org.apache.jackrabbit.webdav.MultiStatusResponse;
import org.apache.jackrabbit.webdav.io.InputContext;
import org.apache.jackrabbit.webdav.property.DavProperty;
import org.apache.jackrabbit.webdav.property.DavPropertyName;
import org.apache.jackrabbit.webdav.property.DavPropertySet;
import org.apache.jackrabbit.webdav.property.PropEntry;

/** A file or collection of the administrators' writable tree {@code /files/}. */
final class FileResource extends BaseResource {

    private static final String METHODS = READ_METHODS + ", PROPPATCH, PUT, DELETE, MKCOL, COPY, MOVE";

    private final FileTree tree;
    private final List<String> path;
    /** For a path that does not exist yet: whether the request creates a collection (MKCOL). */
    private final boolean creatingCollection;

    FileResource(DavResourceLocator locator, CertificateResources resources, ClientSession session, FileTree tree,
            List<String> path, boolean creatingCollection) {
        super(locator, resources, session);
        this.tree = tree;
        this.path = List.copyOf(path);
        this.creatingCollection = creatingCollection;
    }

    @Override
    public String getSupportedMethods() {
        return METHODS;
    }

    @Override
    public boolean exists() {
        return tree.kind(path) != FileTree.Kind.MISSING;
    }

    @Override
    public boolean isCollection() {
        FileTree.Kind kind = tree.kind(path);
        return kind == FileTree.Kind.COLLECTION || kind == FileTree.Kind.MISSING && creatingCollection;
    }

    @Override
    public String getDisplayName() {
        return path.isEmpty() ? "files" : path.get(path.size() - 1);
    }

    @Override
    public long getModificationTime() {
        try {
            return exists() ? tree.modified(path) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    long contentLength() throws IOException {
        return tree.size(path);
    }

    @Override
    String contentType() {
        String guessed = URLConnection.guessContentTypeFromName(getDisplayName());
        return getDisplayName().endsWith(".pem") ? "application/x-pem-file"
                : guessed == null ? "application/octet-stream" : guessed;
    }

    @Override
    byte[] content() throws IOException {
        return tree.read(path);
    }

    @Override
    public DavPropertySet getProperties() {
        DavPropertySet set = super.getProperties();
        if (exists()) {
            try {
                for (DavProperty<?> p : tree.deadProperties(path)) {
                    if (!set.contains(p.getName())) {
                        set.add(p);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return set;
    }

    @Override
    public void setProperty(DavProperty<?> property) throws DavException {
        check(alterProperties(List.of(property)));
    }

    @Override
    public void removeProperty(DavPropertyName name) throws DavException {
        check(alterProperties(List.of(name)));
    }

    /** Applies all changes or none (RFC 4918 9.2); live properties are protected. */
    @Override
    public MultiStatusResponse alterProperties(List<? extends PropEntry> changes) throws DavException {
        if (!exists()) {
            throw new DavException(HttpServletResponse.SC_NOT_FOUND);
        }
        try {
            DavPropertySet dead = tree.deadProperties(path);
            List<DavPropertyName> names = new ArrayList<>();
            boolean refused = false;
            for (PropEntry change : changes) {
                DavPropertyName name = change instanceof DavProperty<?> p ? p.getName() : (DavPropertyName) change;
                names.add(name);
                if (live(name)) {
                    refused = true;
                } else if (change instanceof DavProperty<?> p) {
                    dead.add(p);
                } else {
                    dead.remove(name);
                }
            }
            MultiStatusResponse response = new MultiStatusResponse(getHref(), null);
            for (DavPropertyName name : names) {
                response.add(name, !refused ? HttpServletResponse.SC_OK
                        : live(name) ? HttpServletResponse.SC_CONFLICT : DavServletResponse.SC_FAILED_DEPENDENCY);
            }
            if (!refused) {
                tree.setDeadProperties(path, dead);
            }
            return response;
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private boolean live(DavPropertyName name) {
        return super.getProperties().contains(name) || DavPropertyName.RESOURCETYPE.equals(name)
                || DavPropertyName.GETETAG.equals(name) || DavPropertyName.GETCONTENTLENGTH.equals(name)
                || DavPropertyName.GETLASTMODIFIED.equals(name) || DavPropertyName.LOCKDISCOVERY.equals(name)
                || DavPropertyName.SUPPORTEDLOCK.equals(name);
    }

    @Override
    public DavResourceIterator getMembers() {
        if (tree.kind(path) != FileTree.Kind.COLLECTION) {
            return DavResourceIteratorImpl.EMPTY;
        }
        try {
            List<DavResource> members = new ArrayList<>();
            for (String name : tree.members(path)) {
                List<String> member = FileTree.append(path, name);
                members.add(new FileResource(PathLocators.at(locator, PathLocators.child(path(), name)), resources,
                        session, tree, member, false));
            }
            return new DavResourceIteratorImpl(members);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void addMember(DavResource member, InputContext input) throws DavException {
        if (tree.kind(path) != FileTree.Kind.COLLECTION) {
            throw new DavException(HttpServletResponse.SC_CONFLICT, getHref() + " is not a collection");
        }
        FileResource target = inTree(member);
        try {
            if (target.isCollection()) {
                if (input.hasStream() && input.getContentLength() != 0) {
                    throw new DavException(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                            "MKCOL with a body is not supported");
                }
                tree.createCollection(target.path);
            } else {
                tree.write(target.path, read(input));
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private byte[] read(InputContext input) throws IOException, DavException {
        if (!input.hasStream()) {
            return new byte[0];
        }
        try (InputStream in = input.getInputStream()) {
            byte[] content = in.readNBytes(tree.maxBytes() + 1);
            if (content.length > tree.maxBytes()) {
                throw new DavException(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "files are limited to "
                        + tree.maxBytes() + " bytes");
            }
            return content;
        }
    }

    @Override
    public void removeMember(DavResource member) throws DavException {
        FileResource target = inTree(member);
        if (!target.exists()) {
            throw new DavException(HttpServletResponse.SC_NOT_FOUND);
        }
        try {
            tree.delete(target.path);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void copy(DavResource destination, boolean shallow) throws DavException {
        FileResource target = checkDestination(destination);
        try {
            tree.copy(path, target.path, shallow);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void move(DavResource destination) throws DavException {
        FileResource target = checkDestination(destination);
        try {
            tree.move(path, target.path);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private FileResource checkDestination(DavResource destination) throws DavException {
        if (!exists()) {
            throw new DavException(HttpServletResponse.SC_NOT_FOUND);
        }
        FileResource target = inTree(destination);
        if (target.path.isEmpty() || tree.kind(target.path.subList(0, target.path.size() - 1))
                != FileTree.Kind.COLLECTION) {
            throw new DavException(HttpServletResponse.SC_CONFLICT, "the destination's parent collection does not exist");
        }
        if (target.path.size() > path.size() && target.path.subList(0, path.size()).equals(path)) {
            throw new DavException(HttpServletResponse.SC_FORBIDDEN, "cannot copy or move a collection into itself");
        }
        return target;
    }

    private static FileResource inTree(DavResource resource) throws DavException {
        if (resource instanceof FileResource f) {
            return f;
        }
        throw new DavException(HttpServletResponse.SC_FORBIDDEN, "only /files/ is writable");
    }

    private static void check(MultiStatusResponse response) throws DavException {
        if (response.getStatus().length > 0 && response.getPropertyNames(HttpServletResponse.SC_OK).isEmpty()) {
            throw new DavException(HttpServletResponse.SC_CONFLICT, "protected property");
        }
    }

    private static DavException failed(IOException e) {
        return new DavException(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e.getMessage(), e, null);
    }
}
