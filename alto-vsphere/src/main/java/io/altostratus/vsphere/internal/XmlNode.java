package io.altostratus.vsphere.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One element of a vim25 answer: its local name, its {@code xsi:type} (without prefix; null when absent), its
 * {@code type} attribute (a managed object reference's type), its text and its children. Readers ask for the
 * children they know by name and never look at the rest, which is how elements this client has never heard of
 * (newer hosts, vcsim) are skipped rather than refused.
 */
public final class XmlNode {
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final XMLInputFactory FACTORY = newFactory();

    private final String name;
    private final String xsiType;
    private final String refType;
    private final List<XmlNode> children = new ArrayList<>(4);
    private String text = "";

    private XmlNode(String name, String xsiType, String refType) {
        this.name = name;
        this.xsiType = xsiType;
        this.refType = refType;
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        // Answers come from the network: no DTDs, no external entities.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** The whole document's root element. */
    public static XmlNode parse(InputStream in) {
        try {
            XMLStreamReader r = FACTORY.createXMLStreamReader(in);
            try {
                List<XmlNode> stack = new ArrayList<>();
                XmlNode root = null;
                StringBuilder text = new StringBuilder();
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        String type = r.getAttributeValue(XSI, "type");
                        if (type != null && type.indexOf(':') >= 0) {
                            type = type.substring(type.indexOf(':') + 1);
                        }
                        XmlNode node = new XmlNode(r.getLocalName(), type, plainType(r));
                        if (!stack.isEmpty()) {
                            stack.get(stack.size() - 1).children.add(node);
                        } else {
                            root = node;
                        }
                        stack.add(node);
                        text.setLength(0);
                    } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                        text.append(r.getText());
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        XmlNode done = stack.remove(stack.size() - 1);
                        if (done.children.isEmpty()) {
                            done.text = text.toString();
                        }
                        text.setLength(0);
                    }
                }
                if (root == null) {
                    throw new VimException(0, "InvalidResponse", "an empty answer", null);
                }
                return root;
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new VimException(0, "InvalidResponse", "the answer is not XML: " + e.getMessage(), e);
        }
    }

    /** The {@code type} attribute without a namespace (a null namespace in StAX's lookup would match xsi:type too). */
    private static String plainType(XMLStreamReader r) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String ns = r.getAttributeNamespace(i);
            if ((ns == null || ns.isEmpty()) && r.getAttributeLocalName(i).equals("type")) {
                return r.getAttributeValue(i);
            }
        }
        return null;
    }

    public String name() {
        return name;
    }

    /** The {@code xsi:type}, e.g. {@code VirtualVmxnet3} or {@code ArrayOfGuestNicInfo}; null when not sent. */
    public String xsiType() {
        return xsiType;
    }

    /** The {@code type} attribute of a managed object reference ({@code VirtualMachine}). */
    public String refType() {
        return refType;
    }

    public String text() {
        return text;
    }

    public List<XmlNode> children() {
        return Collections.unmodifiableList(children);
    }

    /** The first child of that name, or null. */
    public XmlNode child(String childName) {
        for (XmlNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /** The children of that name, in document order. */
    public List<XmlNode> all(String childName) {
        List<XmlNode> out = new ArrayList<>();
        for (XmlNode c : children) {
            if (c.name.equals(childName)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The node at a path of child names, or null when any step is missing. */
    public XmlNode at(String... path) {
        XmlNode n = this;
        for (String step : path) {
            n = n.child(step);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /** The text at a path, or {@code fallback} when absent. */
    public String textAt(String fallback, String... path) {
        XmlNode n = at(path);
        return n == null ? fallback : n.text;
    }

    /** The first descendant (depth first) of that name, or null. */
    public XmlNode find(String descendant) {
        for (XmlNode c : children) {
            if (c.name.equals(descendant)) {
                return c;
            }
            XmlNode deeper = c.find(descendant);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    /** This node as a managed object reference. */
    public MoRef moRef() {
        return new MoRef(refType, text);
    }

    @Override
    public String toString() {
        return name + (xsiType == null ? "" : "[" + xsiType + "]") + (children.isEmpty() ? "=" + text
                : children.toString());
    }
}
