package io.blog.posts.media;

import io.blog.common.data.ReadRouting;
import io.blog.common.data.ReadsWithFallback;
import io.blog.common.data.WritesToPrimary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Media persistence: reads from the replica when safe, writes to the primary. */
@ApplicationScoped
@ReadsWithFallback
public class MediaRepository {

    @Inject
    ReadRouting routing;

    public Optional<MediaVariant> findVariant(MediaId id, int width) {
        return Optional.ofNullable(routing.forRead().find(MediaVariant.class, new MediaVariant.Key(id.toString(), width)));
    }

    /** Read from the primary: for an address not on the replica yet, moments after its upload. */
    public Optional<MediaVariant> findVariantOnPrimary(MediaId id, int width) {
        return Optional.ofNullable(routing.forWrite().find(MediaVariant.class, new MediaVariant.Key(id.toString(), width)));
    }

    public boolean exists(MediaId id) {
        return routing.forRead().find(Media.class, id.toString()) != null || existsOnPrimary(id);
    }

    public boolean existsOnPrimary(MediaId id) {
        return routing.forWrite().find(Media.class, id.toString()) != null;
    }

    /** Stores an image and its variants; false (and nothing written) when it is stored already. */
    @Transactional
    @WritesToPrimary
    public boolean addIfAbsent(Media media, List<MediaVariant> variants) {
        EntityManager em = routing.forWrite();
        if (em.find(Media.class, media.getId()) != null) {
            return false;
        }
        em.persist(media);
        variants.forEach(em::persist);
        return true;
    }
}
