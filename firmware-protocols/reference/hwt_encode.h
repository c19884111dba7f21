/*
 * Hemowatch refrigerator-controller line encoder (reference implementation, C99).
 *
 * Encodes $HWT (reading) and $HWS (status) lines as specified in
 * firmware-protocols/serial-fridge.md, including the XOR checksum and the CR LF terminator.
 * No dynamic allocation, no stdio, no floating point: suitable for small microcontrollers.
 * All functions write into a caller-supplied buffer, NUL-terminate it, and return the line
 * length (without the NUL) or a negative HWT_ERR_* code; on error the buffer holds "" if cap > 0.
 */
#ifndef HWT_ENCODE_H
#define HWT_ENCODE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Longest line the receiver accepts: '$' through the checksum digits. */
#define HWT_MAX_FRAME 82
/* Buffer size that always suffices: frame + CR LF + NUL. */
#define HWT_LINE_BUFFER (HWT_MAX_FRAME + 3)

#define HWT_MAX_ADDR 255u
#define HWT_MIN_TEMP_CENTI (-20000L) /* -200.00 C */
#define HWT_MAX_TEMP_CENTI 10000L    /* +100.00 C */
#define HWT_MAX_CODE_LEN 24u

enum hwt_error {
    HWT_ERR_BUFFER = -1,   /* buf is NULL or cap too small */
    HWT_ERR_ADDR = -2,     /* addr > 255 */
    HWT_ERR_PROBE = -3,    /* not HWT_PROBE_AIR / HWT_PROBE_PRODUCT */
    HWT_ERR_TEMP = -4,     /* decimals > 2, or rounded value outside -200.00..100.00 */
    HWT_ERR_DOOR = -5,     /* not one of hwt_door */
    HWT_ERR_AGITATOR = -6, /* not one of hwt_agitator */
    HWT_ERR_CODE = -7      /* status code not [A-Z][A-Z0-9_]{0,23} */
};

typedef enum { HWT_PROBE_AIR = 0, HWT_PROBE_PRODUCT = 1 } hwt_probe;
typedef enum { HWT_DOOR_UNKNOWN = '-', HWT_DOOR_OPEN = 'O', HWT_DOOR_CLOSED = 'C' } hwt_door;
typedef enum { HWT_AGITATOR_UNKNOWN = '-', HWT_AGITATOR_ON = '1', HWT_AGITATOR_OFF = '0' } hwt_agitator;

/* XOR of len bytes (the text between '$' and '*'). */
uint8_t hwt_checksum(const char *body, size_t len);

/*
 * $HWT,<addr>,<seq>,<probe>,<tempC>,<door>,<agitator>*HH\r\n
 * temp_centi: temperature in hundredths of a degree C (4.2 C = 420).
 * decimals:   0, 1 or 2 digits after the point; the value is rounded half away from zero
 *             (e.g. 425 with 1 decimal gives "4.3", -4 with 1 decimal gives "0.0", never "-0.0").
 */
int hwt_encode_reading(char *buf, size_t cap, unsigned int addr, uint32_t seq, hwt_probe probe,
                       int32_t temp_centi, unsigned int decimals, hwt_door door, hwt_agitator agitator);

/* $HWS,<addr>,<seq>,<code>*HH\r\n, code e.g. "PWR_FAIL" (NUL-terminated). */
int hwt_encode_status(char *buf, size_t cap, unsigned int addr, uint32_t seq, const char *code);

#ifdef __cplusplus
}
#endif

#endif /* HWT_ENCODE_H */
