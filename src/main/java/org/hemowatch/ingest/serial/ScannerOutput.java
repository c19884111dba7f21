package org.hemowatch.ingest.serial;

import org.hemowatch.domain.rule.Rejection;

import java.util.Objects;

/** What a scanner port produces: a closed group of reads, or a read the framer dropped. */
public sealed interface ScannerOutput {

    record Scan(AssembledScan scan) implements ScannerOutput {
        public Scan {
            Objects.requireNonNull(scan, "scan");
        }
    }

    record Dropped(Rejection error) implements ScannerOutput {
        public Dropped {
            Objects.requireNonNull(error, "error");
        }
    }
}
