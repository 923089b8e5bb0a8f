package io.blog.comments.moderation;

import io.blog.common.kv.InMemoryKeyValueStore;
import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.metrics.MetricNames;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpamFilterTest {

    private final RecordingMetrics metrics = new RecordingMetrics();

    private SpamFilter filter(int maxLinks, List<String> banned) {
        SpamFilter filter = new SpamFilter();
        filter.metrics = metrics.registry;
        filter.maxLinks = maxLinks;
        filter.bannedWords = banned;
        filter.duplicateWindowSeconds = 600;
        filter.store = new InMemoryKeyValueStore(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
        filter.init();
        return filter;
    }

    private SpamFilter defaults() {
        return filter(3, List.of("viagra", "casino", "free money"));
    }

    @Test
    void cleanTextPasses() {
        assertThat(defaults().inspect("Great article, thanks! See https://example.com for more.")).isEmpty();
        assertThat(metrics.increments).isEmpty();
    }

    @Test
    void linksUpToTheLimitPassAndOneMoreIsSpam() {
        SpamFilter f = defaults();
        assertThat(f.inspect("a https://a.example b http://b.example c mailto:c@example.com")).isEmpty();
        assertThat(f.inspect("a https://a.example b http://b.example c mailto:c@example.com d www.d.example"))
                .contains("4 links (at most 3)");
        assertThat(metrics.increments).containsExactly(MetricNames.COMMENTS_SPAM_DETECTED + "[reason=links]");
    }

    @Test
    void markdownLinksAndBareUrlsAllCountCaseInsensitively() {
        SpamFilter f = filter(1, List.of());
        assertThat(f.inspect("[x](HTTPS://a.example)")).isEmpty();
        assertThat(f.inspect("[x](HTTPS://a.example) and WWW.b.example")).contains("2 links (at most 1)");
    }

    @Test
    void wwwRightAfterASchemeIsTheSameLink() {
        SpamFilter f = filter(1, List.of());
        assertThat(f.inspect("https://www.example.com")).isEmpty();
        assertThat(f.inspect("see (www.example.com)")).isEmpty();
        assertThat(f.inspect("www.a.example www.b.example")).contains("2 links (at most 1)");
        assertThat(f.inspect("https://www.a.example https://www.b.example")).contains("2 links (at most 1)");
    }

    @Test
    void zeroLinksAllowedMeansAnyLinkIsSpam() {
        SpamFilter f = filter(0, List.of());
        assertThat(f.inspect("no links here")).isEmpty();
        assertThat(f.inspect("mailto:me@example.com")).contains("1 links (at most 0)");
    }

    @Test
    void bannedWordsMatchWholeWordsIgnoringCaseSpacingAndCompatibilityForms() {
        SpamFilter f = defaults();
        assertThat(f.inspect("Cheap VIAGRA here")).contains("banned word 'viagra'");
        assertThat(f.inspect("viagra!")).contains("banned word 'viagra'");
        assertThat(f.inspect("(casino)")).contains("banned word 'casino'");
        assertThat(f.inspect("get FREE\n\t  Money now")).contains("banned word 'free money'");
        assertThat(f.inspect("ｖｉａｇｒａ")).as("fullwidth folds by NFKC").contains("banned word 'viagra'");
        assertThat(metrics.increments).hasSize(5)
                .allMatch(s -> s.equals(MetricNames.COMMENTS_SPAM_DETECTED + "[reason=banned-word]"));
    }

    @Test
    void bannedWordsInsideLongerWordsPass() {
        SpamFilter f = defaults();
        assertThat(f.inspect("the casinos of Monaco")).isEmpty();
        assertThat(f.inspect("occasino")).isEmpty();
        assertThat(f.inspect("casino2")).isEmpty();
        assertThat(f.inspect("freemoney")).isEmpty();
        assertThat(f.inspect("carefree money-wise")).isEmpty();
        assertThat(f.inspect("Ünviagra")).isEmpty();
        assertThat(metrics.increments).isEmpty();
    }

    @Test
    void configuredWordsAreNormalisedAndBlanksIgnored() {
        SpamFilter f = filter(3, List.of("  CASINO ", "", "   ", "Free   Money"));
        assertThat(f.inspect("casino")).contains("banned word 'casino'");
        assertThat(f.inspect("free money")).contains("banned word 'free money'");
        assertThat(f.inspect("plain words")).isEmpty();
    }

    @Test
    void regexCharactersInBannedWordsAreLiteral() {
        SpamFilter f = filter(3, List.of("c.a.s"));
        assertThat(f.inspect("cxaxs")).isEmpty();
        assertThat(f.inspect("c.a.s")).contains("banned word 'c.a.s'");
    }

    @Test
    void tooManyLinksIsReportedBeforeBannedWords() {
        assertThat(filter(0, List.of("casino")).inspect("casino https://x.example")).contains("1 links (at most 0)");
    }

    @Test
    void sameTextBySameUserWithinWindowIsADuplicate() {
        SpamFilter f = defaults();
        assertThat(f.claimUnique("alice", "Hello there")).isEmpty();
        assertThat(f.claimUnique("alice", "  HELLO\n there ")).contains("same text posted again within 600 seconds");
        assertThat(f.claimUnique("bob", "Hello there")).isEmpty();
        assertThat(f.claimUnique("alice", "Hello again")).isEmpty();
        assertThat(metrics.increments).containsExactly(MetricNames.COMMENTS_SPAM_DETECTED + "[reason=duplicate]");
    }

    @Test
    void unavailableStoreSkipsTheDuplicateCheck() {
        SpamFilter f = defaults();
        f.store = (KeyValueStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{KeyValueStore.class},
                (proxy, method, args) -> {
                    throw new KeyValueStoreException("down", null);
                });
        assertThat(f.claimUnique("alice", "Hello")).isEmpty();
        assertThat(f.claimUnique("alice", "Hello")).isEmpty();
        assertThat(metrics.increments).isEmpty();
    }
}
