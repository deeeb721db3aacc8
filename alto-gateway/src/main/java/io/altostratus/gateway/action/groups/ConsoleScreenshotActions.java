package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.http.Ec2WireException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import software.amazon.awssdk.services.ec2.model.GetConsoleScreenshotRequest;
import software.amazon.awssdk.services.ec2.model.GetConsoleScreenshotResponse;

/**
 * GetConsoleScreenshot for a running instance: a JPEG, base64-encoded, as EC2 answers. No guest draws a screen
 * here, so every screenshot is the same blank console (a small dark image, made once).
 */
public final class ConsoleScreenshotActions implements ActionGroup {
    private static final int WIDTH = 160;
    private static final int HEIGHT = 120;
    private static volatile String blank;

    @Override
    public void register(ActionRegistry registry) {
        registry.on(GetConsoleScreenshotRequest.class, this::screenshot);
    }

    GetConsoleScreenshotResponse screenshot(ActionContext ctx, GetConsoleScreenshotRequest request) {
        if (request.instanceId() == null) {
            throw missing("InstanceId");
        }
        String id = Checks.checkId(request.instanceId(), Ec2IdKind.INSTANCE);
        Instance instance = ctx.cloud().instance(id);
        if (instance.state() != InstanceState.RUNNING) {
            throw Ec2WireException.of("IncorrectInstanceState", "The instance '" + id + "' is not in a state "
                    + "from which a screenshot can be taken (it is " + instance.rawState() + ")");
        }
        dryRun(request.dryRun());
        return GetConsoleScreenshotResponse.builder().instanceId(id).imageData(blankScreen()).build();
    }

    /** The blank console as base64 JPEG. */
    static String blankScreen() {
        String made = blank;
        if (made == null) {
            BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            // A dark grey screen with a light cursor block in the top left corner, like an idle text console.
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    boolean cursor = x >= 4 && x < 10 && y >= 4 && y < 14;
                    image.setRGB(x, y, cursor ? 0xC0C0C0 : 0x101010);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                if (!ImageIO.write(image, "jpg", out)) {
                    throw new IllegalStateException("this JVM has no JPEG writer");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            made = Base64.getEncoder().encodeToString(out.toByteArray());
            blank = made;
        }
        return made;
    }
}
