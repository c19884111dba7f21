package org.hemowatch.app.cli;

import org.hemowatch.isbt128.Isbt128Decoder;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;

/** Valid ISBT 128 label reads for the simulator: DINs with correct Mod 37-2 flags, product E0398, common blood groups. */
final class SimulatedLabels {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";
    /** Blood group data (=%ggre): O neg, O pos, A neg, A pos, B pos, AB pos. */
    private static final List<String> GROUPS = List.of("=%9500", "=%5100", "=%0600", "=%6200", "=%7300", "=%8400");

    private final Random random;
    private final String facility;
    private final int year2;

    SimulatedLabels(Random random, String facility, int year2) {
        this.random = random;
        this.facility = facility;
        this.year2 = year2;
    }

    /** The DIN read (=DIN + flags) of serial number {@code n}. */
    String dinRead(long n) {
        String din = facility + String.format("%02d%06d", year2 % 100, n % 1_000_000);
        char check = Isbt128Decoder.mod37_2(din);
        return "=" + din + (60 + ALPHABET.indexOf(check));
    }

    /** One concatenated read of a whole red-cell label expiring at {@code expiry} (local time). */
    String label(long n, LocalDateTime expiry) {
        String exp = String.format("&>%03d%03d%02d%02d", expiry.getYear() % 1000, expiry.getDayOfYear(), expiry.getHour(), expiry.getMinute());
        return dinRead(n) + GROUPS.get(random.nextInt(GROUPS.size())) + "=<E0398V00" + exp;
    }
}
