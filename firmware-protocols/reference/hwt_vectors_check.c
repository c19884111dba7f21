/*
 * Checks the reference encoder against the shared test vectors (the same files the Java
 * decoder tests read): every valid line must be reproduced byte for byte (plus CR LF).
 * Usage: hwt_vectors_check <controller-readings.txt> <controller-status.txt>
 * Exit status 0 when every case passes, 1 otherwise. (The driver may use stdio; the encoder does not.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hwt_encode.h"

#define MAX_FIELDS 8

static int failures = 0;
static int cases = 0;

static int split(char *line, char **fields)
{
    int n = 0;
    char *p = line;
    fields[n++] = p;
    while (*p != '\0') {
        if (*p == '|') {
            *p = '\0';
            if (n == MAX_FIELDS) {
                return -1;
            }
            fields[n++] = p + 1;
        }
        p++;
    }
    return n;
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) {
        s[--n] = '\0';
    }
}

/* "4.2" -> 420 centi, 1 decimal; "-196.05" -> -19605, 2; "37" -> 3700, 0. */
static int parse_temp(const char *s, long *centi, unsigned int *decimals)
{
    int negative = 0;
    long whole = 0;
    long frac = 0;
    unsigned int d = 0;
    if (*s == '-') {
        negative = 1;
        s++;
    }
    if (*s < '0' || *s > '9') {
        return 0;
    }
    while (*s >= '0' && *s <= '9') {
        whole = whole * 10 + (*s++ - '0');
    }
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9' && d < 2) {
            frac = frac * 10 + (*s++ - '0');
            d++;
        }
        if (d == 0) {
            return 0;
        }
    }
    if (*s != '\0') {
        return 0;
    }
    *centi = whole * 100 + frac * (d == 1 ? 10 : (d == 0 ? 0 : 1));
    if (negative) {
        *centi = -*centi;
    }
    *decimals = d;
    return 1;
}

static void expect_line(const char *what, const char *expected, const char *got, int rc)
{
    char want[HWT_LINE_BUFFER + 8];
    cases++;
    if (strlen(expected) + 3 > sizeof want) {
        fprintf(stderr, "FAIL %s: vector too long: %s\n", what, expected);
        failures++;
        return;
    }
    strcpy(want, expected);
    strcat(want, "\r\n");
    if (rc < 0 || strcmp(want, got) != 0 || (size_t)rc != strlen(want)) {
        fprintf(stderr, "FAIL %s: expected '%s' got '%s' (rc %d)\n", what, expected, got, rc);
        failures++;
    }
}

static void expect_checksum(const char *line)
{
    const char *star = strrchr(line, '*');
    char hex[3];
    uint8_t sum;
    cases++;
    if (line[0] != '$' || star == NULL) {
        fprintf(stderr, "FAIL checksum: malformed vector %s\n", line);
        failures++;
        return;
    }
    sum = hwt_checksum(line + 1, (size_t)(star - line - 1));
    sprintf(hex, "%02X", (unsigned int)sum);
    if (strcmp(hex, star + 1) != 0) {
        fprintf(stderr, "FAIL checksum of %s: computed %s\n", line, hex);
        failures++;
    }
}

static FILE *open_vectors(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    return f;
}

static void check_readings(const char *path)
{
    char line[512];
    FILE *f = open_vectors(path);
    while (fgets(line, sizeof line, f) != NULL) {
        char *fld[MAX_FIELDS];
        char out[HWT_LINE_BUFFER];
        long centi;
        unsigned int decimals;
        int rc;
        chomp(line);
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        if (split(line, fld) != 7 || !parse_temp(fld[4], &centi, &decimals)) {
            fprintf(stderr, "FAIL malformed reading vector: %s\n", line);
            failures++;
            continue;
        }
        expect_checksum(fld[0]);
        rc = hwt_encode_reading(out, sizeof out, (unsigned int)strtoul(fld[1], NULL, 10),
                                (uint32_t)strtoul(fld[2], NULL, 10),
                                strcmp(fld[3], "air") == 0 ? HWT_PROBE_AIR : HWT_PROBE_PRODUCT,
                                (int32_t)centi, decimals, (hwt_door)fld[5][0], (hwt_agitator)fld[6][0]);
        expect_line("reading", fld[0], out, rc);
    }
    fclose(f);
}

