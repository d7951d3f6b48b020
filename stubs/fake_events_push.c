/*
 * fake_events_push.c - the events control API: fake_push_* (an alarm, an ISAPI event, any
 * payload, an exception), fake_drop_connection / fake_restore_connection, fake_event_rate,
 * fake_events_wait_idle; and the payloads the callbacks get (NET_DVR_ALARMINFO_V30/V40,
 * NET_DVR_ALARM_ISAPI_INFO, NET_DVR_ALARMER).
 *
 * A push checks its arguments, copies them into one queued item and returns at once; the event
 * thread (fake_events.c) builds the payload into a buffer of its own, calls back, and overwrites
 * the buffer and the alarmer with EV_FILL when the callback returned.
 *
 * Payload layouts follow the header's documented use of each struct by alarm type (the same
 * rule the binding decodes with): type 0 (signal/I-O alarm) lists alarm outputs and recording
 * channels, types 1, 4, 5 (disk full, disk unformatted, disk error) disks, every other type
 * channels. Numbers are 1-based: V30 flag arrays hold number n at index n-1 (byChannel[32] is
 * channel 33, the first IP channel of most NVRs); V40 lists hold the numbers themselves.
 */
#include "fake_events.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h> /* AF_INET6 */
#include <time.h>

/* ---- buffers of the fake's threads ----------------------------------------------------------- */
static FAKE_THREAD_LOCAL unsigned char *t_buffer;
static FAKE_THREAD_LOCAL size_t t_capacity;
static FAKE_THREAD_LOCAL NET_DVR_ALARMER t_alarmer;

#define EV_KEEP_BUFFER (1024 * 1024) /* a larger buffer is given back after its event */

unsigned char *ev_buffer(size_t size) {
    if (size > t_capacity || t_buffer == NULL) {
        unsigned char *bigger = (unsigned char *)realloc(t_buffer, size > 0 ? size : 1);
        if (bigger == NULL) {
            return NULL;
        }
        t_buffer = bigger;
        t_capacity = size > 0 ? size : 1;
    }
    return t_buffer;
}

void ev_buffer_free(void) {
    free(t_buffer);
    t_buffer = NULL;
    t_capacity = 0;
}

NET_DVR_ALARMER *ev_thread_alarmer(void) { return &t_alarmer; }

void ev_scrub(void *payload, size_t len, NET_DVR_ALARMER *alarmer) {
    if (payload != NULL) {
        memset(payload, EV_FILL, len);
    }
    memset(alarmer, EV_FILL, sizeof *alarmer);
    if (t_capacity > EV_KEEP_BUFFER) {
        ev_buffer_free(); /* a burst of big events does not keep its memory */
    }
}

void ev_fill_alarmer(NET_DVR_ALARMER *a, const ev_sender *s, int from_listener) {
    memset(a, 0, sizeof *a);
    if (!from_listener) {
        /* An alarm channel: the session and its device (not measured: no device). */
        a->byUserIDValid = 1;
        a->lUserID = s->user;
        a->bySerialValid = 1;
        memcpy(a->sSerialNumber, s->serial, SERIALNO_LEN);
        a->byLinkPortValid = 1;
        a->wLinkPort = (WORD)s->port;
    }
    /* Measured for the listener: byDeviceIPValid 1, lUserID 0, the sender's IP, nothing else. */
    a->byDeviceIPValid = 1;
    copy_text(a->sDeviceIP, sizeof a->sDeviceIP, s->ip, strnlen(s->ip, sizeof s->ip));
    a->byIpProtocol = s->family == AF_INET6 ? 1 : 0;
}

void ev_now(NET_DVR_TIME_EX *t) {
    time_t now = time(NULL);
    struct tm tm;
    memset(t, 0, sizeof *t);
    if (localtime_r(&now, &tm) != NULL) {
        t->wYear = (WORD)(tm.tm_year + 1900);
        t->byMonth = (BYTE)(tm.tm_mon + 1);
        t->byDay = (BYTE)tm.tm_mday;
        t->byHour = (BYTE)tm.tm_hour;
        t->byMinute = (BYTE)tm.tm_min;
        t->bySecond = (BYTE)tm.tm_sec;
    }
}

/* ---- payloads -------------------------------------------------------------------------------- */
static int is_disk_type(DWORD type) { return type == 1 || type == 4 || type == 5; }

