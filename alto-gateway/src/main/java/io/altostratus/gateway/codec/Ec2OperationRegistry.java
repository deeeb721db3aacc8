package io.altostratus.gateway.codec;

import io.altostratus.gateway.codec.internal.ShapeModel;
import io.altostratus.gateway.codec.internal.WireActions;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Request;
import software.amazon.awssdk.services.ec2.model.Ec2Response;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Every EC2 operation of the bundled AWS SDK v2, discovered from its model classes rather than from a hand-kept
 * list.
 *
 * <p>{@link #find} resolves one action on demand (the classes {@code XxxRequest} and {@code XxxResponse} by name,
 * and the wire name confirmed by the SDK's marshaller for that class) so that a server start pays only for the
 * operations it is asked for; {@link #all} enumerates the whole API through the {@link Ec2Client} interface's
 * methods, which loads every request, response and marshaller class once. Both are thread-safe and memoised.
 */
public final class Ec2OperationRegistry {
    private static final String MODEL_PACKAGE = Ec2Request.class.getPackageName() + ".";
    /** Action names are UpperCamel identifiers; anything else is refused before any class loading is attempted. */
    private static final Pattern ACTION_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,127}");
    private static final Ec2OperationRegistry INSTANCE = new Ec2OperationRegistry();

    private final ConcurrentMap<String, Ec2Operation> byAction = new ConcurrentHashMap<>();
    private volatile List<Ec2Operation> all;
    private volatile Map<String, Class<? extends Ec2Request>> lowerCaseIndex;

    private Ec2OperationRegistry() {
    }

    /** The registry of the SDK on the class path. */
    public static Ec2OperationRegistry instance() {
        return INSTANCE;
    }

    /** The operation with this wire action name (exact case), or empty when EC2 has no such action. */
    public Optional<Ec2Operation> find(String action) {
        if (action == null || !ACTION_NAME.matcher(action).matches()) {
            return Optional.empty();
        }
        Ec2Operation known = byAction.get(action);
        if (known != null) {
            return Optional.of(known);
        }
        // Unknown names are deliberately not cached: a client could otherwise grow the map without bound.
        Class<? extends Ec2Request> input = modelClass(action + "Request", Ec2Request.class);
        if (input == null && hasAcronym(action)) {
            // The SDK spells acronyms in class names differently from the wire (EnableVolumeIO, EnableVolumeIoRequest);
            // only names with an upper-case run can differ, so other misses stay cheap.
            input = byLowerCaseClassName().get(action.toLowerCase(Locale.ROOT));
        }
        if (input == null) {
            return Optional.empty();
        }
        Ec2Operation operation = operationOf(input);
        if (operation == null || !operation.action().equals(action)) {
            return Optional.empty();
        }
        Ec2Operation previous = byAction.putIfAbsent(action, operation);
        return Optional.of(previous != null ? previous : operation);
    }

    /** Whether the name has two upper-case letters in a row, the only names the SDK's class naming rewrites. */
    static boolean hasAcronym(String action) {
        for (int i = 1; i < action.length(); i++) {
            if (Character.isUpperCase(action.charAt(i)) && Character.isUpperCase(action.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    /** The operation, or an {@code InvalidAction} codec error naming it. */
    public Ec2Operation require(String action) {
        if (action == null || action.isEmpty()) {
            throw Ec2CodecException.missingAction();
        }
        return find(action).orElseThrow(() -> Ec2CodecException.invalidAction(action));
    }

    /** Every operation of the SDK's EC2 model, sorted by action name. */
    public List<Ec2Operation> all() {
        List<Ec2Operation> result = all;
        if (result == null) {
            synchronized (this) {
                result = all;
                if (result == null) {
                    result = enumerate();
                    all = result;
                }
            }
        }
        return result;
    }

    /**
     * The field metadata of an operation's input and output shapes (and what they reference), built ahead of the
     * first request instead of on it.
     */
    public void warm(Ec2Operation operation) {
        ShapeModel.of(operation.requestClass());
        ShapeModel.of(operation.responseClass());
    }

    private List<Ec2Operation> enumerate() {
        Map<String, Ec2Operation> ops = new TreeMap<>();
        for (Class<? extends Ec2Request> input : operationRequestClasses()) {
            Ec2Operation operation = operationOf(input);
            if (operation != null) {
                Ec2Operation previous = byAction.putIfAbsent(operation.action(), operation);
                ops.put(operation.action(), previous != null ? previous : operation);
            }
        }
        return List.copyOf(ops.values());
    }

    private Map<String, Class<? extends Ec2Request>> byLowerCaseClassName() {
        Map<String, Class<? extends Ec2Request>> index = lowerCaseIndex;
        if (index == null) {
            synchronized (this) {
                index = lowerCaseIndex;
                if (index == null) {
                    index = new HashMap<>();
                    for (Class<? extends Ec2Request> input : operationRequestClasses()) {
                        String name = input.getSimpleName();
                        index.put(name.substring(0, name.length() - "Request".length()).toLowerCase(Locale.ROOT), input);
                    }
                    index = Map.copyOf(index);
                    lowerCaseIndex = index;
                }
            }
        }
        return index;
    }

    /** The request classes of the Ec2Client interface's operation methods. */
    private static List<Class<? extends Ec2Request>> operationRequestClasses() {
        List<Class<? extends Ec2Request>> inputs = new ArrayList<>();
        for (Method method : Ec2Client.class.getMethods()) {
            // The operation methods take the request object; the Consumer<Builder> overloads and paginators do not.
            if (method.getParameterCount() == 1
                    && Ec2Request.class.isAssignableFrom(method.getParameterTypes()[0])
                    && Ec2Response.class.isAssignableFrom(method.getReturnType())) {
                inputs.add(method.getParameterTypes()[0].asSubclass(Ec2Request.class));
            }
        }
        return inputs;
    }

    private static Ec2Operation operationOf(Class<? extends Ec2Request> input) {
        String name = input.getSimpleName();
        Class<? extends Ec2Response> output = modelClass(
                name.substring(0, name.length() - "Request".length()) + "Response", Ec2Response.class);
        String action = output == null ? null : WireActions.of(input);
        return action == null ? null : new Ec2Operation(action, input, output);
    }

    private static <T> Class<? extends T> modelClass(String simpleName, Class<T> base) {
        Class<?> found;
        try {
            found = Class.forName(MODEL_PACKAGE + simpleName, false, base.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        // The abstract bases (Ec2Request itself) and non-operation shapes ending in "Request" are not actions.
        boolean concrete = !Modifier.isAbstract(found.getModifiers()) && !found.isInterface();
        boolean operationShape = base.isAssignableFrom(found)
                && (SdkRequest.class.isAssignableFrom(found) || SdkResponse.class.isAssignableFrom(found));
        return concrete && operationShape ? found.asSubclass(base) : null;
    }
}
