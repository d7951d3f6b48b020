/*
 * fake_snapshot.c - snapshots: NET_DVR_CaptureJPEGPicture_NEW, answered with a real baseline
 * JPEG made here (no library), different for every channel, and fake_snapshot_set_mode to
 * answer with something else (an HTML page, nothing, a picture larger than a first buffer).
 *
 * The picture: 8-bit greyscale, one 8x8 block per MCU, each block one flat grey level that
 * depends on the channel and the block's place (a gradient), so its DCT has only a DC
 * coefficient: with a quantisation table of ones the DC value is 8 * (level - 128), coded with
 * the standard luminance DC Huffman table, and every block ends with EOB (an AC table of that
 * one symbol). A comment segment names the channel. Any JPEG decoder reads it.
 */
#include "fake_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a growable byte buffer and a bit writer ---------------------------------------------- */
typedef struct {
    unsigned char *data;
    size_t len, cap;
    int failed;
    unsigned acc; /* entropy-coded bits not yet written */
    int nbits;
} jbuf;

static void put(jbuf *b, const void *src, size_t n) {
    if (b->failed) {
        return;
    }
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        unsigned char *grown;
        while (cap < b->len + n) {
            cap *= 2;
        }
        grown = realloc(b->data, cap);
        if (grown == NULL) {
            b->failed = 1;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, src, n);
    b->len += n;
}

static void put_byte(jbuf *b, unsigned v) {
    unsigned char c = (unsigned char)v;
    put(b, &c, 1);
}

static void put_word(jbuf *b, unsigned v) {
    put_byte(b, v >> 8);
    put_byte(b, v & 0xFF);
}

static void put_bits(jbuf *b, unsigned code, int n) {
    while (n-- > 0) {
        b->acc = (b->acc << 1) | ((code >> n) & 1u);
        if (++b->nbits == 8) {
            put_byte(b, b->acc & 0xFF);
            if ((b->acc & 0xFF) == 0xFF) {
                put_byte(b, 0x00); /* byte stuffing */
            }
            b->acc = 0;
            b->nbits = 0;
        }
    }
}

static void flush_bits(jbuf *b) {
    if (b->nbits > 0) {
        put_bits(b, 0x7F, 8 - b->nbits); /* pad with 1 bits */
    }
}

static void put_comment(jbuf *b, const unsigned char *text, size_t n) {
    put_word(b, 0xFFFE);
    put_word(b, (unsigned)(n + 2));
    put(b, text, n);
}

/* ---- the picture -------------------------------------------------------------------------- */
static const BYTE k_dc_bits[16] = {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};

static void picture_size(int code, int *w, int *h) {
    switch (code) {
    case 0: *w = 352, *h = 288; break;  /* CIF */
    case 1: *w = 176, *h = 144; break;  /* QCIF */
    case 2: *w = 704, *h = 576; break;  /* D1 */
    case 6: *w = 640, *h = 480; break;  /* VGA */
    case 29: *w = 160, *h = 120; break; /* 160*120 */
    default: *w = 320, *h = 240;        /* 0xff (the current resolution) and the others */
    }
}

/* A JPEG of the channel, padded with comment segments to at least `pad_to` bytes. */
static int build_jpeg(jbuf *b, int channel, int w, int h, size_t pad_to) {
    static const unsigned char jfif[] = {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0};
    unsigned short codes[12];
    BYTE lens[12];
    char text[64];
    unsigned code = 0;
    int i, k = 0, l, bx, by, prev = 0;
    for (l = 0; l < 16; l++, code <<= 1) {
        for (i = 0; i < k_dc_bits[l]; i++, k++, code++) {
            codes[k] = (unsigned short)code;
            lens[k] = (BYTE)(l + 1);
        }
    }
    put_word(b, 0xFFD8); /* SOI */
    put_word(b, 0xFFE0);
    put_word(b, 2 + sizeof jfif);
    put(b, jfif, sizeof jfif);
    snprintf(text, sizeof text, "hcnetsdk simulator, channel %d", channel);
    put_comment(b, (const unsigned char *)text, strlen(text));
    put_word(b, 0xFFDB); /* DQT: table 0, all ones */
    put_word(b, 67);
    put_byte(b, 0);
    for (i = 0; i < 64; i++) {
        put_byte(b, 1);
    }
    put_word(b, 0xFFC0); /* SOF0: 8 bits, h x w, one component, 1x1, table 0 */
    put_word(b, 11);
    put_byte(b, 8);
    put_word(b, (unsigned)h);
    put_word(b, (unsigned)w);
    put_byte(b, 1);
    put_byte(b, 1);
    put_byte(b, 0x11);
    put_byte(b, 0);
    put_word(b, 0xFFC4); /* DHT: DC table 0, the standard luminance one */
    put_word(b, 2 + 1 + 16 + 12);
    put_byte(b, 0x00);
    put(b, k_dc_bits, 16);
    for (i = 0; i < 12; i++) {
        put_byte(b, (unsigned)i);
    }
    put_word(b, 0xFFC4); /* DHT: AC table 0, one symbol (EOB) coded "0" */
    put_word(b, 2 + 1 + 16 + 1);
    put_byte(b, 0x10);
    put_byte(b, 1);
    for (i = 1; i < 16; i++) {
        put_byte(b, 0);
    }
    put_byte(b, 0x00);
    while (b->len + 4 < pad_to && !b->failed) { /* LARGE: comments up to the size asked */
        unsigned char filler[1024];
        size_t n = pad_to - b->len - 4, done;
        if (n > 65533) {
            n = 65533;
        }
        memset(filler, 'x', sizeof filler);
        put_word(b, 0xFFFE);
        put_word(b, (unsigned)(n + 2));
        for (done = 0; done < n; done += sizeof filler) {
            put(b, filler, n - done < sizeof filler ? n - done : sizeof filler);
        }
    }
    put_word(b, 0xFFDA); /* SOS: one component, tables 0/0, spectral 0..63 */
    put_word(b, 8);
    put_byte(b, 1);
    put_byte(b, 1);
    put_byte(b, 0x00);
    put_byte(b, 0);
    put_byte(b, 63);
    put_byte(b, 0);
    for (by = 0; by < (h + 7) / 8; by++) {
        for (bx = 0; bx < (w + 7) / 8; bx++) {
            int level = (channel * 37 + bx * 6 + by * 4) & 0xFF;
            int dc = 8 * (level - 128), diff = dc - prev, mag = diff < 0 ? -diff : diff, cat = 0;
            while (mag >> cat) {
                cat++;
            }
            put_bits(b, codes[cat], lens[cat]);
            if (cat > 0) {
                put_bits(b, (unsigned)(diff < 0 ? diff + (1 << cat) - 1 : diff), cat);
            }
            put_bits(b, 0, 1); /* EOB */
            prev = dc;
        }
    }
    flush_bits(b);
    put_word(b, 0xFFD9); /* EOI */
    return !b->failed;
}

