/*
 * fake_stream.c - live stream: NET_DVR_RealPlay_V40 and NET_DVR_StopRealPlay, a stream source
 * per RealPlay handle, and the area's control API (fake_stream.h).
 *
 * Each RealPlay_V40 starts a thread of its own (a real C thread, as the SDK's receive threads)
 * that calls the data callback: one NET_DVR_SYSHEAD (40 bytes, "IMKH"...), then
 * NET_DVR_STREAMDATA packets framed as MPEG program stream (a pack header and a video PES
 * header) around pseudo-random bytes seeded by the handle, channel and packet number (never a
 * constant pattern: a binding that copies the wrong bytes is caught), paced to the configured
 * bit rate (packet n after (n + 1) packet times). After each callback returns its buffer is
 * overwritten with 0xA5.
 *
 * Chosen where the facts are silent (no device was measured): the system header is delivered
 * *before RealPlay_V40 returns* (the SDK may call back before the handle is known; the fake
 * always does, the case a binding must survive); StopRealPlay waits for the callback in
 * progress and for the thread's end (unless called from that callback) so no callback starts
 * after it returns; Logout and Cleanup stop the streams of their ids without waiting; a channel
 * the device does not have gives -1 / 4 (NET_DVR_CHANNEL_ERROR); dwStreamType above 3 gives
 * -1 / 17; handles are the lowest free of 4096 (NET_DVR_SDKABL.dwMaxRealPlayNum), then 46.
 *
 * State lives here under its own lock (st_lock); lock order: lock() first, then st_lock, never
 * the other way round. No lock is held while a callback runs.
 */
#include "fake_internal.h"
#include "fake_stream.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

_Static_assert(sizeof(NET_DVR_PREVIEWINFO) == 280, "NET_DVR_PREVIEWINFO size");
_Static_assert(offsetof(NET_DVR_PREVIEWINFO, hPlayWnd) == 12, "PREVIEWINFO.hPlayWnd");
_Static_assert(offsetof(NET_DVR_PREVIEWINFO, byStreamID) == 25, "PREVIEWINFO.byStreamID");
_Static_assert(offsetof(NET_DVR_PREVIEWINFO, byProtoType) == 57, "PREVIEWINFO.byProtoType");
_Static_assert(offsetof(NET_DVR_PREVIEWINFO, dwDisplayBufNum) == 60, "PREVIEWINFO.dwDisplayBufNum");
_Static_assert(offsetof(NET_DVR_PREVIEWINFO, byRes) == 67, "PREVIEWINFO.byRes");

#define ST_MAX 4096
#define ST_FILL 0xA5

typedef struct {
    int used;        /* allocated since the last reset: its values stay readable */
    int open;        /* the handle is valid (no StopRealPlay, Logout or Cleanup since) */
    int running;     /* its thread has not ended */
    int stop;        /* its thread is asked to end */
    int header_done; /* the system header was handed over (or the thread ended) */
    LONG user, channel;
    DWORD stream_type, link_mode, play_wnd, blocked;
    REALDATACALLBACK cb;
    void *cb_user;
    long long bits_per_second, packets_max;
    int packet_size, private_every;
    long long packets, bytes;
    unsigned char *record;
    size_t record_len, record_cap;
} st_stream;

static st_stream st[ST_MAX];
static long long cfg_bps = 2000000, cfg_packets = 0, cfg_record = 0;
static int cfg_size = 8192, cfg_private = 0;
static FAKE_THREAD_LOCAL int t_stream; /* handle + 1 on a stream's own thread */

static pthread_mutex_t st_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t st_cond;
static pthread_once_t st_once = PTHREAD_ONCE_INIT;
static clockid_t st_clock = CLOCK_REALTIME;

static void st_init(void) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
#if !defined(__APPLE__)
    if (pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0) {
        st_clock = CLOCK_MONOTONIC;
    }
#endif
    pthread_cond_init(&st_cond, &attr);
    pthread_condattr_destroy(&attr);
}

static void st_lock(void) {
    pthread_once(&st_once, st_init);
    pthread_mutex_lock(&st_mutex);
}

static void st_unlock(void) { pthread_mutex_unlock(&st_mutex); }

