/**
 * Primary/replica routing: writes and transactions use the primary; reads use the replica unless
 * it is down, too far behind, or the caller has just written something the replica has not applied.
 * {@link io.blog.common.data.PersistenceUnits} hands each service's two persistence units to it.
 */
package io.blog.common.data;