/* The V30 array a number list goes to for this alarm type, and its length. */
static BYTE *v30_array(NET_DVR_ALARMINFO_V30 *info, DWORD type, int *size) {
    if (type == 0) {
        *size = MAX_CHANNUM_V30;
        return info->byAlarmRelateChannel; /* the channels the alarm input records */
    }
    if (is_disk_type(type)) {
        *size = MAX_DISKNUM_V30;
        return info->byDiskNumber;
    }
    *size = MAX_CHANNUM_V30;
    return info->byChannel;
}

size_t ev_build_payload(const ev_item *item, unsigned char **out, DWORD *reported) {
    size_t size;
    unsigned char *buf;
    int i;
    switch (item->kind) {
    case EV_ALARM_V30:
        size = sizeof(NET_DVR_ALARMINFO_V30);
        break;
    case EV_ALARM_V40:
        size = sizeof(NET_DVR_ALARMINFO_V40) + sizeof(DWORD) * (size_t)item->nlist;
        break;
    case EV_ISAPI:
        size = sizeof(NET_DVR_ALARM_ISAPI_INFO) + (item->pic != NULL
                                                        ? sizeof(NET_DVR_ALARM_ISAPI_PICDATA)
                                                        : 0) +
               item->len + item->pic_len;
        break;
    default:
        size = item->len;
        break;
    }
    buf = ev_buffer(size);
    if (buf == NULL) {
        return (size_t)-1;
    }
    memset(buf, 0, size);
    *reported = (DWORD)size;
    *out = size > 0 ? buf : NULL;
    if (item->kind == EV_ALARM_V30) {
        NET_DVR_ALARMINFO_V30 *info = (NET_DVR_ALARMINFO_V30 *)buf;
        int n;
        BYTE *flags = v30_array(info, item->type, &n);
        info->dwAlarmType = item->type;
        info->dwAlarmInputNumber = item->input;
        for (i = 0; i < item->nlist; i++) {
            flags[item->list[i] - 1] = 1; /* checked 1..n when pushed */
        }
    } else if (item->kind == EV_ALARM_V40) {
        NET_DVR_ALARMINFO_V40 *info = (NET_DVR_ALARMINFO_V40 *)buf;
        NET_DVR_ALRAM_FIXED_HEADER *h = &info->struAlarmFixedHeader;
        DWORD *list = (DWORD *)(buf + sizeof *info);
        h->dwAlarmType = item->type;
        h->struAlarmTime = item->time;
        if (item->type == 0) {
            h->uStruAlarm.struIOAlarm.dwAlarmInputNo = item->input;
            h->uStruAlarm.struIOAlarm.dwTrigerAlarmOutNum = (DWORD)item->noutputs;
            h->uStruAlarm.struIOAlarm.dwTrigerRecordChanNum = (DWORD)(item->nlist - item->noutputs);
        } else if (is_disk_type(item->type)) {
            h->uStruAlarm.struAlarmHardDisk.dwAlarmHardDiskNum = (DWORD)item->nlist;
        } else {
            h->uStruAlarm.struAlarmChannel.dwAlarmChanNum = (DWORD)item->nlist;
        }
        memcpy(list, item->list, sizeof(DWORD) * (size_t)item->nlist);
        info->pAlarmData = item->nlist > 0 ? list : NULL;
        *reported = sizeof *info;
    } else if (item->kind == EV_ISAPI) {
        NET_DVR_ALARM_ISAPI_INFO *info = (NET_DVR_ALARM_ISAPI_INFO *)buf;
        unsigned char *data = buf + sizeof *info;
        if (item->pic != NULL) {
            NET_DVR_ALARM_ISAPI_PICDATA *pic = (NET_DVR_ALARM_ISAPI_PICDATA *)data;
            data += sizeof *pic;
            pic->dwPicLen = (DWORD)item->pic_len;
            pic->byPicType = 1; /* JPEG */
            copy_text(pic->szFilename, sizeof pic->szFilename, item->pic_name,
                      strlen(item->pic_name));
            pic->pPicData = data + item->len;
            memcpy(pic->pPicData, item->pic, item->pic_len);
            info->byPicturesNumber = 1;
            info->pPicPackData = pic;
        }
        memcpy(data, item->data, item->len); /* may hold NUL bytes: length-delimited */
        info->pAlarmData = item->len > 0 ? (char *)data : NULL;
        info->dwAlarmDataLen = (DWORD)item->len;
        info->byDataType = (BYTE)item->data_type;
        *reported = sizeof *info;
    } else if (size > 0) {
        memcpy(buf, item->data, size);
    }
    return size;
}

