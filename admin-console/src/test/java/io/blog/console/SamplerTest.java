package io.blog.console;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SamplerTest {

    @Test
    void keepsOnlyTheReadingsOfItsWindowAndTellsSubscribersUntilTheyLeave() throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        try (Sampler<Integer> sampler = new Sampler<>("sampler-test", next::incrementAndGet, Duration.ofMillis(200))) {
            assertThat(sampler.latest()).isEmpty();
            List<Integer> told = new ArrayList<>();
            Runnable leave = sampler.subscribe(told::add);

            sampler.sample();
            sampler.sample();
            assertThat(sampler.history()).extracting(Sampler.Reading::value).containsExactly(1, 2);
            Thread.sleep(300);
            sampler.sample();
            // The first two are older than the window now.
            assertThat(sampler.history()).extracting(Sampler.Reading::value).containsExactly(3);
            assertThat(sampler.latest()).contains(3);

            leave.run();
            sampler.sample();
            assertThat(told).containsExactly(1, 2, 3);
        }
    }
}
