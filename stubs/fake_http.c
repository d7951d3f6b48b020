/*
 * fake_http.c - the alarm listener's HTTP (fake_listen.c): reading one request and turning its
 * body into a NET_DVR_ALARM_ISAPI_INFO, as measured on the real SDK (sdk-facts-features.md 5.7).
 *
 * A request is accepted only whole and well-formed: "POST <target> HTTP/1.x", headers within
 * 64 KiB, a Content-Length body of at most EV_MAX_DATA bytes (no chunked body), all within 5 s;
 * garbage is refused as soon as its first bytes cannot start a POST. A body is the alarm text
 * itself (application/xml, application/json, else by its first byte), or multipart/form-data:
 * the first XML/JSON part is the alarm, image parts are its pictures.
 */
#include "fake_events.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h> /* strncasecmp */
#include <sys/socket.h>

#define LISTEN_READ_MS 5000 /* a request must arrive whole within this */
#define LISTEN_MAX_HEADER (64 * 1024)
#define LISTEN_MAX_PICTURES 255 /* byPicturesNumber is a BYTE */

typedef struct {
    const unsigned char *data;
    size_t len;
    int type; /* 1 XML, 2 JSON, 3 picture, 0 none */
    int pic_type;
    char name[MAX_ISAPI_FILENAME];
} http_part;

/* ---- small helpers --------------------------------------------------------------------------- */
static const unsigned char *find(const unsigned char *hay, size_t n, const char *needle) {
    size_t m = strlen(needle), i;
    for (i = 0; m <= n && i <= n - m; i++) {
        if (hay[i] == (unsigned char)needle[0] && memcmp(hay + i, needle, m) == 0) {
            return hay + i;
        }
    }
    return NULL;
}

static const char *find_ci(const char *hay, const char *needle) {
    size_t m = strlen(needle);
    for (; *hay != '\0'; hay++) {
        if (strncasecmp(hay, needle, m) == 0) {
            return hay;
        }
    }
    return NULL;
}

/* 1 when conn can be read, 0 on timeout or when the listener is told to stop. */
static int wait_readable(int conn, int wake, double deadline) {
    for (;;) {
        struct pollfd p[2];
        double left = deadline - monotonic_seconds();
        int n;
        if (left <= 0) {
            return 0;
        }
        p[0].fd = conn;
        p[0].events = POLLIN;
        p[1].fd = wake;
        p[1].events = POLLIN;
        p[0].revents = p[1].revents = 0;
        n = poll(p, 2, (int)(left * 1000.0) + 1);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        return n > 0 && p[1].revents == 0 && p[0].revents != 0;
    }
}

/* ---- reading one request --------------------------------------------------------------------- */
/* The request line and headers: 1 if acceptable (POST, a bounded Content-Length, no chunks). */
static int parse_header(http_request *r) {
    const unsigned char *line = r->buf, *end = r->buf + r->body - 2, *eol;
    int have_length = 0;
    eol = find(line, (size_t)(end - line), "\r\n");
    if (eol == NULL || eol - line < 14 || find(line + 5, (size_t)(eol - line - 5), " HTTP/1.") == NULL) {
        return 0; /* "POST / HTTP/1.x" at least */
    }
    for (line = eol + 2; line < end; line = eol + 2) {
        const char *name = (const char *)line, *value, *colon;
        size_t vlen;
        eol = find(line, (size_t)(end - line), "\r\n");
        if (eol == NULL) {
            eol = end;
        }
        colon = memchr(name, ':', (size_t)(eol - line));
        if (colon == NULL) {
            return 0;
        }
        for (value = colon + 1; value < (const char *)eol && (*value == ' ' || *value == '\t');
             value++) {
        }
        vlen = (size_t)((const char *)eol - value);
        while (vlen > 0 && (value[vlen - 1] == ' ' || value[vlen - 1] == '\t')) {
            vlen--;
        }
        if ((size_t)(colon - name) == 14 && strncasecmp(name, "Content-Length", 14) == 0) {
            size_t i, n = 0;
            if (vlen == 0 || vlen > 9) {
                return 0;
            }
            for (i = 0; i < vlen; i++) {
                if (value[i] < '0' || value[i] > '9') {
                    return 0;
                }
                n = n * 10 + (size_t)(value[i] - '0');
            }
            if (n > EV_MAX_DATA || (have_length && n != r->body_len)) {
                return 0;
            }
            r->body_len = n;
            have_length = 1;
        } else if ((size_t)(colon - name) == 17 &&
                   strncasecmp(name, "Transfer-Encoding", 17) == 0 &&
                   !(vlen == 8 && strncasecmp(value, "identity", 8) == 0)) {
            return 0; /* chunked bodies are not simulated */
        } else if ((size_t)(colon - name) == 12 && strncasecmp(name, "Content-Type", 12) == 0) {
            copy_text(r->content_type, sizeof r->content_type, value, vlen);
        }
    }
    return 1;
}

