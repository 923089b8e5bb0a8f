/*
 * Loads synthetic published articles straight into post-war's database, for benchmarks.
 *
 *   java -cp mariadb-java-client.jar scripts/load/GenerateArticles.java JDBC_URL USER PASSWORD COUNT AUTHORS...
 *
 * Going around the API is deliberate: 100,000 articles through it would take longer than the
 * benchmark itself. The rows look like the API's (slug, rendered HTML, summary, tags, revision 1);
 * run POST /api/posts/search/reindex afterwards to index them. Text mixes English and Chinese
 * words from fixed vocabularies with a seeded random generator, so runs are repeatable.
 */

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

void main(String[] args) throws Exception {
    if (args.length < 5) {
        System.err.println("usage: GenerateArticles.java JDBC_URL USER PASSWORD COUNT AUTHOR...");
        System.exit(2);
    }
    String url = args[0];
    int count = Integer.parseInt(args[3]);
    List<String> authors = List.of(args).subList(4, args.length);
    String[] english = ("distributed consistency replication latency throughput cache invalidation keyset pagination "
            + "search index outbox transaction isolation scheduler markdown sanitizer gateway metrics tracing logging "
            + "kubernetes container liberty jakarta microprofile elastic query cluster shard replica primary failover "
            + "benchmark percentile profile garbage collector virtual thread reactive stream database migration").split(" ");
    String[] chinese = "分布式 一致性 复制 延迟 吞吐量 缓存 失效 分页 搜索 索引 事务 隔离 调度 渲染 网关 指标 追踪 日志 容器 集群 分片 副本 故障转移 基准 性能 数据库 迁移 架构 服务 接口".split(" ");
    String[] tags = ("java jakarta liberty microprofile search cache database ops performance security frontend "
            + "architecture testing devops kubernetes 分布式 数据库 性能 架构 运维").split(" ");
    Random random = new Random(42);
    long started = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "useBulkStmts=true", args[1], args[2])) {
        c.setAutoCommit(false);
        String run = Long.toString(System.currentTimeMillis(), 36);
        try (PreparedStatement article = c.prepareStatement("INSERT INTO article (id, slug, title, summary, body_markdown, body_html,"
                + " cover_image_url, author, status, publish_at, published_at, reading_minutes, view_count, created_at, updated_at,"
                + " deleted_at, version) VALUES (?,?,?,?,?,?,NULL,?,'PUBLISHED',NULL,?,?,0,?,?,NULL,1)");
             PreparedStatement tag = c.prepareStatement("INSERT INTO article_tag (article_id, tag) VALUES (?,?)");
             PreparedStatement revision = c.prepareStatement("INSERT INTO article_revision (article_id, number, title, summary,"
                     + " body_markdown, tags, created_at, created_by) VALUES (?,1,?,?,?,?,?,?)")) {
            Instant base = Instant.now().minus(count, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                String title = words(random, english, 3) + " " + words(random, chinese, 2) + " " + i;
                List<String> paragraphs = new ArrayList<>();
                for (int p = 0; p < 4; p++) {
                    paragraphs.add(words(random, english, 40) + " " + words(random, chinese, 20));
                }
                String markdown = String.join("\n\n", paragraphs);
                String html = "<p>" + String.join("</p>\n<p>", paragraphs) + "</p>\n";
                String summary = paragraphs.getFirst().substring(0, Math.min(180, paragraphs.getFirst().length())) + "…";
                String author = authors.get(random.nextInt(authors.size()));
                Timestamp at = Timestamp.from(base.plus(i, ChronoUnit.MINUTES));
                List<String> chosen = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    String candidate = tags[random.nextInt(tags.length)];
                    if (!chosen.contains(candidate)) {
                        chosen.add(candidate);
                    }
                }
                article.setString(1, id);
                article.setString(2, "bench-" + run + "-" + i);
                article.setString(3, title);
                article.setString(4, summary);
                article.setString(5, markdown);
                article.setString(6, html);
                article.setString(7, author);
                article.setTimestamp(8, at);
                article.setInt(9, 2);
                article.setTimestamp(10, at);
                article.setTimestamp(11, at);
                article.addBatch();
                for (String t : chosen) {
                    tag.setString(1, id);
                    tag.setString(2, t);
                    tag.addBatch();
                }
                revision.setString(1, id);
                revision.setString(2, title);
                revision.setString(3, summary);
                revision.setString(4, markdown);
                revision.setString(5, String.join(",", chosen));
                revision.setTimestamp(6, at);
                revision.setString(7, author);
                revision.addBatch();
                if (i % 500 == 499 || i == count - 1) {
                    article.executeBatch();
                    tag.executeBatch();
                    revision.executeBatch();
                    c.commit();
                }
            }
        }
    }
    System.out.printf("generated %d articles in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
}

static String words(Random random, String[] vocabulary, int n) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
        if (i > 0) {
            text.append(' ');
        }
        text.append(vocabulary[random.nextInt(vocabulary.length)]);
    }
    return text.toString();
}
