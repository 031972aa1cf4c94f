package io.chartbrief.summary.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Media;
import org.hl7.fhir.r4.model.Reference;

/** Real JPEG and PNG bytes (written by ImageIO) and chart resources that hold them. */
public final class ImageFixtures {

    private ImageFixtures() {
    }

    /** A small grey image with a bright patch, encoded as {@code format} ({@code jpg} or {@code png}). */
    public static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 3, height / 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG signature and IHDR claiming {@code width × height}, then nothing (a header is all the check reads). */
    public static byte[] pngHeader(int width, int height) {
        byte[] png = Arrays.copyOf(image("png", 2, 2), 33);
        writeInt(png, 16, width);
        writeInt(png, 20, height);
        return png;
    }

    /** A JPEG start marker followed by {@code size - 3} zero bytes: an oversized "image". */
    public static byte[] jpegOfSize(int size) {
        byte[] bytes = new byte[size];
        bytes[0] = (byte) 0xff;
        bytes[1] = (byte) 0xd8;
        bytes[2] = (byte) 0xff;
        return bytes;
    }

    /** A current DocumentReference for the patient {@code p1} with one attachment per {@code (type, bytes)} pair. */
    public static DocumentReference document(String id, String date, String description, Object... typesAndBytes) {
        DocumentReference document = new DocumentReference();
        document.setId(id);
        document.setStatus(DocumentReferenceStatus.CURRENT);
        document.setSubject(new Reference("Patient/p1"));
        document.setDateElement(new org.hl7.fhir.r4.model.InstantType(date + "T08:00:00Z"));
        document.setDescription(description);
        document.setType(new CodeableConcept().setText("Imaging"));
        for (int i = 0; i < typesAndBytes.length; i += 2) {
            document.addContent().setAttachment(new Attachment().setContentType((String) typesAndBytes[i])
                    .setData((byte[]) typesAndBytes[i + 1]));
        }
        return document;
    }

    /** A completed Media photograph for the patient {@code p1}. */
    public static Media media(String id, String created, String view, String contentType, byte[] bytes) {
        Media media = new Media();
        media.setId(id);
        media.setStatus(Media.MediaStatus.COMPLETED);
        media.setSubject(new Reference("Patient/p1"));
        media.setCreated(new DateTimeType(created));
        media.setView(new CodeableConcept().setText(view));
        media.setContent(new Attachment().setContentType(contentType).setData(bytes));
        return media;
    }

    /** Adds resources to a chart bundle as entries with {@code Type/id} full URLs. */
    public static Bundle with(Bundle bundle, org.hl7.fhir.r4.model.Resource... resources) {
        for (org.hl7.fhir.r4.model.Resource resource : resources) {
            bundle.addEntry().setFullUrl("https://example.org/fhir/" + resource.fhirType() + "/"
                    + resource.getIdElement().getIdPart())
                    .setResource(resource);
        }
        return bundle;
    }

    private static void writeInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }
}
