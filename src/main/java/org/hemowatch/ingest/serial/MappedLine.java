package org.hemowatch.ingest.serial;

import java.util.Objects;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.rule.Rejection;

/** A controller line tied to its configured device: a domain value, or the reason it was dropped. */
public sealed interface MappedLine {

    record Reading(TemperatureReading reading) implements MappedLine {
        public Reading {
            Objects.requireNonNull(reading, "reading");
        }
    }

    record Status(DeviceStatusReport report) implements MappedLine {
        public Status {
            Objects.requireNonNull(report, "report");
        }
    }

    record Rejected(Rejection error) implements MappedLine {
        public Rejected {
            Objects.requireNonNull(error, "error");
        }
    }
}
