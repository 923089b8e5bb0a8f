package io.blog.system.api;

import io.blog.system.Client;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the public API against every kind of caller, through the gateway, with the
 * status each must get: the table in src/test/resources/authorization-matrix.md. The operations
 * come from the services' OpenAPI documents, so an endpoint added without a row (or a row left for
 * an endpoint that is gone) fails here. A run writes what it saw, in the table's own format, to
 * target/artifacts/authorization-matrix-seen.md.
 */
class AuthorizationMatrixIT {

    private static final String TABLE = "/authorization-matrix.md";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    /** One row: an operation, the request that exercises it, and the status for each kind of caller. */
    record Row(String operation, String request, String body, boolean endsSession, Map<Callers.Kind, Integer> expected) {
        String method() {
            return operation.substring(0, operation.indexOf(' '));
        }

        String template() {
            return operation.substring(operation.indexOf(' ') + 1);
        }
    }

    private static List<Row> rows;

    @BeforeAll
    static void readTable() {
        rows = parse(read());
    }

    @Test
    void everyOperationOfTheOpenApiDocumentsHasExactlyOneRow() {
        Set<String> documented = OpenApiDocuments.operations().keySet();
        List<String> listed = rows.stream().map(Row::operation).toList();
        assertThat(listed).as("rows listed twice").doesNotHaveDuplicates();
        assertThat(new LinkedHashSet<>(listed)).as("the operations of the OpenAPI documents and the rows of %s", TABLE)
                .containsExactlyInAnyOrderElementsOf(documented);
        for (Row row : rows) {
            String pattern = Pattern.quote(row.template()).replaceAll("\\{\\w+}", "\\\\E[^/?]+\\\\Q");
            assertThat(row.request()).as("the request of row %s", row.operation()).matches(pattern + "(\\?.*)?");
        }
    }

    @Test
    void everyKindOfCallerGetsTheStatusItsRowExpects() {
        Callers callers = Callers.create();
        Fixtures fixtures = new Fixtures(callers);
        List<String> wrong = new ArrayList<>();
        Map<Row, Map<Callers.Kind, Integer>> seen = new LinkedHashMap<>();
        for (Row row : rows) {
            Map<Callers.Kind, Integer> statuses = new LinkedHashMap<>();
            for (Callers.Kind kind : Callers.Kind.values()) {
                Callers.Caller caller = callers.get(kind);
                String path = fixtures.fill(row.request());
                String body = row.body() == null ? null : fixtures.fill(row.body());
                Client.Reply reply = Fixtures.withPatience(() -> Fixtures.IMAGE_BODY.equals(body)
                        ? Fixtures.sendImage(row.method(), path, caller.token())
                        : Client.newVisitor().send(row.method(), path, caller.token(), body));
                statuses.put(kind, reply.status());
                if (reply.status() != row.expected().get(kind)) {
                    wrong.add(row.operation() + " as " + kind.column + ": expected " + row.expected().get(kind)
                            + ", got " + reply.status() + " " + abbreviate(reply.body()));
                }
                if (reply.status() / 100 == 2 && !READS.contains(row.method())) {
                    fixtures.usedUp(row.request(), row.body() == null ? "" : row.body());
                    if (row.endsSession()) {
                        caller.signInAgain();
                    }
                }
            }
            seen.put(row, statuses);
        }
        writeSeen(seen);
        assertThat(wrong).as("cells of %s that did not hold (%d rows × %d callers; all seen: target/artifacts/authorization-matrix-seen.md)",
                TABLE, rows.size(), Callers.Kind.values().length).isEmpty();
    }

    private static String read() {
        try (InputStream in = AuthorizationMatrixIT.class.getResourceAsStream(TABLE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of the Markdown table: | operation | request | body | then | one status per kind of caller |. */
    static List<Row> parse(String table) {
        List<Row> parsed = new ArrayList<>();
        Callers.Kind[] kinds = Callers.Kind.values();
        for (String line : table.lines().toList()) {
            if (!line.startsWith("| ") || line.startsWith("| operation") || line.startsWith("| ---")) {
                continue;
            }
            List<String> cells = Arrays.stream(line.substring(1, line.lastIndexOf('|')).split("\\|")).map(String::strip).toList();
            if (cells.size() != 4 + kinds.length) {
                throw new IllegalStateException(TABLE + ": " + cells.size() + " cells in " + line);
            }
            Map<Callers.Kind, Integer> expected = new LinkedHashMap<>();
            for (int i = 0; i < kinds.length; i++) {
                expected.put(kinds[i], Integer.parseInt(cells.get(4 + i)));
            }
            String operation = cells.get(0).replace("`", "");
            String request = cells.get(1).replace("`", "");
            String body = cells.get(2).replace("`", "");
            parsed.add(new Row(operation, request.isEmpty() ? operation.substring(operation.indexOf(' ') + 1) : request,
                    body.equals("-") ? null : body, cells.get(3).equals("ends session"), expected));
        }
        return parsed;
    }

    private static void writeSeen(Map<Row, Map<Callers.Kind, Integer>> seen) {
        StringBuilder out = new StringBuilder("| operation |");
        for (Callers.Kind kind : Callers.Kind.values()) {
            out.append(' ').append(kind.column).append(" |");
        }
        out.append('\n');
        seen.forEach((row, statuses) -> {
            out.append("| `").append(row.operation()).append("` |");
            statuses.values().forEach(status -> out.append(' ').append(status).append(" |"));
            out.append('\n');
        });
        try {
            Path dir = Path.of(System.getProperty("system.artifacts.dir", "target/artifacts"));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("authorization-matrix-seen.md"), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
