package org.hemowatch.ingest;

import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.SpecialMessage;

import java.time.Instant;

/**
 * What the reads of one label said, decoded. Only {@code din} is always present.
 *
 * @param productCode null when the label's product code was not scanned
 * @param special     a blood-group special message instead of a group (ST-001 Table 5), else null
 * @param intendedUse the label's intended use (structure 002 and the product code agreed), null when neither was scanned
 * @param collected   the collection date (006, 23:59 local) or date and time (007) in the site's zone, null when not scanned
 */
public record ScannedLabel(String din, String productCode, String division, BloodGroup group, SpecialMessage special,
                           Instant expires, IntendedUse intendedUse, Instant collected) {
}