static void check_statuses(const char *path)
{
    char line[512];
    FILE *f = open_vectors(path);
    while (fgets(line, sizeof line, f) != NULL) {
        char *fld[MAX_FIELDS];
        char out[HWT_LINE_BUFFER];
        int rc;
        chomp(line);
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        if (split(line, fld) != 4) {
            fprintf(stderr, "FAIL malformed status vector: %s\n", line);
            failures++;
            continue;
        }
        expect_checksum(fld[0]);
        rc = hwt_encode_status(out, sizeof out, (unsigned int)strtoul(fld[1], NULL, 10),
                               (uint32_t)strtoul(fld[2], NULL, 10), fld[3]);
        expect_line("status", fld[0], out, rc);
    }
    fclose(f);
}

static void expect_error(const char *what, int rc, int err, const char *buf)
{
    cases++;
    if (rc != err || buf[0] != '\0') {
        fprintf(stderr, "FAIL %s: expected error %d got %d ('%s')\n", what, err, rc, buf);
        failures++;
    }
}

/* The encoder refuses what the receiver would reject, instead of sending it. */
static void check_rejections(void)
{
    char out[HWT_LINE_BUFFER];
    char small[20];
    expect_error("addr 256", hwt_encode_reading(out, sizeof out, 256u, 1u, HWT_PROBE_AIR, 420, 1u,
                 HWT_DOOR_CLOSED, HWT_AGITATOR_UNKNOWN), HWT_ERR_ADDR, out);
    expect_error("temp above 100", hwt_encode_reading(out, sizeof out, 1u, 1u, HWT_PROBE_AIR, 10001, 2u,
                 HWT_DOOR_CLOSED, HWT_AGITATOR_UNKNOWN), HWT_ERR_TEMP, out);
    expect_error("temp rounds above 100", hwt_encode_reading(out, sizeof out, 1u, 1u, HWT_PROBE_AIR, 10005, 1u,
                 HWT_DOOR_CLOSED, HWT_AGITATOR_UNKNOWN), HWT_ERR_TEMP, out);
    expect_error("temp below -200", hwt_encode_reading(out, sizeof out, 1u, 1u, HWT_PROBE_AIR, -20001, 2u,
                 HWT_DOOR_CLOSED, HWT_AGITATOR_UNKNOWN), HWT_ERR_TEMP, out);
    expect_error("3 decimals", hwt_encode_reading(out, sizeof out, 1u, 1u, HWT_PROBE_AIR, 420, 3u,
                 HWT_DOOR_CLOSED, HWT_AGITATOR_UNKNOWN), HWT_ERR_TEMP, out);
    expect_error("door 'o'", hwt_encode_reading(out, sizeof out, 1u, 1u, HWT_PROBE_AIR, 420, 1u,
                 (hwt_door)'o', HWT_AGITATOR_UNKNOWN), HWT_ERR_DOOR, out);
    expect_error("agitator '2'", hwt_encode_reading(out, sizeof out, 1u, 1u, HWT_PROBE_AIR, 420, 1u,
                 HWT_DOOR_CLOSED, (hwt_agitator)'2'), HWT_ERR_AGITATOR, out);
    expect_error("lower-case code", hwt_encode_status(out, sizeof out, 1u, 1u, "pwr_fail"), HWT_ERR_CODE, out);
    expect_error("25-char code", hwt_encode_status(out, sizeof out, 1u, 1u, "A_CODE_THAT_IS_FAR_TOO_LONG"),
                 HWT_ERR_CODE, out);
    expect_error("buffer too small", hwt_encode_status(small, sizeof small, 1u, 1u, "PWR_FAIL"),
                 HWT_ERR_BUFFER, small);
    /* rounding: half away from zero, never "-0.0" */
    {
        int rc = hwt_encode_reading(out, sizeof out, 1u, 42u, HWT_PROBE_AIR, 425, 1u, HWT_DOOR_CLOSED, HWT_AGITATOR_ON);
        expect_line("round 4.25 to 4.3", "$HWT,1,42,air,4.3,C,1*5D", out, rc);
        rc = hwt_encode_reading(out, sizeof out, 1u, 5u, HWT_PROBE_AIR, -4, 1u, HWT_DOOR_CLOSED, HWT_AGITATOR_UNKNOWN);
        cases++;
        if (rc < 0 || strncmp(out, "$HWT,1,5,air,0.0,", 17) != 0) {
            fprintf(stderr, "FAIL -0.04 with 1 decimal: got '%s'\n", out);
            failures++;
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s controller-readings.txt controller-status.txt\n", argv[0]);
        return 2;
    }
    check_readings(argv[1]);
    check_statuses(argv[2]);
    check_rejections();
    printf("%d cases, %d failures\n", cases, failures);
    return failures == 0 ? 0 : 1;
}
