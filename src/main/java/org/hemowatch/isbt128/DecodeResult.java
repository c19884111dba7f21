package org.hemowatch.isbt128;

import org.hemowatch.domain.rule.Rejection;
import java.util.List;
import java.util.Objects;

/** Outcome of decoding one read: the structures found, or the rule it failed. */
public sealed interface DecodeResult {

    /** The read was valid; {@code structures} are in read order and never empty. */
    record Decoded(List<Isbt128Structure> structures) implements DecodeResult {
        public Decoded {
            structures = List.copyOf(structures);
        }
    }

    /** The read was rejected; {@code input} is the read exactly as received. */
    record Failed(String input, Rejection error) implements DecodeResult {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
