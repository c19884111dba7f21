package org.hemowatch.isbt128;

import org.hemowatch.domain.rule.RejectedException;
import static org.hemowatch.domain.rule.Rules.BAD_CHARACTER;
import static org.hemowatch.domain.rule.Rules.BAD_LENGTH;
import static org.hemowatch.domain.rule.Rules.DIN_CHECK_VALUE;
import static org.hemowatch.domain.rule.Rules.IMPOSSIBLE_DATE;
import static org.hemowatch.domain.rule.Rules.RESERVED_FLAG;
import static org.hemowatch.domain.rule.Rules.UNKNOWN_COLLECTION_TYPE;
import static org.hemowatch.domain.rule.Rules.UNKNOWN_IDENTIFIER;
import static org.hemowatch.domain.rule.Rules.UNSAFE_CONCATENATION;
import static org.hemowatch.domain.rule.Rules.UNSUPPORTED_STRUCTURE;
import static org.hemowatch.isbt128.CharClass.ANY_ALNUM;
import static org.hemowatch.isbt128.CharClass.CAPITAL;
import static org.hemowatch.isbt128.CharClass.DIGIT;
import static org.hemowatch.isbt128.CharClass.FIN_ALNUM;
import static org.hemowatch.isbt128.CharClass.FIN_FIELD;
import static org.hemowatch.isbt128.CharClass.FLAG;
import static org.hemowatch.isbt128.CharClass.LOWER_ALNUM;
import static org.hemowatch.isbt128.CharClass.UPPER_ALNUM;
import static org.hemowatch.isbt128.MessageText.capitalised;
import static org.hemowatch.isbt128.MessageText.printable;
import static org.hemowatch.isbt128.MessageText.visible;
import static org.hemowatch.isbt128.MessageText.withArticle;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the successive data structures of one cleaned scanner read (no AIM prefix, no CR/LF).
 * Every structure has a fixed length, so a concatenated read splits without separators.
 * Positions in messages are 1-based within the barcode data.
 */
final class StructureReader {

