package io.blog.common.data;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Hands the service's two persistence units to the read routing. Every service WAR names them
 * "primary" and "replica" in its persistence.xml; this jar lives in the WAR, so the names resolve
 * to that WAR's units.
 */
@ApplicationScoped
public class PersistenceUnits {

    @Produces
    @Primary
    @PersistenceContext(unitName = "primary")
    EntityManager primary;

    @Produces
    @Replica
    @PersistenceContext(unitName = "replica")
    EntityManager replica;
}
