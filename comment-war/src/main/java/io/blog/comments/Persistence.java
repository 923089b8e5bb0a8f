package io.blog.comments;

import io.blog.common.data.Primary;
import io.blog.common.data.Replica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Hands this service's two persistence units to common's read routing. */
@ApplicationScoped
public class Persistence {

    @Produces
    @Primary
    @PersistenceContext(unitName = "primary")
    EntityManager primary;

    @Produces
    @Replica
    @PersistenceContext(unitName = "replica")
    EntityManager replica;
}