    /** ISBT 128 structures we recognise but do not decode. */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "=}", "production date (structure 008)",
            "&}", "production date and time (structure 009)",
            "&(", "special testing: general (structure 010)",
            "=+", "compound message (structure 023)",
            "=,", "product divisions (structure 032)");

    private final String data;
    private int pos;

    StructureReader(String data) {
        this.data = data;
    }

    List<Isbt128Structure> readAll() {
        List<Isbt128Structure> found = new ArrayList<>();
        while (pos < data.length()) {
            char c = data.charAt(pos);
            if (c != '=' && c != '&') {
                rejectLeftover(found);
            }
            Isbt128Structure next = readOne();
            for (Isbt128Structure earlier : found) {
                if (earlier.kind().equals(next.kind())) {
                    throw RejectedException.invalid(UNSAFE_CONCATENATION, "The read holds two " + Layout.plural(next.kind())
                            + ", so the scanner joined barcodes that do not belong together; scan each barcode on its own.");
                }
            }
            found.add(next);
        }
        rejectContradictoryIntendedUse(found);
        return found;
    }

    private static void rejectContradictoryIntendedUse(List<Isbt128Structure> found) {
        BloodGroupCode group = null;
        ProductCode product = null;
        for (Isbt128Structure s : found) {
            if (s instanceof BloodGroupCode g) {
                group = g;
            } else if (s instanceof ProductCode p) {
                product = p;
            }
        }
        LabelIntendedUse.disagreement(group, product).ifPresent(e -> {
            throw new RejectedException(e);
        });
    }

    private void rejectLeftover(List<Isbt128Structure> found) {
        String rest = data.substring(pos);
        if (found.isEmpty()) {
            throw RejectedException.invalid(UNKNOWN_IDENTIFIER, "The barcode data starts with " + printable(rest.charAt(0))
                    + " instead of an ISBT 128 data identifier ('=' or '&'), so it is not an ISBT 128 barcode.");
        }
        String last = Layout.nameOf(found.get(found.size() - 1));
        if (found.size() == 1) {
            throw RejectedException.invalid(BAD_LENGTH, "The read is " + rest.length() + " character(s) longer than "
                    + withArticle(last) + ": \"" + visible(rest) + "\" follows it, so the barcode is damaged or not an"
                    + " ISBT 128 " + last + ".");
        }
        throw RejectedException.invalid(UNSAFE_CONCATENATION, "After the " + last + " the read continues with \"" + visible(rest)
                + "\", which is not an ISBT 128 structure; scan each barcode on its own.");
    }

    private Isbt128Structure readOne() {
        char first = data.charAt(pos);
        if (pos + 1 >= data.length()) {
            throw RejectedException.invalid(BAD_LENGTH, "The read ends with a lone '" + first + "' at position " + (pos + 1)
                    + "; an ISBT 128 data identifier has two characters, so the barcode was cut short.");
        }
        char second = data.charAt(pos + 1);
        if (first == '=' && CharClass.isDinStart(second)) {
            return readDin();
        }
        String id = "" + first + second;
        switch (id) {
            case "=%":
                return readBloodGroup();
            case "=<":
                return readProductCode();
            case "=>":
                return readDate(Layout.EXPIRY_DATE, "004", Isbt128Structure.KIND_EXPIRY, false);
            case "&>":
                return readDate(Layout.EXPIRY_DATE_TIME, "005", Isbt128Structure.KIND_EXPIRY, true);
            case "=*":
                return readDate(Layout.COLLECTION_DATE, "006", Isbt128Structure.KIND_COLLECTION, false);
            case "&*":
                return readDate(Layout.COLLECTION_DATE_TIME, "007", Isbt128Structure.KIND_COLLECTION, true);
            default:
                break;
        }
        String unsupported = UNSUPPORTED.get(id);
        if (unsupported != null) {
            throw RejectedException.invalid(UNSUPPORTED_STRUCTURE, "'" + id + "' is the ISBT 128 " + unsupported
                    + ", which Hemowatch does not use; scan the DIN, blood group, product code or expiry barcode instead.");
        }
        if (first == '=' && (second == 'O' || second == '0')) {
            throw RejectedException.invalid(UNKNOWN_IDENTIFIER, "'" + id + "' is not an ISBT 128 data identifier: a donation number"
                    + " never starts with the letter O or the digit 0.");
        }
        throw RejectedException.invalid(UNKNOWN_IDENTIFIER, "'" + first + "' followed by " + printable(second) + " at position "
                + (pos + 1) + " is not an ISBT 128 data identifier that Hemowatch knows.");
    }

    private Din readDin() {
        int start = pos + 1;
        String c = content(Layout.DIN, start, "=");
        requireChars(c, start, 1, 3, FIN_ALNUM, FIN_FIELD, Layout.DIN);
        requireChars(c, start, 3, 5, DIGIT, FIN_FIELD, Layout.DIN);
        requireChars(c, start, 5, 7, DIGIT, "year", Layout.DIN);
        requireChars(c, start, 7, 13, DIGIT, "sequence number", Layout.DIN);
        requireChars(c, start, 13, 15, FLAG, "flag characters", Layout.DIN);
        String din = c.substring(0, 13);
        String flags = c.substring(13);
        if (!Character.isDigit(flags.charAt(0)) || !Character.isDigit(flags.charAt(1))) {
            throw RejectedException.invalid(RESERVED_FLAG, "Donation number " + din + " has flag characters " + flags
                    + "; alphanumeric flags are reserved for future assignment (ST-001 Table 3), so the read cannot be trusted.");
        }
        int check = Mod37_2.checkValue(din);
        int flagValue = Integer.parseInt(flags);
        if (flagValue >= 60 && flagValue <= 96 && flagValue != 60 + check) {
            throw RejectedException.invalid(DIN_CHECK_VALUE, "Donation number " + din + " failed its check: the flag characters are "
                    + flags + " but this number needs flags " + (60 + check) + " (check character "
                    + Mod37_2.checkCharacter(check) + "), so the barcode is damaged or misread; rescan it.");
        }
        if (flagValue > 96) {
            throw RejectedException.invalid(RESERVED_FLAG, "Donation number " + din + " has flag characters " + flags
                    + ", which ISBT 128 does not define (only 00 to 96 are), so the read cannot be trusted.");
        }
        return new Din(din, flags, Mod37_2.checkCharacter(check));
    }

    private BloodGroupCode readBloodGroup() {
        int start = pos + 2;
        String c = content(Layout.BLOOD_GROUP, start, "=%");
        requireChars(c, start, 0, 2, ANY_ALNUM, "group code", Layout.BLOOD_GROUP);
        requireChars(c, start, 2, 4, UPPER_ALNUM, "type characters", Layout.BLOOD_GROUP);
        return BloodGroupTable.decode(c.substring(0, 2), c.substring(2));
    }

    private ProductCode readProductCode() {
        int start = pos + 2;
        String c = content(Layout.PRODUCT_CODE, start, "=<");
        requireChars(c, start, 0, 1, CAPITAL, "product description code", Layout.PRODUCT_CODE);
        requireChars(c, start, 1, 5, UPPER_ALNUM, "product description code", Layout.PRODUCT_CODE);
        if (!ProductCode.hasCollectionType(c.charAt(0))) {
            requireChars(c, start, 5, 8, DIGIT, "three-digit division", Layout.PRODUCT_CODE);
            return new ProductCode(c.substring(0, 5), c.charAt(5), c.substring(6, 8));
        }
        requireChars(c, start, 5, 6, ANY_ALNUM, "type of collection", Layout.PRODUCT_CODE);
        requireChars(c, start, 6, 7, UPPER_ALNUM, "division", Layout.PRODUCT_CODE);
        requireChars(c, start, 7, 8, LOWER_ALNUM, "division", Layout.PRODUCT_CODE);
        char t = c.charAt(5);
        if (CollectionType.of(t).isEmpty()) {
            throw RejectedException.invalid(UNKNOWN_COLLECTION_TYPE, "Type of collection '" + t + "' at position " + (start + 6)
                    + " of the product code is not in ISBT 128 Table 7 (the case matters: 'r', 's' and 'd' are the only"
                    + " small letters), so the unit's intended use cannot be read from this label.");
        }
        return new ProductCode(c.substring(0, 5), t, c.substring(6, 8));
    }

    private DateStructure readDate(Layout layout, String structure, String kind, boolean hasTime) {
        int start = pos + 2;
        String id = data.substring(pos, start);
        String c = content(layout, start, id);
        requireChars(c, start, 0, c.length(), DIGIT, null, layout);
        int year = 2000 + 100 * digit(c, 0) + Integer.parseInt(c.substring(1, 3));
        int day = Integer.parseInt(c.substring(3, 6));
        int daysInYear = Year.of(year).length();
        if (day < 1 || day > daysInYear) {
            throw RejectedException.invalid(IMPOSSIBLE_DATE, "The " + layout.label + " '" + c + "' gives day " + c.substring(3, 6)
                    + " of " + year + ", which does not exist (days run from 001 to " + daysInYear + ").");
        }
        LocalTime time = LocalTime.of(23, 59);
        if (hasTime) {
            int hour = Integer.parseInt(c.substring(6, 8));
            int minute = Integer.parseInt(c.substring(8, 10));
            if (hour > 23 || minute > 59) {
                throw RejectedException.invalid(IMPOSSIBLE_DATE, "The " + layout.label + " '" + c + "' gives the time "
                        + c.substring(6, 8) + ":" + c.substring(8, 10)
                        + ", which does not exist (hours run from 00 to 23, minutes from 00 to 59).");
            }
            time = LocalTime.of(hour, minute);
        }
        return new DateStructure(structure, kind, LocalDateTime.of(LocalDate.ofYearDay(year, day), time), hasTime);
    }

    /** Takes the fixed-length content starting at {@code start} and moves past it. */
    private String content(Layout layout, int start, String identifier) {
        int available = data.length() - start;
        int end = start + Math.min(layout.length, available);
        for (int i = start; i < end; i++) {
            char ch = data.charAt(i);
            if (ch == '=' || ch == '&') {
                throw RejectedException.invalid(BAD_LENGTH, capitalised(withArticle(layout.label)) + " has " + layout.length
                        + " characters after '" + identifier + "', but another data identifier starts after only " + (i - start)
                        + ", so the barcode was cut short or joined unsafely.");
            }
        }
        if (available < layout.length) {
            throw RejectedException.invalid(BAD_LENGTH, capitalised(withArticle(layout.label)) + " has " + layout.length
                    + " characters after '" + identifier + "', but the read has only " + available + ", so the barcode was cut short.");
        }
        pos = start + layout.length;
        return data.substring(start, pos);
    }

    private static void requireChars(String content, int contentStart, int from, int to, CharClass cls, String field,
            Layout layout) {
        for (int i = from; i < to; i++) {
            char ch = content.charAt(i);
            if (!cls.test().test(ch)) {
                throw RejectedException.invalid(BAD_CHARACTER, "Character " + printable(ch) + " at position " + (contentStart + i + 1)
                        + " cannot be in " + (field == null ? "" : "the " + field + " of ") + withArticle(layout.label)
                        + "; it must be " + cls.description() + ".");
            }
        }
    }

    private static int digit(String s, int i) {
        return s.charAt(i) - '0';
    }
}
