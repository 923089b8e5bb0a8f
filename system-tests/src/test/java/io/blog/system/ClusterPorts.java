package io.blog.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for a Redis Cluster started by a test. Every node also listens on its port + 10000 for the
 * cluster bus, so both must be free; and both stay below the kernel's ephemeral range (32768 and
 * up), where an outgoing connection could take the bus port between the check and the start, as
 * it did in CI when the ports came from {@code new ServerSocket(0)}.
 */
final class ClusterPorts {

    static final int BUS_OFFSET = 10_000;
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_767 - BUS_OFFSET;

    private ClusterPorts() {
    }

    static List<Integer> free(int count) {
        List<Integer> ports = new ArrayList<>();
        for (int tries = 0; ports.size() < count; tries++) {
            if (tries == 1_000) {
                throw new IllegalStateException("no " + count + " free port pairs between " + LOWEST + " and " + HIGHEST);
            }
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
            if (!ports.contains(port) && bindable(port) && bindable(port + BUS_OFFSET)) {
                ports.add(port);
            }
        }
        return ports;
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
