package org.hemowatch.isbt128;

import org.hemowatch.domain.rule.RejectedException;
import static org.hemowatch.domain.rule.Rules.BAD_CHARACTER;
import static org.hemowatch.domain.rule.Rules.BAD_LENGTH;
import static org.hemowatch.domain.rule.Rules.CODABAR_LABEL;
import static org.hemowatch.domain.rule.Rules.EMPTY_READ;
import static org.hemowatch.domain.rule.Rules.KEYBOARD_CHECK_CHARACTER;
import static org.hemowatch.domain.rule.Rules.UNKNOWN_IDENTIFIER;

import java.util.List;
import java.util.Locale;

/**
 * Decodes ISBT 128 label data: scanner reads ({@link #decode}) and donation numbers typed by hand
 * ({@link #decodeManualDin}). Stateless and thread-safe; never throws for bad input, every
 * rejection is a {@link DecodeResult.Failed} naming the rule.
 */
public final class Isbt128Decoder {

    /** AIM symbology identifier a scanner may prepend for Code 128 without FNC1, i.e. ISBT 128. */
    private static final String AIM_CODE_128 = "]C0";
    /** AIM Code 128 modifier 4: the scanner performed ISBT 128 concatenation of two symbols. */
    private static final String AIM_ISBT_CONCATENATED = "]C4";

    /** Flags of a DIN entered by hand: the flag characters are not typed, so none are known. */
    static final String TYPED_DIN_FLAGS = "00";

    private Isbt128Decoder() {
    }

    /**
     * Decodes one scanner read: an optional AIM {@code ]C0} (or {@code ]C4}, ISBT 128 concatenation) prefix, one or more concatenated ISBT 128
     * structures, and optional trailing CR/LF.
     *
     * @param read the text exactly as the scanner sent it
     * @return the structures in read order, or the first rule the read broke
     */
    public static DecodeResult decode(String read) {
        try {
            String data = clean(read);
            return new DecodeResult.Decoded(new StructureReader(data).readAll());
        } catch (RejectedException r) {
            return new DecodeResult.Failed(read == null ? "" : read, r.rejection());
        }
    }

    /**
     * Decodes a donation number typed by hand from the eye-readable label text: the 13 DIN characters
     * followed by the boxed keyboard check character, optionally with a leading {@code =}. Spaces are
     * ignored and letters may be typed in lower case. The flags are not typed, so the result carries
     * flags {@code "00"}.
     */
    public static DecodeResult decodeManualDin(String typed) {
        try {
            return new DecodeResult.Decoded(List.of(manualDin(typed)));
        } catch (RejectedException r) {
            return new DecodeResult.Failed(typed == null ? "" : typed, r.rejection());
        }
    }

    /**
     * The ISO 7064 Mod 37-2 check character ({@code 0-9}, {@code A-Z} or {@code *}) of a 13-character DIN.
     *
     * @throws IllegalArgumentException if the text is not 13 characters of {@code 0-9 A-Z}
     */
    public static char mod37_2(String thirteenChars) {
        if (thirteenChars == null || thirteenChars.length() != 13) {
            throw new IllegalArgumentException("a DIN has 13 characters: " + thirteenChars);
        }
        return Mod37_2.checkCharacter(Mod37_2.checkValue(thirteenChars));
    }

    private static String clean(String read) {
        if (read == null) {
            throw RejectedException.invalid(EMPTY_READ, "The scanner sent an empty read; scan the barcode again.");
        }
        String data = stripCrLf(read);
        if (data.startsWith(AIM_CODE_128) || data.startsWith(AIM_ISBT_CONCATENATED)) {
            data = data.substring(AIM_CODE_128.length());
        } else if (data.length() >= 3 && data.charAt(0) == ']') {
            String aim = data.substring(0, 3);
            if (aim.charAt(1) == 'F') {
                throw RejectedException.invalid(CODABAR_LABEL, Codabar.MESSAGE);
            }
            throw RejectedException.invalid(UNKNOWN_IDENTIFIER, "The scanner reports barcode symbology '" + aim
                    + "', but ISBT 128 labels are Code 128 ('" + AIM_CODE_128 + "', or '" + AIM_ISBT_CONCATENATED
                    + "' when the scanner joined two ISBT 128 barcodes), so this is not an ISBT 128 barcode.");
        }
        if (data.isEmpty()) {
            throw RejectedException.invalid(EMPTY_READ, "The scanner sent an empty read; scan the barcode again.");
        }
        if (Codabar.looksLike(data)) {
            throw RejectedException.invalid(CODABAR_LABEL, Codabar.MESSAGE);
        }
        return data;
    }

    private static String stripCrLf(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isCrLf(s.charAt(from))) {
            from++;
        }
        while (to > from && isCrLf(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isCrLf(char c) {
        return c == '\r' || c == '\n';
    }

    private static Din manualDin(String typed) {
        String t = typed == null ? "" : typed.replaceAll("\\s", "");
        if (t.startsWith("=")) {
            t = t.substring(1);
        }
        if (t.isEmpty()) {
            throw RejectedException.invalid(EMPTY_READ, "Nothing was typed; type the 13-character donation number and its boxed check character.");
        }
        if (t.length() != 14) {
            if (Codabar.looksLike(t)) {
                throw RejectedException.invalid(CODABAR_LABEL, Codabar.MESSAGE);
            }
            throw RejectedException.invalid(BAD_LENGTH, "A typed donation number has 14 characters (13 for the number, then the boxed"
                    + " check character), but " + t.length() + " were typed.");
        }
        t = t.toUpperCase(Locale.ROOT);
        String din = t.substring(0, 13);
        char typedCheck = t.charAt(13);
        if (!CharClass.isDinStart(din.charAt(0))) {
            throw RejectedException.invalid(BAD_CHARACTER, "A donation number cannot start with " + MessageText.printable(din.charAt(0))
                    + "; its first character is a capital letter other than O or a digit 1 to 9.");
        }
        requireTyped(din, 1, 3, CharClass.FIN_ALNUM, CharClass.FIN_FIELD);
        requireTyped(din, 3, 5, CharClass.DIGIT, CharClass.FIN_FIELD);
        requireTyped(din, 5, 13, CharClass.DIGIT, "year and sequence number");
        if (Mod37_2.ALPHABET.indexOf(typedCheck) < 0) {
            throw RejectedException.invalid(BAD_CHARACTER, "The check character " + MessageText.printable(typedCheck)
                    + " cannot be a keyboard check character; it must be a digit, a letter or '*'.");
        }
        char expected = mod37_2(din);
        // The message deliberately does not reveal the expected character: that would let a
        // mistyped number through by copying it.
        if (typedCheck != expected) {
            throw RejectedException.invalid(KEYBOARD_CHECK_CHARACTER, "The check character typed (" + typedCheck
                    + ") does not match donation number " + din + "; check the number and the boxed character on the label"
                    + " and type them again.");
        }
        return new Din(din, TYPED_DIN_FLAGS, expected);
    }

    private static void requireTyped(String din, int from, int to, CharClass allowed, String field) {
        for (int i = from; i < to; i++) {
            if (!allowed.test().test(din.charAt(i))) {
                throw RejectedException.invalid(BAD_CHARACTER, "Character " + MessageText.printable(din.charAt(i)) + " at position "
                        + (i + 1) + " cannot be in the " + field + " of a donation number; it must be "
                        + allowed.description() + " (ST-001 §2.4.1).");
            }
        }
    }
}