/* Waits on the area's condition until `deadline` (monotonic seconds; <= 0: a plain wait). */
static void st_wait(double deadline) {
    struct timespec ts;
    double at = deadline;
    if (deadline <= 0) {
        pthread_cond_wait(&st_cond, &st_mutex);
        return;
    }
    if (st_clock != CLOCK_MONOTONIC) {
        clock_gettime(st_clock, &ts);
        at += (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 - monotonic_seconds();
    }
    ts.tv_sec = (time_t)at;
    ts.tv_nsec = (long)((at - (double)ts.tv_sec) * 1e9);
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(&st_cond, &st_mutex, &ts);
}

/* ---- the payload ---------------------------------------------------------------------------- */
static uint64_t next_random(uint64_t *state) { /* xorshift64* */
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

static size_t build_header(unsigned char *buf, const st_stream *s) {
    memset(buf, 0, FAKE_STREAM_HEADER_SIZE);
    memcpy(buf, "IMKH", 4);
    buf[4] = 1;                    /* version */
    buf[8] = 2;                    /* system format: PS */
    buf[12] = (unsigned char)s->channel;
    buf[13] = (unsigned char)s->stream_type;
    return FAKE_STREAM_HEADER_SIZE;
}

/* A PS pack header (14 bytes), a video PES header (9 bytes) and random bytes. */
static size_t build_packet(unsigned char *buf, int size, int handle, LONG channel, long long n) {
    static const unsigned char pack[14] = {0x00, 0x00, 0x01, 0xBA, 0x44, 0x00, 0x04,
                                           0x00, 0x04, 0x01, 0x01, 0x89, 0xC3, 0xF8};
    uint64_t state = ((uint64_t)(unsigned)handle << 48) ^ ((uint64_t)(unsigned)channel << 32) ^
                     (uint64_t)n ^ 0x9E3779B97F4A7C15ULL;
    size_t pes_len = (size_t)size - 20, i;
    memcpy(buf, pack, sizeof pack);
    buf[14] = 0x00;
    buf[15] = 0x00;
    buf[16] = 0x01;
    buf[17] = 0xE0;
    buf[18] = (unsigned char)(pes_len >> 8);
    buf[19] = (unsigned char)(pes_len & 0xFF);
    buf[20] = 0x80;
    buf[21] = 0x00;
    buf[22] = 0x00;
    for (i = 23; i + 8 <= (size_t)size; i += 8) {
        uint64_t r = next_random(&state);
        memcpy(buf + i, &r, 8);
    }
    for (; i < (size_t)size; i++) {
        buf[i] = (unsigned char)next_random(&state);
    }
    return (size_t)size;
}

/* ---- the stream's thread ----------------------------------------------------------------- */
/* Hands one packet to the callback (unless the stream is asked to stop): 0 if stopped. */
static int deliver(int h, DWORD type, unsigned char *buf, size_t n) {
    st_stream *s = &st[h];
    REALDATACALLBACK cb;
    void *user;
    st_lock();
    if (s->stop) {
        st_unlock();
        return 0;
    }
    cb = s->cb;
    user = s->cb_user;
    st_unlock();
    if (cb != NULL) {
        cb((LONG)h, type, buf, (DWORD)n, user);
    }
    st_lock();
    if (cb != NULL) {
        s->packets++;
        s->bytes += (long long)n;
        if (s->record != NULL && s->record_len < s->record_cap) {
            size_t take = s->record_cap - s->record_len < n ? s->record_cap - s->record_len : n;
            memcpy(s->record + s->record_len, buf, take);
            s->record_len += take;
        }
    }
    pthread_cond_broadcast(&st_cond);
    st_unlock();
    memset(buf, ST_FILL, n); /* a binding that kept the pointer reads garbage */
    return 1;
}

static void *stream_thread(void *arg) {
    int h = (int)(intptr_t)arg;
    st_stream *s = &st[h];
    unsigned char *buf;
    long long bps, max, n;
    int size, every;
    LONG channel;
    double start;
    t_stream = h + 1;
    st_lock();
    bps = s->bits_per_second;
    max = s->packets_max;
    size = s->packet_size;
    every = s->private_every;
    channel = s->channel;
    st_unlock();
    buf = malloc((size_t)size > FAKE_STREAM_HEADER_SIZE ? (size_t)size : FAKE_STREAM_HEADER_SIZE);
    if (buf != NULL && deliver(h, NET_DVR_SYSHEAD, buf, build_header(buf, s))) {
        st_lock();
        s->header_done = 1;
        pthread_cond_broadcast(&st_cond);
        st_unlock();
        start = monotonic_seconds();
        for (n = 0; max == 0 || n < max; n++) {
            int stopped;
            st_lock();
            if (bps > 0) {
                double due = start + (double)(n + 1) * (double)size * 8.0 / (double)bps;
                while (!s->stop && monotonic_seconds() < due) {
                    st_wait(due);
                }
            }
            stopped = s->stop;
            st_unlock();
            if (stopped || !deliver(h, NET_DVR_STREAMDATA, buf, build_packet(buf, size, h, channel, n))) {
                break;
            }
            if (every > 0 && (n + 1) % every == 0) {
                size_t k;
                for (k = 0; k < 32; k++) {
                    buf[k] = (unsigned char)(k + (size_t)n);
                }
                if (!deliver(h, NET_DVR_PRIVATE_DATA, buf, 32)) {
                    break;
                }
            }
        }
    }
    free(buf);
    st_lock();
    s->running = 0;
    s->header_done = 1;
    pthread_cond_broadcast(&st_cond);
    st_unlock();
    return NULL;
}

int device_has_channel(const fake_device *d, LONG channel) {
    const NET_DVR_DEVICEINFO_V30 *v = &d->info.struDeviceV30;
    long analog = v->byChanNum, ip = (long)v->byIPChanNum + 256L * v->byHighDChanNum;
    return (channel >= v->byStartChan && channel < v->byStartChan + analog) ||
           (channel >= v->byStartDChan && channel < v->byStartDChan + ip);
}

/* ---- SDK ------------------------------------------------------------------------------------ */
FAKE_API LONG NET_DVR_RealPlay_V40(LONG lUserID, LPNET_DVR_PREVIEWINFO lpPreviewInfo,
                                   REALDATACALLBACK fRealDataCallBack_V30, void *pUser) {
    DWORD code;
    fake_device *d;
    st_stream *s = NULL;
    pthread_t thread;
    pthread_attr_t attr;
    int h, started;
    ready();
    lock();
    code = begin_initialized_locked(FN_RealPlay_V40);
    if (code == 0 && lpPreviewInfo == NULL) {
        code = NET_DVR_PARAMETER_ERROR; /* measured: checked before the id */
    } else if (code == 0 && (lUserID < 0 || lUserID >= MAX_LOGIN_USERS)) {
        code = NET_DVR_PARAMETER_ERROR;
    } else if (code == 0 && g.slot_state[lUserID] != SLOT_IN_USE) {
        code = NET_DVR_USERNOTEXIST;
    }
    if (code == 0 && (d = device_at(g.slot_device[lUserID])) == NULL) {
        code = NET_DVR_NETWORK_FAIL_CONNECT; /* the device left the site after the login */
    } else if (code == 0 && !device_has_channel(d, lpPreviewInfo->lChannel)) {
        code = NET_DVR_CHANNEL_ERROR;
    } else if (code == 0 && lpPreviewInfo->dwStreamType > 3) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) {
        st_lock();
        for (h = 0; h < ST_MAX && (st[h].open || st[h].running); h++) {
        }
        if (h == ST_MAX) {
            code = NET_DVR_MAX_NUM;
        } else {
            s = &st[h];
            free(s->record);
            memset(s, 0, sizeof *s);
            s->used = s->open = s->running = 1;
            s->user = lUserID;
            s->channel = lpPreviewInfo->lChannel;
            s->stream_type = lpPreviewInfo->dwStreamType;
            s->link_mode = lpPreviewInfo->dwLinkMode;
            s->play_wnd = lpPreviewInfo->hPlayWnd;
            s->blocked = lpPreviewInfo->bBlocked;
            s->cb = fRealDataCallBack_V30;
            s->cb_user = pUser;
            s->bits_per_second = cfg_bps;
            s->packets_max = cfg_packets;
            s->packet_size = cfg_size;
            s->private_every = cfg_private;
            if (cfg_record > 0) {
                s->record = malloc((size_t)cfg_record);
                s->record_cap = s->record != NULL ? (size_t)cfg_record : 0;
            }
        }
        st_unlock();
    }
    unlock();
    if (code != 0) {
        set_last_error(code);
        return -1;
    }
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    started = pthread_create(&thread, &attr, stream_thread, (void *)(intptr_t)h) == 0;
    pthread_attr_destroy(&attr);
    st_lock();
    if (!started) {
        s->open = s->running = 0;
        st_unlock();
        set_last_error(NET_DVR_ALLOC_RESOURCE_ERROR);
        return -1;
    }
    while (!s->header_done) { /* the header arrives before the handle is returned */
        st_wait(0);
    }
    st_unlock();
    set_last_error(NET_DVR_NOERROR);
    return (LONG)h;
}

FAKE_API BOOL NET_DVR_StopRealPlay(LONG lRealHandle) {
    DWORD code;
    st_stream *s;
    ready();
    lock();
    code = begin_initialized_locked(FN_StopRealPlay);
    unlock();
    if (code != 0) {
        return fail_bool(code);
    }
    st_lock();
    if (lRealHandle < 0 || lRealHandle >= ST_MAX || !st[lRealHandle].open) {
        st_unlock();
        return fail_stale_handle(); /* measured: 12, or the previous error (1.3) */
    }
    s = &st[lRealHandle];
    s->open = 0;
    s->stop = 1;
    pthread_cond_broadcast(&st_cond);
    /* No callback starts after this returns: the one in progress and the thread's end are
     * waited for, unless this is that callback (it cannot wait for itself). */
    while (t_stream != lRealHandle + 1 && s->running) {
        st_wait(0);
    }
    st_unlock();
    return ok_bool();
}

/* ---- hooks (fake_internal.h) ------------------------------------------------------------- */
static void stop_streams(LONG user) { /* st_lock held */
    int h;
    for (h = 0; h < ST_MAX; h++) {
        if (st[h].open && (user < 0 || st[h].user == user)) {
            st[h].open = 0;
            st[h].stop = 1;
        }
    }
    pthread_cond_broadcast(&st_cond);
}

void stream_user_gone_locked(LONG user_id) {
    st_lock();
    stop_streams(user_id);
    st_unlock();
}

void stream_forget_all_locked(void) {
    st_lock();
    stop_streams(-1);
    st_unlock();
}

void stream_reset(void) {
    int h;
    st_lock();
    stop_streams(-1);
    for (h = 0; h < ST_MAX; h++) {
        while (t_stream == 0 && st[h].running) { /* from a callback, it would wait for itself */
            st_wait(0);
        }
        if (!st[h].running) {
            free(st[h].record);
            memset(&st[h], 0, sizeof st[h]);
        }
    }
    cfg_bps = 2000000;
    cfg_packets = cfg_record = 0;
    cfg_size = 8192;
    cfg_private = 0;
    st_unlock();
}

int stream_get_int(const char *key, long long *value) {
    int h, open = 0, running = 0;
    if (strcmp(key, "streams_open") != 0 && strcmp(key, "streams_running") != 0) {
        return 0;
    }
    st_lock();
    for (h = 0; h < ST_MAX; h++) {
        open += st[h].open;
        running += st[h].running;
    }
    st_unlock();
    *value = strcmp(key, "streams_open") == 0 ? open : running;
    return 1;
}

/* ---- control API -------------------------------------------------------------------------- */
FAKE_API int fake_stream_config(long long bits_per_second, int packet_size, long long packets,
                                long long record_limit, int private_every) {
    if (bits_per_second < 0 || packet_size < 64 || packet_size > FAKE_STREAM_MAX_PACKET ||
        packets < 0 || record_limit < 0 || record_limit > (1LL << 30) || private_every < 0) {
        return FAKE_ERR_VALUE;
    }
    ready();
    st_lock();
    cfg_bps = bits_per_second;
    cfg_size = packet_size;
    cfg_packets = packets;
    cfg_record = record_limit;
    cfg_private = private_every;
    st_unlock();
    return FAKE_OK;
}

FAKE_API long long fake_stream_get(int handle, const char *key) {
    long long v = FAKE_NO_SUCH_KEY;
    const st_stream *s;
    if (handle < 0 || handle >= ST_MAX || key == NULL) {
        return v;
    }
    st_lock();
    s = &st[handle];
    if (s->used) {
#define ST_KEY(name, expr) else if (strcmp(key, name) == 0) v = (long long)(expr);
        if (0) {
        }
        ST_KEY("open", s->open)
        ST_KEY("running", s->running)
        ST_KEY("done", !s->running)
        ST_KEY("packets", s->packets)
        ST_KEY("bytes", s->bytes)
        ST_KEY("channel", s->channel)
        ST_KEY("stream_type", s->stream_type)
        ST_KEY("link_mode", s->link_mode)
        ST_KEY("play_wnd", s->play_wnd)
        ST_KEY("blocked", s->blocked)
        ST_KEY("user", s->user)
        ST_KEY("callback", s->cb != NULL)
        ST_KEY("recorded", s->record_len)
#undef ST_KEY
    }
    st_unlock();
    return v;
}

FAKE_API long long fake_stream_sent(int handle, void *out, long long cap) {
    long long n = -1;
    if (handle < 0 || handle >= ST_MAX || cap < 0 || (out == NULL && cap > 0)) {
        return -1;
    }
    st_lock();
    if (st[handle].used) {
        n = (long long)st[handle].record_len;
        if (n > 0 && cap > 0) {
            memcpy(out, st[handle].record, (size_t)(n < cap ? n : cap));
        }
    }
    st_unlock();
    return n;
}

FAKE_API int fake_stream_wait_done(int handle, int timeout_ms) {
    double deadline = monotonic_seconds() + (double)timeout_ms / 1000.0;
    int rc = 0;
    if (handle < 0 || handle >= ST_MAX) {
        return -1;
    }
    st_lock();
    if (!st[handle].used) {
        rc = -1;
    }
    while (rc == 0 && st[handle].running) {
        if (timeout_ms >= 0 && monotonic_seconds() >= deadline) {
            rc = -1;
            break;
        }
        st_wait(timeout_ms >= 0 ? deadline : 0);
    }
    st_unlock();
    return rc;
}
