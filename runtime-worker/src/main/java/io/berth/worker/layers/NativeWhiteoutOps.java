package io.berth.worker.layers;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Whiteouts through libc's {@code mknod(2)} and {@code setxattr(2)}, called with the FFM API: the JDK offers
 * neither device nodes nor xattrs outside the {@code user.} namespace, and overlayfs reads {@code trusted.}.
 */
final class NativeWhiteoutOps implements WhiteoutOps {
    private static final int S_IFCHR = 0020000;
    private static final MethodHandle MKNOD;
    private static final MethodHandle SETXATTR;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        MKNOD = linker.downcallHandle(libc.find("mknod").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_LONG));
        SETXATTR = linker.downcallHandle(libc.find("setxattr").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    }

    @Override
    public void whiteout(Path path) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) MKNOD.invokeExact(arena.allocateFrom(path.toString()), S_IFCHR, 0L);
            if (rc != 0) {
                throw new IOException("mknod " + path + " failed");
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("mknod " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void opaque(Path dir) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 'y');
            int rc = (int) SETXATTR.invokeExact(arena.allocateFrom(dir.toString()),
                    arena.allocateFrom("trusted.overlay.opaque"), value, 1L, 0);
            if (rc != 0) {
                throw new IOException("setxattr trusted.overlay.opaque on " + dir + " failed");
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("setxattr on " + dir + ": " + e.getMessage(), e);
        }
    }
}