/* Reads one request whole: 1, or 0 for anything else (garbage, too big, too slow, stop). */
int http_read_request(int conn, int wake, http_request *r) {
    double deadline = monotonic_seconds() + LISTEN_READ_MS / 1000.0;
    size_t want = 0; /* the whole request, once its header is read */
    for (;;) {
        ssize_t n;
        if (want == 0) {
            const unsigned char *blank;
            if (memcmp(r->buf, "POST ", r->len < 5 ? r->len : 5) != 0) {
                return 0; /* not HTTP, or not a POST: no need to wait for more */
            }
            blank = find(r->buf, r->len, "\r\n\r\n");
            if (blank != NULL) {
                r->body = (size_t)(blank - r->buf) + 4;
                if (!parse_header(r)) {
                    return 0;
                }
                want = r->body + r->body_len;
            } else if (r->len >= LISTEN_MAX_HEADER) {
                return 0;
            }
        }
        if (want != 0 && r->len >= want) {
            return 1;
        }
        if (r->len == r->cap || (want > r->cap)) {
            size_t cap = want != 0 ? want : r->cap * 2;
            unsigned char *bigger = (unsigned char *)realloc(r->buf, cap);
            if (bigger == NULL) {
                return 0;
            }
            r->buf = bigger;
            r->cap = cap;
        }
        if (!wait_readable(conn, wake, deadline)) {
            return 0;
        }
        n = recv(conn, r->buf + r->len, r->cap - r->len, 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
            continue;
        }
        if (n <= 0) {
            return 0; /* closed before the request was whole */
        }
        r->len += (size_t)n;
    }
}

/* ---- the body: one alarm text and pictures --------------------------------------------------- */
static int text_type(const char *content_type, const unsigned char *data, size_t len) {
    size_t i = 0;
    if (find_ci(content_type, "json") != NULL) {
        return 2;
    }
    if (find_ci(content_type, "xml") != NULL) {
        return 1;
    }
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) {
        i++;
    }
    return i < len && (data[i] == '{' || data[i] == '[') ? 2 : 1;
}

/* What a multipart part is, by its Content-Type (else by its first bytes). */
static void classify(http_part *part, const char *content_type) {
    const unsigned char *d = part->data;
    if (content_type[0] != '\0') {
        if (find_ci(content_type, "json") != NULL) {
            part->type = 2;
        } else if (find_ci(content_type, "xml") != NULL) {
            part->type = 1;
        } else if (strncasecmp(content_type, "image/", 6) == 0) {
            part->type = 3;
            part->pic_type = find_ci(content_type, "jp") != NULL ? 1 : 0; /* 1: JPEG */
        }
    } else if (part->len >= 2 && d[0] == 0xFF && d[1] == 0xD8) {
        part->type = 3;
        part->pic_type = 1;
    } else if (part->len > 0 && (d[0] == '<' || d[0] == '{' || d[0] == '[')) {
        part->type = d[0] == '<' ? 1 : 2;
    }
}

/* The part's headers [h, end): its Content-Type and file name. */
static void part_headers(const unsigned char *h, const unsigned char *end, http_part *part,
                         char *content_type, size_t cap) {
    content_type[0] = '\0';
    while (h < end) {
        const unsigned char *eol = find(h, (size_t)(end - h), "\r\n");
        char line[512];
        const char *v;
        if (eol == NULL) {
            eol = end;
        }
        copy_text(line, sizeof line, (const char *)h, (size_t)(eol - h));
        if (strncasecmp(line, "Content-Type:", 13) == 0) {
            for (v = line + 13; *v == ' ' || *v == '\t'; v++) {
            }
            copy_text(content_type, cap, v, strlen(v));
        } else if (strncasecmp(line, "Content-Disposition:", 20) == 0 &&
                   (v = find_ci(line, "filename=")) != NULL) {
            v += 9;
            if (*v == '"') {
                const char *q = strchr(++v, '"');
                copy_text(part->name, sizeof part->name, v, q != NULL ? (size_t)(q - v) : strlen(v));
            } else {
                copy_text(part->name, sizeof part->name, v, strcspn(v, "; \t"));
            }
        }
        h = eol + 2;
    }
}

/* Splits a multipart body at its boundary. As measured, a part's length includes the CRLF that
 * precedes the next delimiter (479 for a 477-byte XML part). Returns the number of parts. */