static const char k_not_jpeg[] =
    "<!DOCTYPE html>\n<html><head><title>Document Error: Unauthorized</title></head>\n"
    "<body><h2>Access Error: 401 -- Unauthorized</h2></body></html>\n";

/* ---- SDK function ----------------------------------------------------------------------------- */
FAKE_API BOOL NET_DVR_CaptureJPEGPicture_NEW(LONG lUserID, LONG lChannel,
                                             LPNET_DVR_JPEGPARA lpJpegPara, char *sJpegPicBuffer,
                                             DWORD dwPicSize, DWORD *lpSizeReturned) {
    DWORD code;
    int dev = -1, is_ip = 0, slot = -1, mode = FAKE_SNAPSHOT_JPEG, pad = 0, w, h;
    jbuf b;
    const unsigned char *answer = NULL;
    size_t answer_len = 0;
    ready();
    lock();
    code = begin_initialized_locked(FN_CaptureJPEGPicture_NEW);
    /* Measured (3): a NULL lpJpegPara or a size of 0 give 17 before the id. */
    if (code == 0 && (lpJpegPara == NULL || dwPicSize == 0)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) { /* then the id, even with a NULL lpSizeReturned (measured) */
        code = user_device_locked(lUserID, &dev);
    }
    if (code == 0 && (sJpegPicBuffer == NULL || lpSizeReturned == NULL)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0 && (slot = channel_slot(device_at(dev), lChannel, &is_ip)) < 0) {
        code = NET_DVR_CHANNEL_ERROR; /* chosen: a channel the device does not have */
    }
    if (code == 0 && lpJpegPara->wPicQuality > 2) {
        code = NET_DVR_PARAMETER_ERROR; /* chosen: 0 best, 1 better, 2 average only */
    }
    if (code == 0) {
        cfg_device *c = cfg_for_locked(dev);
        if (is_ip && !c->ip_online[slot]) {
            code = 29; /* chosen: NET_DVR_DVROPRATEFAILED for an IP channel that is offline */
        }
        mode = c->snapshot_mode;
        pad = c->snapshot_size;
        g_snapshot.channel = lChannel;
        g_snapshot.size = lpJpegPara->wPicSize;
        g_snapshot.quality = lpJpegPara->wPicQuality;
        g_snapshot.buffer = dwPicSize;
    }
    unlock();
    if (code != 0) {
        return fail_bool(code);
    }
    memset(&b, 0, sizeof b);
    if (mode == FAKE_SNAPSHOT_NOT_JPEG) {
        answer = (const unsigned char *)k_not_jpeg;
        answer_len = sizeof k_not_jpeg - 1;
    } else if (mode == FAKE_SNAPSHOT_JPEG || mode == FAKE_SNAPSHOT_LARGE) {
        picture_size(lpJpegPara->wPicSize, &w, &h);
        if (!build_jpeg(&b, (int)lChannel, w, h, mode == FAKE_SNAPSHOT_LARGE ? (size_t)pad : 0)) {
            free(b.data);
            return fail_bool(41); /* NET_DVR_ALLOC_RESOURCE_ERROR */
        }
        answer = b.data;
        answer_len = b.len;
    } /* FAKE_SNAPSHOT_EMPTY: success, 0 bytes */
    if (answer_len > dwPicSize) {
        free(b.data);
        return fail_bool(NET_DVR_NOENOUGH_BUF); /* lpSizeReturned untouched (1.3) */
    }
    if (answer_len > 0) {
        memcpy(sJpegPicBuffer, answer, answer_len);
    }
    *lpSizeReturned = (DWORD)answer_len;
    free(b.data);
    lock();
    g_snapshot.calls_ok++;
    unlock();
    return ok_bool();
}

/* ---- control API ------------------------------------------------------------------------------ */
FAKE_API int fake_snapshot_set_mode(int dev, int mode, int size) {
    cfg_device *c;
    int rc = FAKE_OK;
    ready();
    lock();
    c = cfg_for_locked(dev);
    if (c == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else if (mode < FAKE_SNAPSHOT_JPEG || mode > FAKE_SNAPSHOT_LARGE || size < 0 ||
               size > CFG_MAX_PICTURE) {
        rc = FAKE_ERR_VALUE;
    } else {
        c->snapshot_mode = mode;
        c->snapshot_size = size;
    }
    unlock();
    return rc;
}
