package dev.berth.certs.dav;

import org.apache.jackrabbit.webdav.AbstractLocatorFactory;
import org.apache.jackrabbit.webdav.DavResourceLocator;

/** Locators whose resource path is the request path itself; the first segment plays the workspace. */
final class PathLocators extends AbstractLocatorFactory {

    PathLocators() {
        super("");
    }

    @Override
    protected String getRepositoryPath(String resourcePath, String workspacePath) {
        return resourcePath;
    }

    @Override
    protected String getResourcePath(String repositoryPath, String workspacePath) {
        return repositoryPath;
    }

    /** The locator of a path (for example {@code /certs/web}) next to an existing locator. */
    static DavResourceLocator at(DavResourceLocator near, String path) {
        if (path == null || path.isEmpty() || "/".equals(path)) {
            return near.getFactory().createResourceLocator(near.getPrefix(), null, null);
        }
        int second = path.indexOf('/', 1);
        String workspace = second < 0 ? path : path.substring(0, second);
        return near.getFactory().createResourceLocator(near.getPrefix(), workspace, path);
    }

    static String child(String parent, String name) {
        return (parent == null || "/".equals(parent) ? "" : parent) + "/" + name;
    }

    static String parent(String path) {
        int last = path.lastIndexOf('/');
        return last <= 0 ? "/" : path.substring(0, last);
    }

    static String name(String path) {
        return path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    }
}