/* ---- control API ----------------------------------------------------------------------------- */
/* An item with room for `extra` bytes after it (for its list and data). */
static ev_item *new_item(int kind, int user_id, size_t extra) {
    ev_item *item = (ev_item *)calloc(1, sizeof(ev_item) + extra);
    if (item != NULL) {
        item->kind = kind;
        item->user = user_id;
    }
    return item;
}

static int valid_user(int user_id) { return user_id >= 0 && user_id < MAX_LOGIN_USERS; }

static int valid_length(const void *data, int len) {
    return len >= 0 && len <= EV_MAX_DATA && (data != NULL || len == 0);
}

FAKE_API int fake_push_alarm_v30(int user_id, unsigned alarm_type, unsigned alarm_input,
                                 const unsigned char *channels, int nchannels) {
    NET_DVR_ALARMINFO_V30 probe;
    ev_item *item;
    int i, limit;
    ready();
    if (!valid_user(user_id) || nchannels < 0 || nchannels > 256 ||
        (channels == NULL && nchannels > 0)) {
        return FAKE_ERR_VALUE;
    }
    v30_array(&probe, alarm_type, &limit);
    for (i = 0; i < nchannels; i++) {
        if (channels[i] < 1 || channels[i] > limit) {
            return FAKE_ERR_VALUE;
        }
    }
    item = new_item(EV_ALARM_V30, user_id, sizeof(DWORD) * (size_t)nchannels);
    if (item == NULL) {
        return FAKE_ERR_RESOURCE;
    }
    item->type = alarm_type;
    item->input = alarm_input;
    item->list = (DWORD *)(item + 1);
    item->nlist = nchannels;
    for (i = 0; i < nchannels; i++) {
        item->list[i] = channels[i];
    }
    return ev_enqueue(item);
}

FAKE_API int fake_push_alarm_v40_io(int user_id, unsigned alarm_input, const unsigned *outputs,
                                    int noutputs, const unsigned *channels, int nchannels) {
    ev_item *item;
    ready();
    if (!valid_user(user_id) || noutputs < 0 || nchannels < 0 ||
        noutputs > EV_MAX_LIST - nchannels || (outputs == NULL && noutputs > 0) ||
        (channels == NULL && nchannels > 0)) {
        return FAKE_ERR_VALUE;
    }
    item = new_item(EV_ALARM_V40, user_id, sizeof(DWORD) * (size_t)(noutputs + nchannels));
    if (item == NULL) {
        return FAKE_ERR_RESOURCE;
    }
    item->type = 0;
    item->input = alarm_input;
    ev_now(&item->time);
    item->list = (DWORD *)(item + 1);
    item->nlist = noutputs + nchannels;
    item->noutputs = noutputs;
    if (noutputs > 0) {
        memcpy(item->list, outputs, sizeof(DWORD) * (size_t)noutputs);
    }
    if (nchannels > 0) {
        memcpy(item->list + noutputs, channels, sizeof(DWORD) * (size_t)nchannels);
    }
    return ev_enqueue(item);
}

FAKE_API int fake_push_alarm_v40(int user_id, unsigned alarm_type, const unsigned *channels,
                                 int nchannels) {
    ev_item *item;
    if (alarm_type == 0) { /* an I/O alarm: the list is its recording channels */
        return fake_push_alarm_v40_io(user_id, 0, NULL, 0, channels, nchannels);
    }
    ready();
    if (!valid_user(user_id) || nchannels < 0 || nchannels > EV_MAX_LIST ||
        (channels == NULL && nchannels > 0)) {
        return FAKE_ERR_VALUE;
    }
    item = new_item(EV_ALARM_V40, user_id, sizeof(DWORD) * (size_t)nchannels);
    if (item == NULL) {
        return FAKE_ERR_RESOURCE;
    }
    item->type = alarm_type;
    ev_now(&item->time);
    item->list = (DWORD *)(item + 1);
    item->nlist = nchannels;
    if (nchannels > 0) {
        memcpy(item->list, channels, sizeof(DWORD) * (size_t)nchannels);
    }
    return ev_enqueue(item);
}

