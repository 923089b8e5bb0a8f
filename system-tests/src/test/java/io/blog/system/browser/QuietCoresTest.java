package io.blog.system.browser;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lighthouse audit's wait for quiet cores reads /proc/stat right: cores kept spinning are not idle. */
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
}