static int split_multipart(const unsigned char *body, size_t len, const char *content_type,
                           http_part *parts, int max) {
    char delim[256], next_delim[260];
    const unsigned char *end = body + len, *p;
    const char *b = find_ci(content_type, "boundary=");
    size_t blen;
    int n = 0;
    if (b == NULL) {
        return 0;
    }
    b += 9;
    if (*b == '"') {
        b++;
        blen = strcspn(b, "\"");
    } else {
        blen = strcspn(b, "; \t");
    }
    if (blen == 0 || blen > 200) {
        return 0;
    }
    memcpy(delim, "--", 2);
    copy_text(delim + 2, sizeof delim - 2, b, blen);
    memcpy(next_delim, "\r\n", 2);
    copy_text(next_delim + 2, sizeof next_delim - 2, delim, strlen(delim));
    p = find(body, len, delim);
    while (p != NULL && n < max) {
        const unsigned char *eol, *blank, *next;
        char part_type[256];
        http_part *part = &parts[n];
        p += strlen(delim);
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
            break; /* the closing delimiter */
        }
        eol = find(p, (size_t)(end - p), "\r\n");
        blank = eol != NULL ? find(eol, (size_t)(end - eol), "\r\n\r\n") : NULL;
        if (blank == NULL) {
            break;
        }
        memset(part, 0, sizeof *part);
        part_headers(eol + 2, blank > eol ? blank : eol + 2, part, part_type, sizeof part_type);
        part->data = blank + 4;
        next = find(part->data, (size_t)(end - part->data), next_delim);
        part->len = (size_t)((next != NULL ? next + 2 : end) - part->data);
        classify(part, part_type);
        n++;
        p = next != NULL ? next + 2 : NULL;
    }
    return n;
}

/* The NET_DVR_ALARM_ISAPI_INFO of a request, built in the thread's buffer: its size or -1. */
size_t http_build_isapi(const http_request *r, unsigned char **out) {
    const unsigned char *body = r->buf + r->body;
    http_part *parts = NULL, text;
    int nparts = 0, npics = 0, i;
    size_t size = sizeof(NET_DVR_ALARM_ISAPI_INFO);
    unsigned char *buf, *data;
    NET_DVR_ALARM_ISAPI_INFO *info;
    NET_DVR_ALARM_ISAPI_PICDATA *pics;

    memset(&text, 0, sizeof text);
    if (strncasecmp(r->content_type, "multipart/", 10) == 0) {
        parts = (http_part *)calloc(LISTEN_MAX_PICTURES + 1, sizeof *parts);
        if (parts == NULL) {
            return (size_t)-1;
        }
        nparts = split_multipart(body, r->body_len, r->content_type, parts,
                                 LISTEN_MAX_PICTURES + 1);
        for (i = 0; i < nparts; i++) {
            if ((parts[i].type == 1 || parts[i].type == 2) && text.type == 0) {
                text = parts[i]; /* the first XML or JSON part is the alarm */
            } else if (parts[i].type == 3 && npics < LISTEN_MAX_PICTURES) {
                parts[npics++] = parts[i]; /* pictures move to the front, in order */
            }
        }
    } else {
        text.data = body;
        text.len = r->body_len;
        text.type = text_type(r->content_type, body, r->body_len);
    }
    size += (size_t)npics * sizeof(NET_DVR_ALARM_ISAPI_PICDATA) + text.len;
    for (i = 0; i < npics; i++) {
        size += parts[i].len;
    }
    buf = ev_buffer(size);
    if (buf == NULL) {
        free(parts);
        return (size_t)-1;
    }
    memset(buf, 0, size);
    info = (NET_DVR_ALARM_ISAPI_INFO *)buf;
    pics = (NET_DVR_ALARM_ISAPI_PICDATA *)(buf + sizeof *info);
    data = (unsigned char *)(pics + npics);
    info->pAlarmData = text.len > 0 ? (char *)data : NULL;
    info->dwAlarmDataLen = (DWORD)text.len;
    info->byDataType = (BYTE)text.type;
    if (text.len > 0) {
        memcpy(data, text.data, text.len);
    }
    data += text.len;
    info->byPicturesNumber = (BYTE)npics;
    info->pPicPackData = npics > 0 ? pics : NULL;
    for (i = 0; i < npics; i++) {
        pics[i].dwPicLen = (DWORD)parts[i].len;
        pics[i].byPicType = (BYTE)parts[i].pic_type;
        copy_text(pics[i].szFilename, sizeof pics[i].szFilename, parts[i].name,
                  strlen(parts[i].name));
        pics[i].pPicData = data;
        memcpy(data, parts[i].data, parts[i].len);
        data += parts[i].len;
    }
    free(parts);
    *out = buf;
    return size;
}