FAKE_API int fake_push_isapi(int user_id, const char *body, int body_len, int data_type,
                             const unsigned char *picture, int picture_len,
                             const char *picture_name) {
    ev_item *item;
    size_t name_len = picture_name != NULL ? strlen(picture_name) : 0;
    size_t pic_len = picture != NULL ? (size_t)picture_len : 0;
    ready();
    if (!valid_user(user_id) || !valid_length(body, body_len) ||
        (data_type != 1 && data_type != 2) ||
        (picture != NULL && !valid_length(picture, picture_len)) ||
        name_len >= MAX_ISAPI_FILENAME) {
        return FAKE_ERR_VALUE;
    }
    item = new_item(EV_ISAPI, user_id, (size_t)body_len + pic_len);
    if (item == NULL) {
        return FAKE_ERR_RESOURCE;
    }
    item->data_type = data_type;
    item->data = (unsigned char *)(item + 1);
    item->len = (size_t)body_len;
    if (body_len > 0) {
        memcpy(item->data, body, (size_t)body_len);
    }
    if (picture != NULL) {
        item->pic = item->data + body_len;
        item->pic_len = pic_len;
        if (pic_len > 0) {
            memcpy(item->pic, picture, pic_len);
        }
        copy_text(item->pic_name, sizeof item->pic_name, picture_name != NULL ? picture_name : "",
                  name_len);
    }
    return ev_enqueue(item);
}

FAKE_API int fake_push_raw(int user_id, int command, const unsigned char *payload, int len) {
    ev_item *item;
    ready();
    if (!valid_user(user_id) || !valid_length(payload, len)) {
        return FAKE_ERR_VALUE;
    }
    item = new_item(EV_RAW, user_id, (size_t)len);
    if (item == NULL) {
        return FAKE_ERR_RESOURCE;
    }
    item->command = command;
    item->data = (unsigned char *)(item + 1);
    item->len = (size_t)len;
    if (len > 0) {
        memcpy(item->data, payload, (size_t)len);
    }
    return ev_enqueue(item);
}

static int push_simple(int kind, int user_id, DWORD type) {
    ev_item *item;
    ready();
    if (!valid_user(user_id)) {
        return FAKE_ERR_VALUE;
    }
    item = new_item(kind, user_id, 0);
    if (item == NULL) {
        return FAKE_ERR_RESOURCE;
    }
    item->type = type;
    return ev_enqueue(item);
}

FAKE_API int fake_push_exception(int user_id, unsigned type) {
    return push_simple(EV_EXCEPTION, user_id, type);
}

FAKE_API int fake_drop_connection(int user_id) {
    return push_simple(EV_DROP, user_id, EXCEPTION_ALARM);
}

FAKE_API int fake_restore_connection(int user_id) {
    return push_simple(EV_RESTORE, user_id, ALARM_RECONNECTSUCCESS);
}

FAKE_API int fake_event_rate(int user_id, int count, int per_second) {
    ev_item *item;
    ready();
    if (!valid_user(user_id) || count < 0 || per_second < 0) {
        return FAKE_ERR_VALUE;
    }
    item = new_item(EV_RATE, user_id, 0);
    if (item == NULL) {
        return FAKE_ERR_RESOURCE;
    }
    item->count = count;
    item->per_second = per_second;
    return ev_enqueue(item);
}

FAKE_API int fake_events_wait_idle(int timeout_ms) {
    double deadline = timeout_ms >= 0 ? monotonic_seconds() + timeout_ms / 1000.0 : 0;
    int idle;
    ready();
    if (t_fake_thread != 0) {
        return -1; /* inside a callback: never idle while it runs */
    }
    ev_lock();
    for (;;) {
        idle = ev.head == NULL && !ev.processing && ev.callbacks_in_progress == 0 &&
               ev.listeners_busy == 0;
        if (idle || (deadline > 0 && monotonic_seconds() >= deadline)) {
            break;
        }
        ev_wait_until(deadline > 0 ? deadline : 0);
    }
    ev_unlock();
    return idle ? 0 : -1;
}
