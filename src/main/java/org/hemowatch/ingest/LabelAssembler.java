package org.hemowatch.ingest;

import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.SpecialMessage;
import org.hemowatch.isbt128.BloodGroupCode;
import org.hemowatch.isbt128.DateStructure;
import org.hemowatch.isbt128.DecodeResult;
import org.hemowatch.isbt128.Din;
import org.hemowatch.isbt128.Isbt128Decoder;
import org.hemowatch.isbt128.Isbt128Structure;
import org.hemowatch.isbt128.LabelIntendedUse;
import org.hemowatch.isbt128.ProductCode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the reads of one label into a {@link ScannedLabel}. Pure: the site's zone turns the
 * label's local expiry and collection times into instants.
 */
public final class LabelAssembler {

    /** Longest single read accepted; a Code 128 label symbol holds far less. */
    public static final int MAX_READ_LENGTH = 256;
    /** Most reads in one scan (DIN, group, product, expiry, and a few others). */
    public static final int MAX_READS = 8;

    private LabelAssembler() {
    }

    /** Decodes and combines; throws {@link RejectedException} naming the failed rule. */
    public static ScannedLabel assemble(List<String> reads, ZoneId zone) {
        if (reads.isEmpty()) {
            throw new RejectedException(Rejection.invalid("no-reads", "the scan has no barcode data: send \"data\" or \"reads\""));
        }
        if (reads.size() > MAX_READS) {
            throw new RejectedException(Rejection.invalid("too-many-reads", "a scan holds at most " + MAX_READS + " reads, got " + reads.size()));
        }
        List<Isbt128Structure> structures = new ArrayList<>();
        for (String read : reads) {
            structures.addAll(decode(read));
        }
        return combine(structures, zone);
    }

    private static List<Isbt128Structure> decode(String read) {
        if (read == null || read.isBlank()) {
            throw new RejectedException(Rejection.invalid("empty-read", "a read is empty"));
        }
        if (read.length() > MAX_READ_LENGTH) {
            throw new RejectedException(Rejection.invalid("read-too-long", "a read is " + read.length() + " characters; at most " + MAX_READ_LENGTH + " are accepted"));
        }
        DecodeResult result = Isbt128Decoder.decode(read);
        if (result instanceof DecodeResult.Failed failed && looksTypedByHand(read)) {
            DecodeResult manual = Isbt128Decoder.decodeManualDin(read.strip());
            if (manual instanceof DecodeResult.Decoded) {
                result = manual;
            } else {
                result = failed;
            }
        }
        if (result instanceof DecodeResult.Failed f) {
            throw new RejectedException(f.error().withMessage(f.error().message() + " (read: " + printable(read) + ")"));
        }
        return ((DecodeResult.Decoded) result).structures();
    }

    /** 13-character DIN plus the keyboard check character, optionally behind '='. */
    private static boolean looksTypedByHand(String read) {
        String s = read.strip();
        return s.length() == 14 || (s.length() == 15 && s.charAt(0) == '=');
    }

    private static ScannedLabel combine(List<Isbt128Structure> structures, ZoneId zone) {
        Din din = null;
        ProductCode product = null;
        BloodGroupCode group = null;
        DateStructure expiry = null;
        DateStructure collection = null;
        for (Isbt128Structure s : structures) {
            if (s instanceof Din d) {
                din = only(din, d, "several-dins", "the reads carry more than one DIN: scan one unit at a time");
            } else if (s instanceof ProductCode p) {
                product = only(product, p, "several-product-codes", "the reads carry more than one product code");
            } else if (s instanceof BloodGroupCode g) {
                group = only(group, g, "several-blood-groups", "the reads carry more than one blood group");
            } else if (s instanceof DateStructure d && d.kind().equals(Isbt128Structure.KIND_EXPIRY)) {
                expiry = only(expiry, d, "several-expiry-dates", "the reads carry more than one expiry date");
            } else if (s instanceof DateStructure d && d.kind().equals(Isbt128Structure.KIND_COLLECTION)) {
                collection = only(collection, d, "several-collection-dates", "the reads carry more than one collection date");
            }
        }
        if (din == null) {
            throw new RejectedException(Rejection.invalid("din-missing", "the reads carry no donation identification number (DIN)"));
        }
        Instant expires = expiry == null ? null : expiry.instant(zone);
        return new ScannedLabel(din.din(),
                product == null ? null : product.productCode(),
                product == null ? null : product.division(),
                group == null ? null : group.group().orElse(null),
                group == null ? null : SpecialMessage.parse(group.code()).orElse(null),
                expires,
                intendedUse(group, product),
                collection == null ? null : collection.instant(zone));
    }

    /** The unit's intended use from the group and product code, which may come in separate reads: they must agree. */
    private static IntendedUse intendedUse(BloodGroupCode group, ProductCode product) {
        LabelIntendedUse.disagreement(group, product).ifPresent(e -> {
            throw new RejectedException(e);
        });
        return LabelIntendedUse.ofUnit(group, product);
    }

    private static <T> T only(T existing, T next, String rule, String message) {
        if (existing != null && !existing.equals(next)) {
            throw new RejectedException(Rejection.invalid(rule, message));
        }
        return next;
    }

    private static String printable(String read) {
        return read.replace("\r", "\\r").replace("\n", "\\n");
    }
}
