package io.berth.worker.layers;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads an extended attribute with libc's {@code getxattr(2)}: the JDK's {@code UserDefinedFileAttributeView} sees
 * only the {@code user.} namespace, and the tests must see the {@code trusted.} one overlayfs reads.
 */
final class Xattrs {
    private static final MethodHandle GETXATTR;

    static {
        Linker linker = Linker.nativeLinker();
        GETXATTR = linker.downcallHandle(linker.defaultLookup().find("getxattr").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    }

    private Xattrs() {
    }

    /** The attribute's value as text, or empty when the file does not have it. */
    static Optional<String> get(Path file, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(256);
            long size = (long) GETXATTR.invokeExact(arena.allocateFrom(file.toString()), arena.allocateFrom(name),
                    value, value.byteSize());
            if (size < 0) {
                return Optional.empty();
            }
            return Optional.of(new String(value.asSlice(0, size).toArray(ValueLayout.JAVA_BYTE),
                    StandardCharsets.UTF_8));
        } catch (Throwable e) {
            throw new IllegalStateException("getxattr " + name + " on " + file + ": " + e.getMessage(), e);
        }
    }
}
