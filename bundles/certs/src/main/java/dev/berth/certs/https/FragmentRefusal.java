package dev.berth.certs.https;

import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Refuses request URIs with a fragment ({@code DELETE /files/dir/#part}): a fragment is never sent by a correct
 * client, and ignoring it would make such a request act on the whole collection.
 */
final class FragmentRefusal extends HandlerWrapper {

    @Override
    public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (base.getHttpURI().getFragment() != null) {
            base.setHandled(true);
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "a request URI must not carry a fragment");
            return;
        }
        super.handle(target, base, request, response);
    }
}
