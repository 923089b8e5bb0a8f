package io.blog.load;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A day on the blog, compressed: mostly anonymous readers going from the home list to an article
 * and its comments, some searching, a few registering and commenting, a few authors signing in and
 * writing. The load is a closed model: a constant number of visitors are on the site at once (each
 * visit ends and a new visitor arrives), with reading pauses between their requests, as people have.
 *
 * <p>The gateway limits requests per client address, so each visitor comes from its own loopback
 * address (127.x.y.3) instead of the limits being switched off. The design's targets are the
 * assertions: registration p95 under 500 ms, the article list p95 under 200 ms, 99.9 % of requests
 * successful; the number of concurrent visitors is {@code load.users} (more than 1,000 by default).
 *
 * <p>{@link Fixture} creates the authors and articles the visits need before the load starts, and
 * takes them away afterwards.
 */
public class BlogLoadSimulation extends Simulation {

    static final String BASE = System.getProperty("load.base", "http://127.0.0.1:8088");
    static final int USERS = Integer.getInteger("load.users", 1100);
    static final int DURATION = Integer.getInteger("load.duration", 180);
    static final int RAMP = Integer.getInteger("load.ramp", 60);
    /** Source addresses: enough that no visitor's address comes round again within a minute. */
    static final int ADDRESSES = 4000;
    static final String[] WORDS = {"java", "liberty", "database", "search", "cache", "release", "design", "test"};

    private final Fixture fixture = new Fixture(BASE);
    private final AtomicLong registrations = new AtomicLong();

    private final HttpProtocolBuilder protocol = http.baseUrl(BASE)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .userAgentHeader("blog-load-test (Gatling)")
            .localAddresses(IntStream.range(0, ADDRESSES).mapToObj(n -> "127." + (1 + n / 250) + "." + (n % 250) + ".3").toList())
            .disableCaching();

    private final ChainBuilder readArticle = exec(
            http("home list").get("/api/posts?limit=10").check(status().is(200),
                    jsonPath("$.items[*].slug").findRandom().optional().saveAs("slug")))
            .pause(Duration.ofSeconds(1), Duration.ofSeconds(4))
            .doIf(session -> !session.contains("slug")).then(exec(session -> session.set("slug", fixture.randomSlug())))
            .exec(http("article").get("/api/posts/#{slug}").check(status().is(200)))
            .pause(Duration.ofSeconds(2), Duration.ofSeconds(6))
            .exec(http("comments").get("/api/comments?post=#{slug}").check(status().is(200)));

    private final ChainBuilder search = exec(session -> session.set("word", WORDS[(int) (Math.random() * WORDS.length)]))
            .exec(http("home list").get("/api/posts?limit=10").check(status().is(200)))
            .pause(Duration.ofSeconds(1), Duration.ofSeconds(3))
            .exec(http("search").get("/api/posts/search?q=#{word}").check(status().is(200)))
            .pause(Duration.ofSeconds(2), Duration.ofSeconds(5))
            .exec(readArticle);

    private final ChainBuilder registerAndComment = exec(session -> session
            .set("username", fixture.run() + "-r" + registrations.incrementAndGet())
            .set("password", fixture.password())
            .set("slug", fixture.randomSlug()))
            .exec(http("article").get("/api/posts/#{slug}").check(status().is(200)))
            .pause(Duration.ofSeconds(2), Duration.ofSeconds(5))
            .exec(http("register").post("/api/users")
                    .body(StringBody("{\"username\":\"#{username}\",\"email\":\"#{username}@example.invalid\","
                            + "\"password\":\"#{password}\",\"displayName\":\"Load test reader\"}"))
                    .check(status().is(201)))
            .exitHereIfFailed()
            .exec(session -> {
                fixture.registered(session.getString("username"));
                return session;
            })
            .pause(Duration.ofSeconds(1), Duration.ofSeconds(2))
            .exec(signIn("#{username}"))
            .pause(Duration.ofSeconds(3), Duration.ofSeconds(8))
            .exec(http("comment").post("/api/comments")
                    .header("Authorization", "Bearer #{token}")
                    .body(StringBody("{\"post\":\"#{slug}\",\"body\":\"A comment written by the load test.\"}"))
                    .check(status().is(201)));

    private final ChainBuilder write = exec(session -> session
            .set("username", fixture.randomAuthor())
            .set("password", fixture.password())
            .set("word", WORDS[(int) (Math.random() * WORDS.length)]))
            .exec(signIn("#{username}"))
            .pause(Duration.ofSeconds(5), Duration.ofSeconds(10))
            .exec(http("write article").post("/api/posts")
                    .header("Authorization", "Bearer #{token}")
                    .body(StringBody("{\"title\":\"Load test #{word} notes\",\"body\":\"Written under load about #{word}.\","
                            + "\"tags\":[\"load-test\"],\"status\":\"DRAFT\"}"))
                    .check(status().is(201), jsonPath("$.slug").saveAs("draft")))
            .exec(session -> {
                fixture.written(session.getString("draft"));
                return session;
            });

    private ChainBuilder signIn(String login) {
        return exec(http("sign in").post("/api/users/login")
                .body(StringBody("{\"login\":\"" + login + "\",\"password\":\"#{password}\"}"))
                .check(status().is(200), jsonPath("$.accessToken").saveAs("token")))
                // Without a token the visitor would only collect 401s: the visit ends, as a person's would.
                .exitHereIfFailed();
    }

    private final ScenarioBuilder visits = scenario("visitors").randomSwitch().on(
            percent(91.0).then(readArticle),
            percent(8.0).then(search),
            percent(0.6).then(registerAndComment),
            percent(0.4).then(write));

    /** Every kind of visit at least once, whatever the dice say: each assertion has requests to judge. */
    private final ScenarioBuilder oneOfEach = scenario("one visit of each kind").exec(readArticle, search, registerAndComment, write);

    {
        setUp(visits.injectClosed(
                        rampConcurrentUsers(0).to(USERS).during(Duration.ofSeconds(RAMP)),
                        constantConcurrentUsers(USERS).during(Duration.ofSeconds(DURATION))),
                oneOfEach.injectOpen(atOnceUsers(1)))
                .protocols(protocol)
                .assertions(
                        details("register").responseTime().percentile(95.0).lt(500),
                        details("home list").responseTime().percentile(95.0).lt(200),
                        global().successfulRequests().percent().gte(99.9));
    }

    @Override
    public void before() {
        fixture.create();
    }

    @Override
    public void after() {
        fixture.remove();
    }
}
