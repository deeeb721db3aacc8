package io.altostratus.vsphere.internal;

import java.util.Map;

/**
 * One object of a property collector answer: its reference and the properties that came back, by path
 * ({@code config.hardware.numCPU}); a property the server left out (unset, or not readable) is simply absent.
 */
public record ObjectContent(MoRef obj, Map<String, XmlNode> props) {
    public ObjectContent {
        props = Map.copyOf(props);
    }

    public XmlNode prop(String path) {
        return props.get(path);
    }

    /** A property's text, or {@code fallback} when absent. */
    public String text(String path, String fallback) {
        XmlNode n = props.get(path);
        return n == null ? fallback : n.text();
    }

    public int integer(String path, int fallback) {
        String t = text(path, null);
        try {
            return t == null ? fallback : Integer.parseInt(t.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public boolean bool(String path) {
        return "true".equals(text(path, "false"));
    }

    /** A property holding one managed object reference, or null. */
    public MoRef ref(String path) {
        XmlNode n = props.get(path);
        return n == null || n.text().isEmpty() ? null : n.moRef();
    }
}
