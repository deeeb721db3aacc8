package io.altostratus.vsphere.internal;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the arguments of one vim25 method with StAX, so names and values are escaped by the XML library and never
 * pasted into strings. Elements go in the order vim25's schema lists them: servers check the order.
 */
public final class SoapBody {
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private final XMLStreamWriter out;

    SoapBody(XMLStreamWriter out) {
        this.out = out;
    }

    /** {@code <name>text</name>}; nothing when {@code text} is null. */
    public SoapBody element(String name, Object text) {
        if (text == null) {
            return this;
        }
        try {
            out.writeStartElement(name);
            out.writeCharacters(text.toString());
            out.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** {@code <name type="VirtualMachine">vm-42</name>}; nothing when {@code ref} is null. */
    public SoapBody ref(String name, MoRef ref) {
        if (ref == null) {
            return this;
        }
        try {
            out.writeStartElement(name);
            out.writeAttribute("type", ref.type());
            out.writeCharacters(ref.value());
            out.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Opens {@code <name>}; close it with {@link #close()}. */
    public SoapBody open(String name) {
        return open(name, null);
    }

    /** Opens {@code <name xsi:type="type">}, as vim25 wants for every value of a subtype or of {@code anyType}. */
    public SoapBody open(String name, String xsiType) {
        try {
            out.writeStartElement(name);
            if (xsiType != null) {
                out.writeAttribute("xsi", XSI, "type", xsiType);
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** {@code <name xsi:type="xsd:string">text</name>}, the form of an {@code anyType} string value. */
    public SoapBody string(String name, String text) {
        try {
            out.writeStartElement(name);
            out.writeAttribute("xsi", XSI, "type", "xsd:string");
            out.writeCharacters(text);
            out.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public SoapBody close() {
        try {
            out.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }
}
