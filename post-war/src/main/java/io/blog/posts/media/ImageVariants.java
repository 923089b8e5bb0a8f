package io.blog.posts.media;

import io.blog.common.problem.ProblemException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns an uploaded image into the variants that are stored and served. Every variant is drawn
 * afresh and encoded by us, so nothing of the upload but its pixels survives: no EXIF (a phone
 * photo's location), no embedded profile or comment, and the content type is always one we wrote.
 * Photos taken sideways are turned upright from their EXIF orientation first, as browsers show them.
 */
final class ImageVariants {

    static final Set<String> FORMATS = Set.of("jpeg", "png", "gif");
    private static final float JPEG_QUALITY = 0.82f;

    record Variant(int width, int height, String contentType, byte[] bytes) {
    }

    record Processed(MediaId id, List<Variant> variants) {
    }

    private ImageVariants() {
    }

    /**
     * Decodes and resizes an upload. Refuses (as a 4xx problem) anything that is not a JPEG, PNG or
     * GIF ImageIO can read, and images of more than {@code maxPixels} before it decodes them, so a
     * small file claiming enormous dimensions cannot exhaust the heap.
     */
    static Processed process(byte[] upload, long maxPixels) {
        BufferedImage image = upright(decode(upload, maxPixels), exifOrientation(upload));
        int width = Math.min(image.getWidth(), MediaId.MAX_WIDTH);
        int height = Math.max(1, Math.round((float) image.getHeight() * width / image.getWidth()));
        MediaId id = new MediaId(hash(upload), width, height);
        boolean translucent = translucent(image);
        List<Variant> variants = new ArrayList<>();
        for (int w : id.variantWidths()) {
            BufferedImage scaled = scale(image, w, id.heightAt(w), translucent);
            variants.add(translucent
                    ? new Variant(w, scaled.getHeight(), "image/png", png(scaled))
                    : new Variant(w, scaled.getHeight(), "image/jpeg", jpeg(scaled)));
        }
        return new Processed(id, variants);
    }

    private static BufferedImage decode(byte[] upload, long maxPixels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw unsupported();
            }
            ImageReader reader = readers.next();
            try {
                if (!FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                    throw unsupported();
                }
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw ProblemException.invalidField("image", "is " + width + "×" + height + " pixels; at most "
                            + maxPixels / 1_000_000 + " megapixels are accepted");
                }
                // Decoding only every n-th pixel of a large photo keeps the heap used small; the
                // result is still at least twice the largest variant, so no detail is lost.
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, width / (2 * MediaId.MAX_WIDTH));
                param.setSourceSubsampling(step, step, 0, 0);
                // A truncated JPEG decodes "successfully", its missing part grey; the reader only warns.
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0, param);
                if (!warnings.isEmpty()) {
                    throw ProblemException.invalidField("image", "is damaged: " + warnings.getFirst());
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            // Truncated files, unsupported JPEG colour spaces (CMYK), broken headers.
            throw ProblemException.invalidField("image", "could not be read as an image: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static ProblemException unsupported() {
        return new ProblemException(415, "Unsupported Media Type", "Upload a JPEG, PNG or GIF image.");
    }

    /**
     * The EXIF orientation of a JPEG (1 = upright, 3 = upside down, 6 and 8 = turned a quarter),
     * read from its APP1 segment; 1 when there is none or it cannot be read.
     */
    static int exifOrientation(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return 1;
        }
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if (marker == 0xDA || length < 2) {
                return 1;
            }
            if (marker == 0xE1 && length >= 8 && at + 2 + length <= jpeg.length
                    && new String(jpeg, at + 4, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                return tiffOrientation(jpeg, at + 10, at + 2 + length);
            }
            at += 2 + length;
        }
        return 1;
    }

    private static int tiffOrientation(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        long ifd = tiff + unsigned(b, tiff + 4, 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = (int) unsigned(b, (int) ifd, 2, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return 1;
            }
            if (unsigned(b, entry, 2, little) == 0x0112) {
                int value = (int) unsigned(b, entry + 8, 2, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static long unsigned(byte[] b, int at, int size, boolean little) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            int octet = b[at + (little ? size - 1 - i : i)] & 0xFF;
            value = (value << 8) | octet;
        }
        return value;
    }

    /** Turns the decoded pixels as the camera said (orientations 3, 6 and 8; mirrored ones are rare and left). */
    static BufferedImage upright(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform turn = switch (orientation) {
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> null;
        };
        if (turn == null) {
            return image;
        }
        boolean quarter = orientation != 3;
        BufferedImage turned = new BufferedImage(quarter ? h : w, quarter ? w : h, pixelType(image.getColorModel().hasAlpha()));
        Graphics2D g = turned.createGraphics();
        try {
            g.drawImage(image, turn, null);
        } finally {
            g.dispose();
        }
        return turned;
    }

    /** True when some pixel is not fully opaque: only then is PNG's size worth paying. */
    private static boolean translucent(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return false;
        }
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) >>> 24) != 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Halves the image while it is more than twice the target, then one bilinear step: sharp without moiré. */
    private static BufferedImage scale(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage current = source;
        while (current.getWidth() >= width * 2 && current.getHeight() >= height * 2) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, alpha);
        }
        return draw(current, width, height, alpha);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage target = new BufferedImage(width, height, pixelType(alpha));
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (!alpha) {
                // A transparent GIF or PNG pixel becomes white in a JPEG, not black.
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
            }
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static int pixelType(boolean alpha) {
        return alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String hash(byte[] upload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(upload);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
