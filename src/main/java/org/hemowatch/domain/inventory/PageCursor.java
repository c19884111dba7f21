package org.hemowatch.domain.inventory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.UnitKey;

/**
 * Where a page of units ended: the expiry and key of its last unit, so the next page starts just
 * after it in {@link UnitOrder#FEFO} order however the stock changed in between (keyset paging).
 * Encoded as URL-safe base64 of {@code epochSecond.nano|din|productCode|division}; opaque to clients.
 */
public record PageCursor(Instant expires, UnitKey key) {

    public static PageCursor after(BloodUnit u) {
        return new PageCursor(u.expires(), u.key());
    }

    public String encode() {
        String plain = expires.getEpochSecond() + "." + expires.getNano() + "|" + key.din() + "|" + key.productCode() + "|" + key.division();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or empty when {@code text} is not one this class wrote. */
    public static Optional<PageCursor> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", -1);
            if (parts.length != 4) {
                return Optional.empty();
            }
            int dot = parts[0].indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0].substring(0, dot)), Long.parseLong(parts[0].substring(dot + 1)));
            return Optional.of(new PageCursor(at, new UnitKey(parts[1], parts[2], parts[3])));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    BloodUnit position() {
        return UnitOrder.at(expires, key);
    }
}
