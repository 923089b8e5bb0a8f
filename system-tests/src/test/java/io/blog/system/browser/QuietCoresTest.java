package io.blog.system.browser;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lighthouse audit's view of the machine reads /proc right: cores kept spinning are not idle,
 * and a neighbour's spinning is told apart from the run's own.
 */
class QuietCoresTest {

    @Test
    void coresKeptSpinningAreSeenBusy() throws Exception {
        AtomicBoolean spin = new AtomicBoolean(true);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            spinners.add(Thread.ofPlatform().daemon().start(() -> {
                long n = 0;
                while (spin.get()) {
                    n++;
                }
                assertThat(n).isPositive();
            }));
        }
        try {
            double idle = LighthouseAuditIT.idleShareOverOneSecond();
            assertThat(idle).isBetween(0.0, 0.5);
        } finally {
            spin.set(false);
            for (Thread t : spinners) {
                t.join();
            }
        }
    }

    /** The "run" spins in a grandchild, which is the run's own; the neighbour's spinning is what counts. */
    @Test
    void aNeighbourSpinningIsCountedAndTheRunsOwnWorkIsNot() throws Exception {
        Process neighbour = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        Process run = new ProcessBuilder("sh", "-c", "sh -c 'while :; do :; done'; :").start();
        NeighbourCpu watch = NeighbourCpu.watch(run.pid());
        try {
            Thread.sleep(3500);
        } finally {
            watch.close();
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
            neighbour.destroyForcibly();
        }
        assertThat(watch.busiestSecond()).as(watch.describe()).isBetween(0.6, 1.4);
        assertThat(watch.describe()).contains("sh ");
    }
}
