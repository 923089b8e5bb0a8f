package io.blog.posts.media;

import io.blog.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding, turning upright, scaling and re-encoding uploads, on real images drawn here. */
class ImageVariantsTest {

    private static final long PLENTY = 50_000_000;

    @Test
    void aLargePhotoIsStoredAtEveryStandardWidthKeepingItsShape() throws IOException {
        ImageVariants.Processed result = ImageVariants.process(encode(photo(3000, 2000), "jpeg"), PLENTY);

        assertThat(result.id().width()).isEqualTo(1440);
        assertThat(result.id().height()).isEqualTo(960);
        assertThat(result.variants()).extracting(ImageVariants.Variant::width).containsExactly(480, 960, 1440);
        for (ImageVariants.Variant v : result.variants()) {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(v.bytes()));
            assertThat(decoded.getWidth()).isEqualTo(v.width());
            assertThat(decoded.getHeight()).isEqualTo(v.width() * 2 / 3);
            assertThat(v.contentType()).isEqualTo("image/jpeg");
        }
        // The left half is red and the right half blue in every variant: scaled, not cropped or mirrored.
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(result.variants().getFirst().bytes()));
        assertThat(new Color(small.getRGB(10, 160)).getRed()).isGreaterThan(200);
        assertThat(new Color(small.getRGB(470, 160)).getBlue()).isGreaterThan(200);
    }

    @Test
    void aSmallImageIsNeverEnlarged() throws IOException {
        ImageVariants.Processed result = ImageVariants.process(encode(photo(300, 200), "png"), PLENTY);

        assertThat(result.id().toString()).endsWith("-300x200");
        assertThat(result.variants()).extracting(ImageVariants.Variant::width).containsExactly(300);
        // Opaque PNG pixels are stored as JPEG: a fraction of the bytes.
        assertThat(result.variants().getFirst().contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void transparencySurvivesAsPng() throws IOException {
        BufferedImage logo = new BufferedImage(600, 600, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = logo.createGraphics();
        g.setColor(Color.GREEN);
        g.fillOval(100, 100, 400, 400);
        g.dispose();

        ImageVariants.Processed result = ImageVariants.process(encode(logo, "png"), PLENTY);

        assertThat(result.variants()).extracting(ImageVariants.Variant::contentType).containsOnly("image/png");
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(result.variants().getFirst().bytes()));
        assertThat(stored.getRGB(0, 0) >>> 24).isZero();
        assertThat(stored.getRGB(stored.getWidth() / 2, stored.getHeight() / 2) >>> 24).isEqualTo(0xFF);
    }

    @Test
    void aPhotoTakenSidewaysIsTurnedUprightAndItsExifIsGone() throws IOException {
        // Stored as 1000×500 landscape with orientation 6: the camera was turned, the picture is portrait.
        byte[] upload = withExifOrientation(encode(photo(1000, 500), "jpeg"), 6);
        assertThat(ImageVariants.exifOrientation(upload)).isEqualTo(6);

        ImageVariants.Processed result = ImageVariants.process(upload, PLENTY);

        assertThat(result.id().width()).isEqualTo(500);
        assertThat(result.id().height()).isEqualTo(1000);
        byte[] stored = result.variants().getLast().bytes();
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(stored));
        assertThat(upright.getWidth()).isEqualTo(500);
        // Turned clockwise: what was the left (red) half is now the top.
        assertThat(new Color(upright.getRGB(250, 20)).getRed()).isGreaterThan(200);
        assertThat(new Color(upright.getRGB(250, 980)).getBlue()).isGreaterThan(200);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
    }

    @Test
    void theSameBytesHaveTheSameAddressAndOtherBytesAnother() throws IOException {
        byte[] one = encode(photo(800, 600), "png");
        byte[] other = encode(photo(800, 601), "png");

        assertThat(ImageVariants.process(one, PLENTY).id()).isEqualTo(ImageVariants.process(one.clone(), PLENTY).id());
        assertThat(ImageVariants.process(other, PLENTY).id().hash()).isNotEqualTo(ImageVariants.process(one, PLENTY).id().hash());
    }

    @Test
    void whatIsNotAnImageIsRefusedAsUnsupported() {
        assertThatThrownBy(() -> ImageVariants.process("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8), PLENTY))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(415));
    }

    @Test
    void aTruncatedImageIsABadRequest() throws IOException {
        byte[] png = encode(photo(800, 600), "png");
        assertThatThrownBy(() -> ImageVariants.process(Arrays.copyOf(png, png.length / 3), PLENTY))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(400));
    }

    @Test
    void aTruncatedJpegIsRefusedNotHalfGrey() throws IOException {
        byte[] jpeg = encode(photo(800, 600), "jpeg");
        assertThatThrownBy(() -> ImageVariants.process(Arrays.copyOf(jpeg, jpeg.length / 2), PLENTY))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(400));
    }

    @Test
    void tooManyPixelsAreRefusedBeforeDecoding() throws IOException {
        assertThatThrownBy(() -> ImageVariants.process(encode(photo(2000, 1000), "png"), 1_000_000))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.errors().getFirst().message()).contains("2000×1000");
                });
    }

    /** Left half red, right half blue. */
    private static BufferedImage photo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    /** The JPEG with an APP1 Exif segment (big-endian TIFF, one IFD entry: Orientation) after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
                0, 0, 0, 0};
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        int length = exif.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(exif, 0, exif.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
