package dev.berth.certs.api;

import java.time.Instant;

/**
 * A registered enrollment client, for operators; never its key.
 *
 * @param spec what it may get
 * @param created when it was registered
 * @param lastEnrollment when it last enrolled, or {@code null}
 * @param enrollments how many certificates it obtained
 */
public record EnrollmentClientInfo(EnrollmentClientSpec spec, Instant created, Instant lastEnrollment,
        long enrollments) {
}
