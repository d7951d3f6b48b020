/*
 * fake_hosts.c - how the SDK reads a host string (sDeviceAddress, Login_V30's sDVRIP), and the
 * strict IP literals of the control API.
 *
 * The real SDK (6.1.9.48) does not resolve names and does not insist on canonical forms: it
 * reads IPv4 the way glibc's inet_aton does and connects where that leads (shared/sdk-facts.md,
 * "Host strings"). The fake follows the measured table:
 *
 *   "1.2.3" -> 1.2.0.3; "127.1", "0x7f.0.0.1", "2130706433" -> 127.0.0.1;
 *   "127.0.0.010" -> 127.0.0.8 (octal); "" -> 127.0.0.1; "127.0.0.1 " -> 127.0.0.1;
 *   " 127.0.0.1", "0", "0.0.0.0", "256.1.1.1", "localhost" -> refused (17), no connection;
 *   "::" -> ::1; any IPv6 literal with a scope id ("fe80::1%eth0") -> ::1;
 *   "::ffff:127.0.0.1" -> 127.0.0.1.
 *
 * The IPv4 reader is written here, not taken from the C library: inet_aton differs between C
 * libraries (musl, BSDs), and the SDK's behaviour is glibc's. Bytes are read as unsigned char
 * and classified by hand (no <ctype.h>), so the result does not depend on the signedness of
 * char (unsigned on aarch64) or on the locale. IPv6 literals are checked with inet_pton, which
 * every POSIX C library implements alike for the forms that matter here.
 */
#include "fake_internal.h"

