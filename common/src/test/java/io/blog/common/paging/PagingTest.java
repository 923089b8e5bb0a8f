package io.blog.common.paging;

import io.blog.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingTest {

    @Test
    void pageRequestDefaultsAndBounds() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(0, PageRequest.DEFAULT_SIZE));
        assertThat(PageRequest.of(3, 10).offset()).isEqualTo(30);
        assertThatThrownBy(() -> PageRequest.of(-1, 10)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PageRequest.of(0, 0)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> PageRequest.of(0, PageRequest.MAX_SIZE + 1))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void cursorsRoundTripAndRejectGarbage() {
        String cursor = Cursors.encode("2026-01-01T00:00:00.000Z", "id-42");
        assertThat(Cursors.decode(cursor, 2)).containsExactly("2026-01-01T00:00:00.000Z", "id-42");
        assertThatThrownBy(() -> Cursors.decode("%%%", 2)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Cursors.decode(cursor, 3)).isInstanceOf(ProblemException.class);
    }
}
