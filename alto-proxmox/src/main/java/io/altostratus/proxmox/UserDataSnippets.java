package io.altostratus.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.proxmox.internal.PveClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * User data on Proxmox: cloud-init reads it from a snippet file named by the VM's {@code cicustom user=...}, and a
 * snippet lives on a storage that allows the {@code snippets} content type ({@code snippets_storage} in
 * {@code [proxmox]}). The snippet then replaces the user data Proxmox generates from {@code ciuser} and
 * {@code sshkeys}, so it must create its own users and keys. Without such a storage, a launch with user data is
 * refused before anything is made.
 */
final class UserDataSnippets {
    private final PveSession session;

    UserDataSnippets(PveSession session) {
        this.session = session;
    }

    /**
     * The storage snippets go to, checked to allow them.
     *
     * @throws AltoException UNSUPPORTED when no snippets storage is set or it does not take snippets
     */
    String storage() {
        String storage = session.settings().snippetsStorage();
        if (storage == null) {
            throw new AltoException(ErrorCode.UNSUPPORTED, "UserDataNeedsSnippets", "user data on Proxmox goes into "
                    + "a cloud-init snippet (cicustom), which needs a storage with the 'snippets' content type: "
                    + "set snippets_storage in [proxmox] (e.g. local, after 'pvesm set local --content "
                    + "iso,vztmpl,backup,snippets')");
        }
        JsonNode config = session.retrier().call("storage " + storage,
                () -> session.client().get("/storage/" + PveClient.segment(storage)));
        String content = config.path("content").asText("");
        if (Arrays.stream(content.split(",")).noneMatch(c -> c.strip().equals("snippets"))) {
            throw new AltoException(ErrorCode.UNSUPPORTED, "UserDataNeedsSnippets", "storage '" + storage
                    + "' does not allow snippets (content: " + (content.isEmpty() ? "none" : content)
                    + "), so user data cannot reach cloud-init: add 'snippets' to its content types");
        }
        return storage;
    }

    /** Writes the user data for {@code vm} and returns the {@code cicustom} value that names it. */
    String write(String storage, VmRef vm, String userData) {
        String file = "alto-" + vm.vmid() + "-user.yaml";
        try {
            session.retrier().call("storage.upload " + storage, () -> session.client().upload("/nodes/"
                            + PveClient.segment(vm.node()) + "/storage/" + PveClient.segment(storage) + "/upload",
                    Map.of("content", "snippets"), file, userData.getBytes(StandardCharsets.UTF_8)));
        } catch (AltoException e) {
            if (e.code() == ErrorCode.INVALID_PARAMETER) {
                throw new AltoException(ErrorCode.UNSUPPORTED, "SnippetUploadRefused", "this Proxmox refuses "
                        + "snippet uploads through its API (" + e.getMessage() + "); copy the file to " + storage
                        + ":snippets/" + file + " on the node and set cicustom yourself, or launch without user data",
                        e);
            }
            throw e;
        }
        return "user=" + storage + ":snippets/" + file;
    }
}
