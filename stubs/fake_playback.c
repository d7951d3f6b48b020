/*
 * fake_playback.c - the playback area: a recording index per channel, the file search, the
 * area's state, hooks and control API. Downloads are in fake_download.c, layouts in
 * fake_playback_layout.c (all share fake_playback.h).
 *
 * The index is a rule, the same for every channel and every day (device wall clock): one file
 * per hour, [hh:00, hh+1:00), except a gap from 03:00 to 05:00; the 08:00 file is locked, the
 * 10:00 file is a motion recording (type 1), the 20:00 file an alarm recording (type 2), the
 * others timed (type 0). A device given its own index (fake_recindex.c) answers from its files
 * instead. A file records record_bps bytes per second of video; the byte i of second s of
 * channel c is pb_byte(c, s, i), so content is deterministic and not constant.
 *
 * A search answers NET_DVR_ISFINDING search_polls times before its first answer, then one file
 * per call, then NET_DVR_NOMOREFILE (NET_DVR_FILE_NOFIND if nothing matched); with
 * search_exception_after >= 0 it answers NET_DVR_FILE_EXCEPTION after that many files.
 *
 * A download creates its file at once (GetFileByTime_V40 / GetFileByName, as the real SDK is
 * given the path), starts writing on NET_DVR_PLAYSTART from its own thread at `rate` bytes per
 * second in chunks every chunk_ms, and reports its position: 0..100, or 200 (the abnormal end)
 * once it reached abort_at percent when abort_at >= 0. The thread closes the file before the
 * position reads 100 or 200. StopGetFile stops and joins the thread, once per handle.
 *
 * State lives in `pb` (not in g: it holds threads and files that reset_locked's memset cannot
 * release), guarded by the global lock(); no lock is held while joining or writing.
 */
#include "fake_internal.h"

#include "fake_playback.h"

#include <stdlib.h>
#include <string.h>

pb_state pb;

void pb_defaults_locked(void) {
    pb.search_polls = 2;
    pb.record_bps = 1000;
    pb.rate = 4000000;
    pb.chunk_ms = 10;
    pb.abort_at = -1;
    pb.search_exception_after = -1;
    pb.configured = 1;
}

void pb_ready_locked(void) {
    if (!pb.configured) {
        pb_defaults_locked();
    }
}

