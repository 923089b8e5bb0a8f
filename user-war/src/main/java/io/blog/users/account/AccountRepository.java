package io.blog.users.account;

import io.blog.common.data.ReadRouting;
import io.blog.common.paging.Page;
import io.blog.common.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import io.blog.common.data.ReadsWithFallback;

/**
 * Account persistence. Methods named {@code find…} read through {@link ReadRouting} (replica when
 * safe); {@code …ForUpdate} and writes always use the primary.
 */
@ApplicationScoped
@ReadsWithFallback
public class AccountRepository {

    @Inject
    ReadRouting routing;

    public Optional<Account> findByUsername(String username) {
        return byUsername(routing.forRead(), username);
    }

    public Optional<Account> findById(String id) {
        return Optional.ofNullable(routing.forRead().find(Account.class, id));
    }

    public List<Account> findByUsernames(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return List.of();
        }
        return routing.forRead()
                .createQuery("SELECT a FROM Account a WHERE a.username IN :names ORDER BY a.username", Account.class)
                .setParameter("names", usernames)
                .getResultList();
    }

    public Page<Account> search(String query, PageRequest page) {
        EntityManager em = routing.forRead();
        String pattern = query == null || query.isBlank() ? "%" : "%" + escapeLike(query.trim().toLowerCase(Locale.ROOT)) + "%";
        String where = " WHERE LOWER(a.username) LIKE :q ESCAPE '\\' OR LOWER(a.email) LIKE :q ESCAPE '\\'"
                + " OR LOWER(a.displayName) LIKE :q ESCAPE '\\'";
        long total = em.createQuery("SELECT COUNT(a) FROM Account a" + where, Long.class)
                .setParameter("q", pattern).getSingleResult();
        TypedQuery<Account> items = em.createQuery("SELECT a FROM Account a" + where + " ORDER BY a.username", Account.class)
                .setParameter("q", pattern)
                .setFirstResult(page.offset())
                .setMaxResults(page.size());
        return new Page<>(items.getResultList(), page.page(), page.size(), total);
    }

    public Optional<Account> findByUsernameForUpdate(String username) {
        return byUsername(routing.forWrite(), username);
    }

    public Optional<Account> findByIdForUpdate(String id) {
        return Optional.ofNullable(routing.forWrite().find(Account.class, id));
    }

    /** Sign-in accepts a username or an email; both are unique and stored lower-case. */
    public Optional<Account> findByLoginForUpdate(String login) {
        String value = login.trim().toLowerCase(Locale.ROOT);
        String field = value.contains("@") ? "email" : "username";
        return routing.forWrite()
                .createQuery("SELECT a FROM Account a WHERE a." + field + " = :v", Account.class)
                .setParameter("v", value)
                .getResultStream().findFirst();
    }

    public boolean usernameTaken(String username) {
        return count("username", username) > 0;
    }

    public boolean emailTaken(String email) {
        return count("email", email) > 0;
    }

    public void add(Account account) {
        EntityManager em = routing.forWrite();
        em.persist(account);
        em.flush();
    }

    public void flush() {
        routing.forWrite().flush();
    }

    private long count(String field, String value) {
        return routing.forWrite()
                .createQuery("SELECT COUNT(a) FROM Account a WHERE a." + field + " = :v", Long.class)
                .setParameter("v", value)
                .getSingleResult();
    }

    private static Optional<Account> byUsername(EntityManager em, String username) {
        return em.createQuery("SELECT a FROM Account a WHERE a.username = :u", Account.class)
                .setParameter("u", username)
                .getResultStream().findFirst();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
