package io.berth.worker.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The node's routes read from the kernel's table: destinations in CIDR notation, the default route left out. */
class NodeRoutesTest {
    @Test
    void readsDestinationsAndMasksInHostByteOrder() {
        String table = """
                Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
                eth0	00000000	010200C0	0003	0	0	0	00000000	0	0	0
                eth0	000200C0	00000000	0001	0	0	0	00FFFFFF	0	0	0
                br-1	0000110A	00000000	0001	0	0	0	0000FFFF	0	0	0
                """;

        assertThat(NodeRoutes.parse(table)).containsExactly("192.0.2.0/24", "10.17.0.0/16");
    }

    @Test
    void readsThisMachinesTable() {
        assertThat(NodeRoutes.current()).allSatisfy(route -> assertThat(route).matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+"));
    }
}
