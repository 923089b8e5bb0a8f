package io.blog.posts.media;

import io.blog.common.json.Timestamps;
import io.blog.common.problem.ProblemException;
import io.blog.common.security.Caller;
import io.blog.posts.article.ArticlePermissions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Uploads and serving of images. */
@ApplicationScoped
public class MediaService {

    /** An image as the API describes it: its address and every width it can be fetched in. */
    public record MediaView(String id, String url, int width, int height, List<VariantView> variants, String srcset) {

        static MediaView of(MediaId id) {
            return new MediaView(id.toString(), id.path(), id.width(), id.height(),
                    id.variantWidths().stream().map(w -> new VariantView(w, id.heightAt(w), id.variantPath(w))).toList(),
                    CoverImage.of(id.path()).srcset());
        }
    }

    public record VariantView(int width, int height, String url) {
    }

    public record Upload(MediaView media, boolean created) {
    }

    // Decoding and scaling hold tens of megabytes each; one at a time bounds the heap they take,
    // and uploads are rare next to reads.
    private final Semaphore decoding = new Semaphore(1);

    @Inject
    MediaRepository repository;

    @Inject
    @ConfigProperty(name = "blog.posts.media.max-bytes", defaultValue = "8388608")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "blog.posts.media.max-megapixels", defaultValue = "50")
    long maxMegapixels;

    /**
     * Stores an uploaded image in every variant width. The same bytes uploaded again are the same
     * image: its address is answered without storing anything twice. The caller is signed in
     * ({@link Caller#signedIn}).
     */
    public Upload upload(InputStream body, Caller caller) {
        // Whoever may write articles may give them covers and pictures.
        if (!ArticlePermissions.mayWrite(caller)) {
            throw ProblemException.forbidden("Only authors, editors and administrators can upload images.");
        }
        String owner = caller.username();
        byte[] bytes = read(body);
        ImageVariants.Processed processed;
        try {
            if (!decoding.tryAcquire(20, TimeUnit.SECONDS)) {
                throw ProblemException.serviceUnavailable("Other images are being processed; try again in a moment.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.serviceUnavailable("Interrupted while waiting to process the image.");
        }
        try {
            processed = ImageVariants.process(bytes, maxMegapixels * 1_000_000);
        } finally {
            decoding.release();
        }
        MediaId id = processed.id();
        boolean created;
        try {
            created = repository.addIfAbsent(new Media(id, owner, Timestamps.now()),
                    processed.variants().stream().map(v -> new MediaVariant(id, v)).toList());
        } catch (RuntimeException e) {
            // The same image uploaded twice at once: the second insert loses, and the image is there.
            if (!repository.existsOnPrimary(id)) {
                throw e;
            }
            created = false;
        }
        return new Upload(MediaView.of(id), created);
    }

    /**
     * One stored width of an image. A miss on the replica is asked again of the primary: an image
     * uploaded a moment ago is shown in the editor before it may have reached the replica.
     */
    public Optional<MediaVariant> variant(String id, int width) {
        return MediaId.parse(id)
                .filter(media -> media.variantWidths().contains(width))
                .flatMap(media -> repository.findVariant(media, width).or(() -> repository.findVariantOnPrimary(media, width)));
    }

    /** Refuses a cover address that looks like one of ours but names no uploaded image. */
    public void requireUploaded(String coverImageUrl) {
        if (coverImageUrl != null && coverImageUrl.startsWith(MediaId.PATH_PREFIX)) {
            Optional<MediaId> id = MediaId.fromPath(coverImageUrl);
            if (id.isEmpty() || !repository.exists(id.get())) {
                throw ProblemException.invalidField("coverImageUrl", "names no uploaded image");
            }
        }
    }

    private byte[] read(InputStream body) {
        try {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new ProblemException(413, "Payload Too Large", "The image is larger than " + maxBytes + " bytes.");
            }
            if (bytes.length == 0) {
                throw ProblemException.invalidField("image", "is required: send the image's bytes as the request body");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
