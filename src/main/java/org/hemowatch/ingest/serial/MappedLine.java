package org.hemowatch.ingest.serial;

import java.util.Objects;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;

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

    record Rejected(LineError error) implements MappedLine {
        public Rejected {
            Objects.requireNonNull(error, "error");
        }
    }
}
