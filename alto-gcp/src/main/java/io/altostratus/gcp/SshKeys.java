package io.altostratus.gcp;

import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Project;
import io.altostratus.core.error.AltoException;

/**
 * Finds a launch's key pair among the project's SSH keys. GCE has no key-pair resource: keys live in the
 * {@code ssh-keys} metadata item, one {@code USER:KEY-TYPE KEY [COMMENT]} line each, project-wide or per instance.
 * A launch's {@code keyName} names the project-wide line whose user or comment is that name, and the launch puts
 * that line into the instance's own {@code ssh-keys}, so the guest agent creates the user with that key.
 */
final class SshKeys {
    private final GcpContext context;

    SshKeys(GcpContext context) {
        this.context = context;
    }

    /**
     * The {@code ssh-keys} line for a key name.
     *
     * @throws AltoException NOT_FOUND (KeyNotFound) when the project has no such key
     */
    String entry(String keyName) {
        Project project = context.calls().call("projects.get",
                () -> context.clients().projects().get(context.project()));
        for (Items item : project.getCommonInstanceMetadata().getItemsList()) {
            if (!item.getKey().equals("ssh-keys")) {
                continue;
            }
            for (String line : item.getValue().split("\n")) {
                String trimmed = line.strip();
                int colon = trimmed.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String user = trimmed.substring(0, colon);
                String[] parts = trimmed.substring(colon + 1).strip().split("\\s+");
                String comment = parts.length >= 3 ? parts[parts.length - 1] : null;
                if (keyName.equals(user) || keyName.equals(comment)) {
                    return trimmed;
                }
            }
        }
        throw AltoException.notFound("KeyNotFound", "the project " + context.project()
                + " has no SSH key named '" + keyName + "' in its ssh-keys metadata");
    }
}
