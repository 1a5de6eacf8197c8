package io.berth.image.pull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.stream.Stream;

/**
 * Resolves every name under {@code berth.test} to 127.0.0.1 in the test JVM (registered in META-INF/services), so a
 * registry on loopback can be reached under a name that is neither loopback nor insecure, as a remote one would be:
 * what certs.d is for. {@code .test} is reserved (RFC 2606), so no real name is shadowed; all others go to the JDK.
 */
public final class TestHostNames extends InetAddressResolverProvider {
    public static final String SUFFIX = ".berth.test";

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (host.endsWith(SUFFIX)) {
                    return Stream.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
                }
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "berth-test-names";
    }
}
