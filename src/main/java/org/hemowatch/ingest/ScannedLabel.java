package org.hemowatch.ingest;

import org.hemowatch.domain.BloodGroup;

import java.time.Instant;

/**
 * What the reads of one label said, decoded. Only {@code din} is always present.
 *
 * @param productCode null when the label's product code was not scanned
 * @param special     a blood-group special message instead of a group (e.g. {@code discard}), else null
 */
public record ScannedLabel(String din, String productCode, String division, BloodGroup group, String special, Instant expires) {
}