/* ---- time: NET_DVR_TIME <-> wall seconds (no time zone: the device's clock) ------------------- */
static long long pb_days_from_civil(long long y, unsigned m, unsigned d) {
    long long era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

static void pb_civil_from_days(long long z, DWORD *y, DWORD *m, DWORD *d) {
    long long era, yy;
    unsigned doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    yy = (long long)yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (DWORD)(yy + (*m <= 2));
}

static int pb_days_in_month(DWORD y, DWORD m) {
    static const int k[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        return 29;
    }
    return k[m - 1];
}

/* 1 and the wall seconds of a valid time (years 1970..2100), else 0. */
int pb_wall_seconds(const pb_time *t, long long *out) {
    if (t->dwYear < 1970 || t->dwYear > 2100 || t->dwMonth < 1 || t->dwMonth > 12 ||
        t->dwDay < 1 || (int)t->dwDay > pb_days_in_month(t->dwYear, t->dwMonth) ||
        t->dwHour > 23 || t->dwMinute > 59 || t->dwSecond > 59) {
        return 0;
    }
    *out = pb_days_from_civil(t->dwYear, t->dwMonth, t->dwDay) * 86400 +
           (long long)t->dwHour * 3600 + t->dwMinute * 60 + t->dwSecond;
    return 1;
}

void pb_to_time(long long s, pb_time *t) {
    long long days = s / 86400, rest = s % 86400;
    pb_civil_from_days(days, &t->dwYear, &t->dwMonth, &t->dwDay);
    t->dwHour = (DWORD)(rest / 3600);
    t->dwMinute = (DWORD)(rest % 3600 / 60);
    t->dwSecond = (DWORD)(rest % 60);
}

/* ---- the index -------------------------------------------------------------------------------- */
int pb_slot_recorded(long long slot) {
    int hour = (int)(slot % 24);
    return hour < PB_GAP_FIRST || hour > PB_GAP_LAST;
}

int pb_slot_type(long long slot) {
    int hour = (int)(slot % 24);
    return hour == PB_MOTION_HOUR ? 1 : hour == PB_ALARM_HOUR ? 2 : 0;
}

int pb_slot_locked(long long slot) { return (int)(slot % 24) == PB_LOCKED_HOUR; }

void pb_slot_name(int channel, long long slot, char *out, size_t cap) {
    pb_time t;
    pb_to_time(slot * 3600, &t);
    snprintf(out, cap, "ch%04d_%04u%02u%02u%02u0000", channel, (unsigned)t.dwYear,
             (unsigned)t.dwMonth, (unsigned)t.dwDay, (unsigned)t.dwHour);
}

static unsigned char pb_byte(int channel, long long sec, long long i) {
    unsigned long long x = (unsigned long long)sec * 2654435761u + (unsigned long long)i * 40503u +
                           (unsigned long long)channel * 97u;
    x ^= x >> 13;
    return (unsigned char)(x ^ (unsigned long long)(i >> 8));
}

/* The recorded seconds in [from, to). */
long long pb_recorded_seconds(long long from, long long to) {
    long long n = 0, s = from;
    while (s < to) {
        long long slot = s / 3600, end = (slot + 1) * 3600;
        if (end > to) {
            end = to;
        }
        if (pb_slot_recorded(slot)) {
            n += end - s;
        }
        s = end;
    }
    return n;
}

/* Fills buf with n bytes of channel's recording from the cursor, skipping the seconds not
 * recorded: the rule's gap, or those outside the cursor's spans. */
void pb_generate(int channel, long long bps, pb_cursor *c, unsigned char *buf, long long n) {
    long long k;
    for (k = 0; k < n; k++) {
        if (c->index == 0) { /* a new second: is it recorded? */
            if (c->spans != NULL) {
                while (c->span_at < c->span_count && c->sec >= c->spans[2 * c->span_at + 1]) {
                    c->span_at++;
                }
                if (c->span_at < c->span_count && c->sec < c->spans[2 * c->span_at]) {
                    c->sec = c->spans[2 * c->span_at];
                }
            } else {
                while (!pb_slot_recorded(c->sec / 3600)) {
                    c->sec = (c->sec / 3600 + 1) * 3600;
                }
            }
        }
        buf[k] = pb_byte(channel, c->sec, c->index);
        if (++c->index == bps) {
            c->index = 0;
            ++c->sec;
        }
    }
}

DWORD pb_check_user_locked(LONG user) {
    if (user < 0 || user >= MAX_LOGIN_USERS) {
        return NET_DVR_PARAMETER_ERROR;
    }
    return g.slot_state[user] == SLOT_IN_USE ? 0 : NET_DVR_USERNOTEXIST;
}

/* ---- search ----------------------------------------------------------------------------------- */
FAKE_API LONG NET_DVR_FindFile_V40(LONG lUserID, LPNET_DVR_FILECOND_V40 pFindCond) {
    DWORD code;
    long long from = 0, to = 0;
    int h = -1;
    ready();
    lock();
    pb_ready_locked();
    code = begin_initialized_locked(FN_FindFile_V40);
    if (code == 0) {
        code = pb_check_user_locked(lUserID); /* measured: the id first, even with a NULL cond */
    }
    if (code == 0 && (pFindCond == NULL || !pb_wall_seconds(&pFindCond->struStartTime, &from) ||
                      !pb_wall_seconds(&pFindCond->struStopTime, &to) || from >= to)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) {
        for (h = 0; h < PB_MAX_SEARCHES && pb.searches[h].open; h++) {
        }
        if (h == PB_MAX_SEARCHES) {
            code = NET_DVR_MAX_NUM;
        } else {
            pb_search *s = &pb.searches[h];
            memset(s, 0, sizeof *s);
            s->open = 1;
            s->user = lUserID;
            s->channel = pFindCond->lChannel;
            s->from = from;
            s->to = to;
            s->type = pFindCond->dwFileType;
            s->locked = pFindCond->dwIsLocked;
            s->next_slot = from / 3600;
            s->polls_left = pb.search_polls;
            s->dev = g.slot_device[lUserID];
            s->own = pb_own_index_locked(s->dev);
            s->last_from = -1; /* before any file: wall seconds are >= 0 */
            s->last_seq = -1;
            pb.searches_open++;
            pb.last_find_channel = s->channel;
            pb.last_find_from = from;
            pb.last_find_to = to;
            pb.last_find_type = s->type;
            pb.last_find_locked = s->locked;
        }
    }
    unlock();
    if (code != 0) {
        set_last_error(code);
        return -1;
    }
    set_last_error(NET_DVR_NOERROR);
    return h;
}

static int search_matches(const pb_search *s, long long slot) {
    if (!pb_slot_recorded(slot)) {
        return 0;
    }
    if (s->type != 0xff && s->type != (DWORD)pb_slot_type(slot)) {
        return 0;
    }
    return s->locked == 0xff || s->locked == (DWORD)pb_slot_locked(slot);
}

FAKE_API LONG NET_DVR_FindNextFile_V40(LONG lFindHandle, LPNET_DVR_FINDDATA_V40 lpFindData) {
    DWORD code;
    LONG status = -1;
    pb_search *s;
    ready();
    lock();
    pb_ready_locked();
    code = begin_initialized_locked(FN_FindNextFile_V40);
    if (code == 0 && lpFindData == NULL) {
        code = NET_DVR_PARAMETER_ERROR; /* measured: before the handle */
    }
    if (code == 0 && (lFindHandle < 0 || lFindHandle >= PB_MAX_SEARCHES ||
                      !pb.searches[lFindHandle].open)) {
        code = NET_DVR_ORDER_ERROR;
    }
    if (code == 0) {
        s = &pb.searches[lFindHandle];
        if (s->polls_left > 0) {
            s->polls_left--;
            status = NET_DVR_ISFINDING;
        } else if (pb.search_exception_after >= 0 && s->found >= pb.search_exception_after) {
            status = NET_DVR_FILE_EXCEPTION;
        } else if (s->own) {
            const pb_file *f = pb_next_file_locked(s);
            if (f == NULL) {
                status = s->found ? NET_DVR_NOMOREFILE : NET_DVR_FILE_NOFIND;
            } else {
                long long size = (f->to - f->from) * pb.record_bps;
                memset(lpFindData, 0, sizeof *lpFindData);
                memcpy(lpFindData->sFileName, f->name, sizeof f->name);
                pb_to_time(f->from, &lpFindData->struStartTime);
                pb_to_time(f->to, &lpFindData->struStopTime);
                lpFindData->dwFileSize = size > 0xFFFFFFFFLL ? 0xFFFFFFFFu : (DWORD)size;
                lpFindData->byLocked = (BYTE)f->locked;
                lpFindData->byFileType = (BYTE)f->type;
                lpFindData->dwFileIndex = (DWORD)s->found;
                s->found++;
                status = NET_DVR_FILE_SUCCESS;
            }
        } else {
            while (s->next_slot * 3600 < s->to && !search_matches(s, s->next_slot)) {
                s->next_slot++;
            }
            if (s->next_slot * 3600 >= s->to) {
                status = s->found ? NET_DVR_NOMOREFILE : NET_DVR_FILE_NOFIND;
            } else {
                long long slot = s->next_slot++;
                memset(lpFindData, 0, sizeof *lpFindData);
                pb_slot_name(s->channel, slot, lpFindData->sFileName, sizeof lpFindData->sFileName);
                pb_to_time(slot * 3600, &lpFindData->struStartTime);
                pb_to_time((slot + 1) * 3600, &lpFindData->struStopTime);
                lpFindData->dwFileSize = (DWORD)(3600 * pb.record_bps);
                lpFindData->byLocked = (BYTE)pb_slot_locked(slot);
                lpFindData->byFileType = (BYTE)pb_slot_type(slot);
                lpFindData->dwFileIndex = (DWORD)s->found;
                s->found++;
                status = NET_DVR_FILE_SUCCESS;
            }
        }
    }
    unlock();
    if (code != 0) {
        set_last_error(code);
        return -1;
    }
    set_last_error(NET_DVR_NOERROR);
    return status;
}

FAKE_API BOOL NET_DVR_FindClose_V30(LONG lFindHandle) {
    int ok = 0;
    ready();
    lock();
    (void)enter_locked(FN_FindClose_V30);
    if (g.initialized && lFindHandle >= 0 && lFindHandle < PB_MAX_SEARCHES &&
        pb.searches[lFindHandle].open) {
        pb.searches[lFindHandle].open = 0;
        pb.searches_open--;
        ok = 1;
    }
    unlock();
    return ok ? ok_bool() : fail_stale_handle();
}

/* ---- hooks and control API -------------------------------------------------------------------- */
void playback_reset(void) {
    int h;
    pb_download *stopping[PB_MAX_DOWNLOADS];
    int n = 0;
    lock();
    for (h = 0; h < PB_MAX_DOWNLOADS; h++) {
        if (pb.downloads[h].state == DL_OPEN) {
            pb.downloads[h].state = DL_STOPPING;
            pb.downloads[h].stop = 1;
            stopping[n++] = &pb.downloads[h];
        }
    }
    unlock();
    for (h = 0; h < n; h++) {
        pb_finish_download(stopping[h]);
    }
    lock();
    memset(&pb, 0, sizeof pb); /* a StopGetFile racing the reset has finished: none is left */
    pb_defaults_locked();
    unlock();
}

int playback_get_int(const char *key, long long *value) {
    int found = 1;
    lock();
    pb_ready_locked();
#define PB_KEY(name, expr) else if (strcmp(key, name) == 0) *value = (long long)(expr);
    if (0) {
    }
    PB_KEY("open_searches", pb.searches_open)
    PB_KEY("open_downloads", pb.downloads_open)
    PB_KEY("max_open_downloads", pb.max_downloads_open)
    PB_KEY("downloads_started", pb.downloads_started)
    PB_KEY("downloads_finished", pb.downloads_finished)
    PB_KEY("downloads_aborted", pb.downloads_aborted)
    PB_KEY("search_polls", pb.search_polls)
    PB_KEY("record_bps", pb.record_bps)
    PB_KEY("rate", pb.rate)
    PB_KEY("chunk_ms", pb.chunk_ms)
    PB_KEY("abort_at", pb.abort_at)
    PB_KEY("search_exception_after", pb.search_exception_after)
    PB_KEY("last_find_channel", pb.last_find_channel)
    PB_KEY("last_find_from", pb.last_find_from)
    PB_KEY("last_find_to", pb.last_find_to)
    PB_KEY("last_find_type", pb.last_find_type)
    PB_KEY("last_find_locked", pb.last_find_locked)
    PB_KEY("last_download_channel", pb.last_download_channel)
    PB_KEY("last_download_from", pb.last_download_from)
    PB_KEY("last_download_to", pb.last_download_to)
    else {
        found = 0;
    }
#undef PB_KEY
    unlock();
    return found;
}

FAKE_API int fake_playback_set(const char *key, long long value) {
    int rc = FAKE_OK;
    if (key == NULL) {
        return FAKE_ERR_NO_FIELD;
    }
    ready();
    lock();
    pb_ready_locked();
    if (strcmp(key, "search_polls") == 0) {
        rc = value >= 0 && value <= 1000000 ? (pb.search_polls = (int)value, FAKE_OK)
                                            : FAKE_ERR_VALUE;
    } else if (strcmp(key, "record_bps") == 0) {
        rc = value >= 1 && value <= PB_MAX_BPS ? (pb.record_bps = value, FAKE_OK) : FAKE_ERR_VALUE;
    } else if (strcmp(key, "rate") == 0) {
        rc = value >= 1 && value <= PB_MAX_RATE ? (pb.rate = value, FAKE_OK) : FAKE_ERR_VALUE;
    } else if (strcmp(key, "chunk_ms") == 0) {
        rc = value >= 1 && value <= 1000 ? (pb.chunk_ms = (int)value, FAKE_OK) : FAKE_ERR_VALUE;
    } else if (strcmp(key, "abort_at") == 0) {
        rc = value >= -1 && value <= 99 ? (pb.abort_at = (int)value, FAKE_OK) : FAKE_ERR_VALUE;
    } else if (strcmp(key, "search_exception_after") == 0) {
        rc = value >= -1 && value <= 1000000 ? (pb.search_exception_after = (int)value, FAKE_OK)
                                             : FAKE_ERR_VALUE;
    } else {
        rc = FAKE_ERR_NO_FIELD;
    }
    unlock();
    return rc;
}

FAKE_API long long fake_playback_content(int dev, int channel, const pb_time *from,
                                         const pb_time *to, unsigned char *buf, long long cap) {
    long long a, b, seconds, total, bps;
    unsigned own = 0;
    pb_cursor c;
    if (from == NULL || to == NULL || !pb_wall_seconds(from, &a) || !pb_wall_seconds(to, &b) ||
        a >= b) {
        return FAKE_ERR_VALUE;
    }
    ready();
    lock();
    pb_ready_locked();
    if (dev >= 0 && device_at(dev) == NULL) {
        unlock();
        return FAKE_ERR_NO_DEVICE;
    }
    bps = pb.record_bps;
    own = dev >= 0 ? pb_own_index_locked(dev) : 0;
    if (pb_open_cursor_locked(dev, own, channel, a, b, &c, &seconds) != 0) {
        unlock();
        return FAKE_ERR_RESOURCE;
    }
    unlock();
    total = seconds * bps;
    if (buf != NULL && cap > 0) {
        pb_generate(channel, bps, &c, buf, cap < total ? cap : total);
    }
    free(c.spans);
    return total;
}