#include <arpa/inet.h> /* inet_pton, inet_ntop only: parsing, no socket */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h> /* AF_INET, AF_INET6 */

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* What inet_aton treats as the end of an address: isspace() in the C locale. */
static int is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static int hex_value(unsigned char c) {
    if (is_digit(c)) {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* IPv4 the way glibc's inet_aton reads it: one to four parts separated by dots, each decimal,
 * octal (leading 0) or hexadecimal (leading 0x); the last part fills the remaining bytes
 * ("1.2.3" is 1.2.0.3, "2130706433" is 127.0.0.1). The address ends at the end of the string
 * or at a white-space character; what follows that is ignored. 1 and the address in network
 * order, or 0. Stricter than glibc in one corner only: "0x" with no hex digit is refused. */
static int read_ipv4(const char *text, unsigned char out[4]) {
    static const uint32_t k_last_part_max[4] = {0xffffffffu, 0xffffffu, 0xffffu, 0xffu};
    const unsigned char *s = (const unsigned char *)text;
    uint32_t parts[4];
    uint32_t value;
    int count = 0;

    for (;;) {
        uint64_t part = 0;
        unsigned base = 10;
        int digits = 0;
        if (!is_digit(*s)) {
            return 0; /* also a leading space: " 127.0.0.1" is refused */
        }
        if (*s == '0') {
            s++;
            if (*s == 'x' || *s == 'X') {
                base = 16;
                s++;
            } else {
                base = 8;
                digits = 1; /* "0" alone is a part */
            }
        }
        for (;;) {
            int d = hex_value(*s);
            if (d < 0 || (base != 16 && !is_digit(*s))) {
                break;
            }
            if (base == 8 && d > 7) {
                return 0; /* "08" */
            }
            part = part * base + (uint64_t)d;
            if (part > 0xffffffffu) {
                return 0;
            }
            digits = 1;
            s++;
        }
        if (!digits) {
            return 0;
        }
        if (*s != '.') {
            parts[count++] = (uint32_t)part;
            break;
        }
        if (count == 3 || part > 0xff) {
            return 0; /* a fifth part ("1.2.3.4."), or a byte over 255 before a dot */
        }
        parts[count++] = (uint32_t)part;
        s++;
    }
    if (*s != '\0' && !is_space(*s)) {
        return 0;
    }
    value = parts[count - 1];
    if (value > k_last_part_max[count - 1]) {
        return 0; /* "256.1.1.1" fails here: 1.1.1 leaves one byte for 256 */
    }
    if (count >= 2) {
        value |= parts[0] << 24;
    }
    if (count >= 3) {
        value |= parts[1] << 16;
    }
    if (count == 4) {
        value |= parts[2] << 8;
    }
    out[0] = (unsigned char)(value >> 24);
    out[1] = (unsigned char)(value >> 16);
    out[2] = (unsigned char)(value >> 8);
    out[3] = (unsigned char)value;
    return 1;
}

static int all_zero(const unsigned char *bytes, size_t n) {
    size_t i;
    for (i = 0; i < n; i++) {
        if (bytes[i] != 0) {
            return 0;
        }
    }
    return 1;
}

static void set_ipv4(int *family, unsigned char addr[16], const unsigned char v4[4]) {
    memset(addr, 0, 16);
    memcpy(addr, v4, 4);
    *family = AF_INET;
}

static void set_ipv6_loopback(int *family, unsigned char addr[16]) {
    memset(addr, 0, 16);
    addr[15] = 1;
    *family = AF_INET6;
}

int resolve_host(const char *text, int *family, unsigned char addr[16]) {
    static const unsigned char k_loopback4[4] = {127, 0, 0, 1};
    static const unsigned char k_v4_mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    char literal[NET_DVR_DEV_ADDRESS_MAX_LEN + 1];
    const char *scope;
    unsigned char v4[4];
    size_t n;

    if (text[0] == '\0') {
        set_ipv4(family, addr, k_loopback4); /* measured: the empty string reaches 127.0.0.1 */
        return 1;
    }
    if (strchr(text, ':') == NULL) {
        if (!read_ipv4(text, v4) || all_zero(v4, 4)) {
            return 0; /* "0" and "0.0.0.0" are refused, not read as "this host" */
        }
        set_ipv4(family, addr, v4);
        return 1;
    }
    /* IPv6: a literal, optionally followed by %scope. */
    scope = strchr(text, '%');
    n = scope != NULL ? (size_t)(scope - text) : strlen(text);
    if (n >= sizeof literal || (scope != NULL && scope[1] == '\0')) {
        return 0;
    }
    memcpy(literal, text, n);
    literal[n] = '\0';
    memset(addr, 0, 16);
    if (inet_pton(AF_INET6, literal, addr) != 1) {
        return 0;
    }
    if (scope != NULL || all_zero(addr, 16)) {
        /* Measured: any scope id ("fe80::1%eth0", "2001:db8::7%1") and "::" reach [::1]. */
        set_ipv6_loopback(family, addr);
        return 1;
    }
    if (memcmp(addr, k_v4_mapped_prefix, sizeof k_v4_mapped_prefix) == 0) {
        memcpy(v4, addr + 12, 4); /* "::ffff:127.0.0.1" reaches 127.0.0.1 over IPv4 */
        if (all_zero(v4, 4)) {
            return 0;
        }
        set_ipv4(family, addr, v4);
        return 1;
    }
    *family = AF_INET6;
    return 1;
}

void format_address(int family, const unsigned char addr[16], char *out, size_t cap) {
    if (family == AF_INET) {
        snprintf(out, cap, "%u.%u.%u.%u", addr[0], addr[1], addr[2], addr[3]);
    } else if (inet_ntop(AF_INET6, addr, out, (socklen_t)cap) == NULL) {
        out[0] = '\0';
    }
}

int parse_ip(const char *text, int *family, unsigned char addr[16]) {
    memset(addr, 0, 16);
    if (inet_pton(AF_INET, text, addr) == 1) {
        *family = AF_INET;
        return 1;
    }
    if (inet_pton(AF_INET6, text, addr) == 1) {
        *family = AF_INET6;
        return 1;
    }
    return 0;
}
