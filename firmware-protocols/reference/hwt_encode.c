/* Hemowatch controller line encoder: see hwt_encode.h and ../serial-fridge.md. C99, no allocation. */
#include "hwt_encode.h"

/* Bounded writer over the caller's buffer; overflow is sticky and checked once at the end. */
typedef struct {
    char *buf;
    size_t cap;
    size_t len;
    int overflow;
} hwt_out;

static void put_char(hwt_out *o, char c)
{
    if (o->len + 1 < o->cap) { /* keep room for the NUL */
        o->buf[o->len++] = c;
    } else {
        o->overflow = 1;
    }
}

static void put_str(hwt_out *o, const char *s)
{
    while (*s != '\0') {
        put_char(o, *s++);
    }
}

static void put_uint(hwt_out *o, uint32_t v)
{
    char digits[10];
    int n = 0;
    do {
        digits[n++] = (char)('0' + (v % 10u));
        v /= 10u;
    } while (v != 0u);
    while (n > 0) {
        put_char(o, digits[--n]);
    }
}

/* Zero-padded to width digits (fraction part). */
static void put_uint_width(hwt_out *o, uint32_t v, unsigned int width)
{
    char digits[10];
    unsigned int n = 0;
    while (n < width) {
        digits[n++] = (char)('0' + (v % 10u));
        v /= 10u;
    }
    while (n > 0u) {
        put_char(o, digits[--n]);
    }
}

uint8_t hwt_checksum(const char *body, size_t len)
{
    uint8_t x = 0;
    size_t i;
    for (i = 0; i < len; i++) {
        x = (uint8_t)(x ^ (uint8_t)body[i]);
    }
    return x;
}

static int fail(char *buf, size_t cap, int err)
{
    if (buf != NULL && cap > 0u) {
        buf[0] = '\0';
    }
    return err;
}

/* Appends "*HH\r\n", NUL-terminates, returns the length or HWT_ERR_BUFFER. */
static int finish(hwt_out *o)
{
    static const char hex[] = "0123456789ABCDEF";
    uint8_t sum = hwt_checksum(o->buf + 1, o->len - 1u);
    put_char(o, '*');
    put_char(o, hex[sum >> 4]);
    put_char(o, hex[sum & 0x0Fu]);
    put_str(o, "\r\n");
    if (o->overflow || o->len - 2u > HWT_MAX_FRAME) {
        return fail(o->buf, o->cap, HWT_ERR_BUFFER);
    }
    o->buf[o->len] = '\0';
    return (int)o->len;
}

static void put_header(hwt_out *o, const char *sentence, unsigned int addr, uint32_t seq)
{
    put_char(o, '$');
    put_str(o, sentence);
    put_char(o, ',');
    put_uint(o, (uint32_t)addr);
    put_char(o, ',');
    put_uint(o, seq);
    put_char(o, ',');
}

int hwt_encode_reading(char *buf, size_t cap, unsigned int addr, uint32_t seq, hwt_probe probe,
                       int32_t temp_centi, unsigned int decimals, hwt_door door, hwt_agitator agitator)
{
    static const int32_t step[3] = {100, 10, 1};
    hwt_out o;
    int32_t scaled;
    uint32_t magnitude;
    uint32_t scale;

    if (buf == NULL || cap == 0u) {
        return HWT_ERR_BUFFER;
    }
    if (addr > HWT_MAX_ADDR) {
        return fail(buf, cap, HWT_ERR_ADDR);
    }
    if (probe != HWT_PROBE_AIR && probe != HWT_PROBE_PRODUCT) {
        return fail(buf, cap, HWT_ERR_PROBE);
    }
    if (decimals > 2u || temp_centi < HWT_MIN_TEMP_CENTI - 50 || temp_centi > HWT_MAX_TEMP_CENTI + 50) {
        return fail(buf, cap, HWT_ERR_TEMP);
    }
    if (door != HWT_DOOR_UNKNOWN && door != HWT_DOOR_OPEN && door != HWT_DOOR_CLOSED) {
        return fail(buf, cap, HWT_ERR_DOOR);
    }
    if (agitator != HWT_AGITATOR_UNKNOWN && agitator != HWT_AGITATOR_ON && agitator != HWT_AGITATOR_OFF) {
        return fail(buf, cap, HWT_ERR_AGITATOR);
    }
    /* round half away from zero to the requested number of decimals (integer arithmetic only) */
    if (temp_centi >= 0) {
        scaled = (temp_centi + step[decimals] / 2) / step[decimals];
    } else {
        scaled = -((-temp_centi + step[decimals] / 2) / step[decimals]);
    }
    if (scaled * step[decimals] < HWT_MIN_TEMP_CENTI || scaled * step[decimals] > HWT_MAX_TEMP_CENTI) {
        return fail(buf, cap, HWT_ERR_TEMP);
    }

    o.buf = buf;
    o.cap = cap;
    o.len = 0;
    o.overflow = 0;
    put_header(&o, "HWT", addr, seq);
    put_str(&o, probe == HWT_PROBE_AIR ? "air" : "product");
    put_char(&o, ',');
    if (scaled < 0) {
        put_char(&o, '-'); /* scaled == 0 prints without sign: no "-0.0" */
        magnitude = (uint32_t)(-scaled);
    } else {
        magnitude = (uint32_t)scaled;
    }
    scale = (uint32_t)(100 / step[decimals]); /* 1, 10 or 100 */
    put_uint(&o, magnitude / scale);
    if (decimals > 0u) {
        put_char(&o, '.');
        put_uint_width(&o, magnitude % scale, decimals);
    }
    put_char(&o, ',');
    put_char(&o, (char)door);
    put_char(&o, ',');
    put_char(&o, (char)agitator);
    return finish(&o);
}

static int valid_code(const char *code)
{
    size_t n = 0;
    if (code == NULL || !(code[0] >= 'A' && code[0] <= 'Z')) {
        return 0;
    }
    for (n = 0; code[n] != '\0'; n++) {
        char c = code[n];
        if (n >= HWT_MAX_CODE_LEN) {
            return 0;
        }
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
            return 0;
        }
    }
    return 1;
}

int hwt_encode_status(char *buf, size_t cap, unsigned int addr, uint32_t seq, const char *code)
{
    hwt_out o;
    if (buf == NULL || cap == 0u) {
        return HWT_ERR_BUFFER;
    }
    if (addr > HWT_MAX_ADDR) {
        return fail(buf, cap, HWT_ERR_ADDR);
    }
    if (!valid_code(code)) {
        return fail(buf, cap, HWT_ERR_CODE);
    }
    o.buf = buf;
    o.cap = cap;
    o.len = 0;
    o.overflow = 0;
    put_header(&o, "HWS", addr, seq);
    put_str(&o, code);
    return finish(&o);
}
