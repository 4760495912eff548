package dev.berth.certs.dav;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;

import org.apache.jackrabbit.webdav.property.DavProperty;
import org.apache.jackrabbit.webdav.property.DavPropertySet;
import org.apache.jackrabbit.webdav.property.DefaultDavProperty;
import org.apache.jackrabbit.webdav.xml.DomUtil;
import org.apache.jackrabbit.webdav.xml.ElementIterator;
import org.apache.jackrabbit.webdav.xml.Namespace;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/** Dead properties (set by clients with PROPPATCH) kept as the XML they arrived in. */
final class DeadProperties {

    private static final Namespace BERTH = Namespace.getNamespace("b", "urn:berth:dav:1");

    private DeadProperties() {
    }

    static byte[] encode(DavPropertySet properties) throws IOException {
        try {
            Document document = DomUtil.createDocument();
            Element root = DomUtil.createElement(document, "properties", BERTH);
            document.appendChild(root);
            for (DavProperty<?> p : properties) {
                root.appendChild(p.toXml(document));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DomUtil.transformDocument(document, out);
            return out.toByteArray();
        } catch (ParserConfigurationException | TransformerException | SAXException e) {
            throw new IOException("cannot serialize WebDAV properties", e);
        }
    }

    static DavPropertySet decode(byte[] xml) throws IOException {
        DavPropertySet set = new DavPropertySet();
        try {
            Document document = DomUtil.parseDocument(new ByteArrayInputStream(xml));
            for (ElementIterator it = DomUtil.getChildren(document.getDocumentElement()); it.hasNext();) {
                set.add(DefaultDavProperty.createFromXml(it.nextElement()));
            }
            return set;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("stored WebDAV properties do not parse", e);
        }
    }
}
