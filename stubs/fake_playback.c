/*
 * fake_playback.c - the playback area: a recording index per channel, the file search, and
 * downloads that write real bytes from a thread of the fake's own (fake_playback.h).
 *
 * The index is a rule, the same for every channel and every day (device wall clock): one file
 * per hour, [hh:00, hh+1:00), except a gap from 03:00 to 05:00; the 08:00 file is locked, the
 * 10:00 file is a motion recording (type 1), the 20:00 file an alarm recording (type 2), the
 * others timed (type 0). A file records record_bps bytes per second of video; the byte i of
 * second s of channel c is pb_byte(c, s, i), so content is deterministic and not constant.
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

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PB_MAX_SEARCHES 512 /* NET_DVR_SDKABL.dwMaxFileSearchNum */
#define PB_MAX_DOWNLOADS 256
#define PB_GAP_FIRST 3 /* hours 03:00..04:59 are not recorded */
#define PB_GAP_LAST 4
#define PB_LOCKED_HOUR 8
#define PB_MOTION_HOUR 10
#define PB_ALARM_HOUR 20
#define PB_MAX_RATE 1000000000LL
#define PB_MAX_BPS 1000000LL /* a 3600 s file must fit dwFileSize */

/* ---- layouts (sdk-facts-features.md 7.1, x86_64 Linux) ---------------------------------------- */
#define PB_CHECK_OFFSET(type, field, value) \
    _Static_assert(offsetof(type, field) == (value), #type "." #field " offset")
_Static_assert(sizeof(pb_time) == 24, "NET_DVR_TIME size");
_Static_assert(sizeof(NET_DVR_ATMFINDINFO) == 8, "NET_DVR_ATMFINDINFO size");
_Static_assert(sizeof(NET_DVR_SPECIAL_FINDINFO_UNION) == 8, "NET_DVR_SPECIAL_FINDINFO_UNION size");
_Static_assert(sizeof(NET_DVR_FILECOND_V40) == 160, "NET_DVR_FILECOND_V40 size");
PB_CHECK_OFFSET(NET_DVR_FILECOND_V40, sCardNumber, 16);
PB_CHECK_OFFSET(NET_DVR_FILECOND_V40, struStartTime, 48);
PB_CHECK_OFFSET(NET_DVR_FILECOND_V40, struStopTime, 72);
PB_CHECK_OFFSET(NET_DVR_FILECOND_V40, byDrawFrame, 96);
PB_CHECK_OFFSET(NET_DVR_FILECOND_V40, dwVolumeNum, 100);
PB_CHECK_OFFSET(NET_DVR_FILECOND_V40, byWorkingDeviceGUID, 104);
PB_CHECK_OFFSET(NET_DVR_FILECOND_V40, uSpecialFindInfo, 120);
PB_CHECK_OFFSET(NET_DVR_FILECOND_V40, byStreamType, 128);
PB_CHECK_OFFSET(NET_DVR_FILECOND_V40, byRes2, 130);
_Static_assert(sizeof(NET_DVR_FINDDATA_V40) == 320, "NET_DVR_FINDDATA_V40 size");
PB_CHECK_OFFSET(NET_DVR_FINDDATA_V40, struStartTime, 100);
PB_CHECK_OFFSET(NET_DVR_FINDDATA_V40, struStopTime, 124);
PB_CHECK_OFFSET(NET_DVR_FINDDATA_V40, dwFileSize, 148);
PB_CHECK_OFFSET(NET_DVR_FINDDATA_V40, sCardNum, 152);
PB_CHECK_OFFSET(NET_DVR_FINDDATA_V40, byLocked, 184);
PB_CHECK_OFFSET(NET_DVR_FINDDATA_V40, byFileType, 185);
PB_CHECK_OFFSET(NET_DVR_FINDDATA_V40, dwFileIndex, 188);
PB_CHECK_OFFSET(NET_DVR_FINDDATA_V40, byStreamType, 192);
PB_CHECK_OFFSET(NET_DVR_FINDDATA_V40, byRes1, 193);
_Static_assert(sizeof(NET_DVR_PLAYCOND) == 116, "NET_DVR_PLAYCOND size");
PB_CHECK_OFFSET(NET_DVR_PLAYCOND, struStartTime, 4);
PB_CHECK_OFFSET(NET_DVR_PLAYCOND, struStopTime, 28);
PB_CHECK_OFFSET(NET_DVR_PLAYCOND, byDrawFrame, 52);
PB_CHECK_OFFSET(NET_DVR_PLAYCOND, byStreamID, 54);
PB_CHECK_OFFSET(NET_DVR_PLAYCOND, byCourseFile, 86);
PB_CHECK_OFFSET(NET_DVR_PLAYCOND, byDownload, 87);
PB_CHECK_OFFSET(NET_DVR_PLAYCOND, byVODFileType, 89);
PB_CHECK_OFFSET(NET_DVR_PLAYCOND, byRes, 90);

/* ---- state ------------------------------------------------------------------------------------ */
typedef struct {
    int open;
    LONG user;
    int channel;
    long long from, to; /* wall seconds, [from, to) */
    DWORD type;         /* 0xff: all */
    DWORD locked;       /* 0xff: all, 0 unlocked, 1 locked */
    long long next_slot; /* the next hour slot to consider */
    int polls_left;
    int found;
} pb_search;

enum { DL_FREE = 0, DL_OPEN, DL_STOPPING };

typedef struct {
    int state;
    LONG user;
    int channel;
    long long from, to;
    long long total, written;
    int pos;         /* 0..100, 200 */
    int started;     /* PLAYSTART came: the thread runs (or ran) */
    int stop;        /* StopGetFile or reset: the thread ends */
    FILE *file;      /* owned by the thread once started */
    pthread_t thread;
    long long sec;   /* generator cursor: second and byte within it (the thread's) */
    long long index;
} pb_download;

static struct {
    pb_search searches[PB_MAX_SEARCHES];
    pb_download downloads[PB_MAX_DOWNLOADS];
    int searches_open, downloads_open, max_downloads_open;
    long long downloads_started, downloads_finished, downloads_aborted;
    int search_polls;
    long long record_bps, rate;
    int chunk_ms;
    int abort_at;
    int search_exception_after;
    int last_find_channel;
    long long last_find_from, last_find_to, last_find_type, last_find_locked;
    int last_download_channel;
    long long last_download_from, last_download_to;
    int configured;
} pb;

static void pb_defaults_locked(void) {
    pb.search_polls = 2;
    pb.record_bps = 1000;
    pb.rate = 4000000;
    pb.chunk_ms = 10;
    pb.abort_at = -1;
    pb.search_exception_after = -1;
    pb.configured = 1;
}

static void pb_ready_locked(void) {
    if (!pb.configured) {
        pb_defaults_locked();
    }
}

/* ---- time: NET_DVR_TIME <-> wall seconds (no time zone: the device's clock) ------------------- */
static long long days_from_civil(long long y, unsigned m, unsigned d) {
    long long era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

static void civil_from_days(long long z, DWORD *y, DWORD *m, DWORD *d) {
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

static int days_in_month(DWORD y, DWORD m) {
    static const int k[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        return 29;
    }
    return k[m - 1];
}

/* 1 and the wall seconds of a valid time (years 1970..2100), else 0. */
static int wall_seconds(const pb_time *t, long long *out) {
    if (t->dwYear < 1970 || t->dwYear > 2100 || t->dwMonth < 1 || t->dwMonth > 12 ||
        t->dwDay < 1 || (int)t->dwDay > days_in_month(t->dwYear, t->dwMonth) ||
        t->dwHour > 23 || t->dwMinute > 59 || t->dwSecond > 59) {
        return 0;
    }
    *out = days_from_civil(t->dwYear, t->dwMonth, t->dwDay) * 86400 +
           (long long)t->dwHour * 3600 + t->dwMinute * 60 + t->dwSecond;
    return 1;
}

static void to_time(long long s, pb_time *t) {
    long long days = s / 86400, rest = s % 86400;
    civil_from_days(days, &t->dwYear, &t->dwMonth, &t->dwDay);
    t->dwHour = (DWORD)(rest / 3600);
    t->dwMinute = (DWORD)(rest % 3600 / 60);
    t->dwSecond = (DWORD)(rest % 60);
}

/* ---- the index -------------------------------------------------------------------------------- */
static int slot_recorded(long long slot) {
    int hour = (int)(slot % 24);
    return hour < PB_GAP_FIRST || hour > PB_GAP_LAST;
}

static int slot_type(long long slot) {
    int hour = (int)(slot % 24);
    return hour == PB_MOTION_HOUR ? 1 : hour == PB_ALARM_HOUR ? 2 : 0;
}

static int slot_locked(long long slot) { return (int)(slot % 24) == PB_LOCKED_HOUR; }

static void slot_name(int channel, long long slot, char *out, size_t cap) {
    pb_time t;
    to_time(slot * 3600, &t);
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
static long long recorded_seconds(long long from, long long to) {
    long long n = 0, s = from;
    while (s < to) {
        long long slot = s / 3600, end = (slot + 1) * 3600;
        if (end > to) {
            end = to;
        }
        if (slot_recorded(slot)) {
            n += end - s;
        }
        s = end;
    }
    return n;
}

/* Fills buf with n bytes of channel's recording from the cursor (sec, index), skipping the gap. */
static void generate(int channel, long long bps, long long *sec, long long *index,
                     unsigned char *buf, long long n) {
    long long k;
    for (k = 0; k < n; k++) {
        while (!slot_recorded(*sec / 3600)) {
            *sec = (*sec / 3600 + 1) * 3600;
        }
        buf[k] = pb_byte(channel, *sec, *index);
        if (++*index == bps) {
            *index = 0;
            ++*sec;
        }
    }
}

static DWORD check_user_locked(LONG user) {
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
        code = check_user_locked(lUserID); /* measured: the id first, even with a NULL cond */
    }
    if (code == 0 && (pFindCond == NULL || !wall_seconds(&pFindCond->struStartTime, &from) ||
                      !wall_seconds(&pFindCond->struStopTime, &to) || from >= to)) {
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
    if (!slot_recorded(slot)) {
        return 0;
    }
    if (s->type != 0xff && s->type != (DWORD)slot_type(slot)) {
        return 0;
    }
    return s->locked == 0xff || s->locked == (DWORD)slot_locked(slot);
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
        } else {
            while (s->next_slot * 3600 < s->to && !search_matches(s, s->next_slot)) {
                s->next_slot++;
            }
            if (s->next_slot * 3600 >= s->to) {
                status = s->found ? NET_DVR_NOMOREFILE : NET_DVR_FILE_NOFIND;
            } else {
                long long slot = s->next_slot++;
                memset(lpFindData, 0, sizeof *lpFindData);
                slot_name(s->channel, slot, lpFindData->sFileName, sizeof lpFindData->sFileName);
                to_time(slot * 3600, &lpFindData->struStartTime);
                to_time((slot + 1) * 3600, &lpFindData->struStopTime);
                lpFindData->dwFileSize = (DWORD)(3600 * pb.record_bps);
                lpFindData->byLocked = (BYTE)slot_locked(slot);
                lpFindData->byFileType = (BYTE)slot_type(slot);
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

/* ---- downloads -------------------------------------------------------------------------------- */
static LONG open_download_locked(LONG user, const char *path, int channel, long long from,
                                 long long to, DWORD *code) {
    int h;
    FILE *file;
    pb_download *d;
    for (h = 0; h < PB_MAX_DOWNLOADS && pb.downloads[h].state != DL_FREE; h++) {
    }
    if (h == PB_MAX_DOWNLOADS) {
        *code = NET_DVR_MAX_NUM;
        return -1;
    }
    file = fopen(path, "wb");
    if (file == NULL) {
        *code = NET_DVR_CREATEFILE_ERROR;
        return -1;
    }
    d = &pb.downloads[h];
    memset(d, 0, sizeof *d);
    d->state = DL_OPEN;
    d->user = user;
    d->channel = channel;
    d->from = from;
    d->to = to;
    d->total = recorded_seconds(from, to) * pb.record_bps;
    d->file = file;
    d->sec = from;
    pb.downloads_open++;
    if (pb.downloads_open > pb.max_downloads_open) {
        pb.max_downloads_open = pb.downloads_open;
    }
    pb.last_download_channel = channel;
    pb.last_download_from = from;
    pb.last_download_to = to;
    return h;
}

FAKE_API LONG NET_DVR_GetFileByTime_V40(LONG lUserID, char *sSavedFileName,
                                        LPNET_DVR_PLAYCOND pDownloadCond) {
    DWORD code;
    long long from = 0, to = 0;
    LONG h = -1;
    ready();
    lock();
    pb_ready_locked();
    code = begin_initialized_locked(FN_GetFileByTime_V40);
    if (code == 0 && (sSavedFileName == NULL || pDownloadCond == NULL)) {
        code = NET_DVR_PARAMETER_ERROR; /* measured: before the id */
    }
    if (code == 0) {
        code = check_user_locked(lUserID);
    }
    if (code == 0 && (!wall_seconds(&pDownloadCond->struStartTime, &from) ||
                      !wall_seconds(&pDownloadCond->struStopTime, &to) || from >= to)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) {
        h = open_download_locked(lUserID, sSavedFileName, (int)pDownloadCond->dwChannel, from,
                                 to, &code);
    }
    unlock();
    if (code != 0) {
        set_last_error(code);
        return -1;
    }
    set_last_error(NET_DVR_NOERROR);
    return h;
}

FAKE_API LONG NET_DVR_GetFileByName(LONG lUserID, char *sDVRFileName, char *sSavedFileName) {
    DWORD code;
    LONG h = -1;
    int channel = 0, consumed = 0;
    unsigned y = 0, mo = 0, d = 0, hh = 0;
    ready();
    lock();
    pb_ready_locked();
    code = begin_initialized_locked(FN_GetFileByName);
    if (code == 0 && (sDVRFileName == NULL || sSavedFileName == NULL)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) {
        code = check_user_locked(lUserID);
    }
    if (code == 0) {
        pb_time t;
        long long start = 0;
        char canonical[100];
        memset(&t, 0, sizeof t);
        if (sscanf(sDVRFileName, "ch%4d_%4u%2u%2u%2u0000%n", &channel, &y, &mo, &d, &hh,
                   &consumed) != 5 ||
            consumed != (int)strlen(sDVRFileName)) {
            code = NET_DVR_NOSPECFILE;
        } else {
            t.dwYear = y;
            t.dwMonth = mo;
            t.dwDay = d;
            t.dwHour = hh;
            if (!wall_seconds(&t, &start) || !slot_recorded(start / 3600)) {
                code = NET_DVR_NOSPECFILE;
            } else {
                slot_name(channel, start / 3600, canonical, sizeof canonical);
                if (strcmp(canonical, sDVRFileName) != 0) {
                    code = NET_DVR_NOSPECFILE;
                } else {
                    h = open_download_locked(lUserID, sSavedFileName, channel, start,
                                             start + 3600, &code);
                }
            }
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

static void *download_thread(void *arg) {
    pb_download *d = (pb_download *)arg;
    unsigned char *buf = NULL;
    size_t cap = 0;
    for (;;) {
        long long chunk, n, bps;
        int chunk_ms, done = 0, aborted = 0;
        lock();
        chunk_ms = pb.chunk_ms;
        bps = pb.record_bps;
        chunk = pb.rate * chunk_ms / 1000;
        if (chunk < 1) {
            chunk = 1;
        }
        n = d->total - d->written;
        if (n > chunk) {
            n = chunk;
        }
        if (d->stop) {
            unlock();
            break;
        }
        if (pb.abort_at >= 0 && d->pos >= pb.abort_at && d->total > 0) {
            aborted = 1;
        }
        unlock();
        if (!aborted && n > 0) {
            if ((size_t)n > cap) {
                unsigned char *grown = (unsigned char *)realloc(buf, (size_t)n);
                if (grown == NULL) {
                    aborted = 1;
                } else {
                    buf = grown;
                    cap = (size_t)n;
                }
            }
            if (!aborted) {
                generate(d->channel, bps, &d->sec, &d->index, buf, n);
                if (fwrite(buf, 1, (size_t)n, d->file) != (size_t)n || fflush(d->file) != 0) {
                    aborted = 1;
                }
            }
        }
        if (aborted || d->written + n >= d->total) {
            fclose(d->file); /* before the position says so */
            d->file = NULL;
            done = 1;
        }
        lock();
        if (!aborted) {
            d->written += n;
        }
        if (aborted) {
            d->pos = 200;
            pb.downloads_aborted++;
        } else if (done) {
            d->pos = 100;
            pb.downloads_finished++;
        } else {
            d->pos = (int)(d->written * 100 / d->total);
        }
        unlock();
        if (done) {
            break;
        }
        sleep_ms(chunk_ms);
    }
    if (d->file != NULL) {
        fclose(d->file);
        d->file = NULL;
    }
    free(buf);
    return NULL;
}

static int download_open_locked(LONG h) {
    return h >= 0 && h < PB_MAX_DOWNLOADS && pb.downloads[h].state == DL_OPEN;
}

FAKE_API BOOL NET_DVR_PlayBackControl_V40(LONG lPlayHandle, DWORD dwControlCode,
                                          void *lpInBuffer, DWORD dwInLen, void *lpOutBuffer,
                                          DWORD *lpOutLen) {
    DWORD code;
    (void)lpInBuffer;
    (void)dwInLen;
    ready();
    lock();
    pb_ready_locked();
    code = begin_initialized_locked(FN_PlayBackControl_V40);
    if (code == 0 && !download_open_locked(lPlayHandle)) {
        code = NET_DVR_ORDER_ERROR; /* measured: 12 for a bad handle, out buffer untouched */
    }
    if (code == 0) {
        pb_download *d = &pb.downloads[lPlayHandle];
        if (dwControlCode == NET_DVR_PLAYSTART) {
            if (!d->started) {
                if (pthread_create(&d->thread, NULL, download_thread, d) != 0) {
                    code = NET_DVR_ALLOC_RESOURCE_ERROR;
                } else {
                    d->started = 1;
                    pb.downloads_started++;
                }
            }
        } else if (dwControlCode == NET_DVR_PLAYGETPOS) {
            if (lpOutBuffer == NULL) {
                code = NET_DVR_PARAMETER_ERROR;
            } else {
                *(DWORD *)lpOutBuffer = (DWORD)d->pos;
                if (lpOutLen != NULL) {
                    *lpOutLen = sizeof(DWORD);
                }
            }
        } else {
            code = NET_DVR_PARAMETER_ERROR; /* the fake knows only these two */
        }
    }
    unlock();
    return code != 0 ? fail_bool(code) : ok_bool();
}

FAKE_API LONG NET_DVR_GetDownloadPos(LONG lFileHandle) {
    DWORD code;
    LONG pos = -1;
    ready();
    lock();
    pb_ready_locked();
    code = begin_initialized_locked(FN_GetDownloadPos);
    if (code == 0 && !download_open_locked(lFileHandle)) {
        code = NET_DVR_ORDER_ERROR;
    }
    if (code == 0) {
        pos = pb.downloads[lFileHandle].pos;
    }
    unlock();
    if (code != 0) {
        set_last_error(code);
        return -1;
    }
    set_last_error(NET_DVR_NOERROR);
    return pos;
}

/* Ends download h (state DL_STOPPING, lock NOT held): joins its thread, closes its file. */
static void finish_download(pb_download *d) {
    if (d->started) {
        pthread_join(d->thread, NULL);
    } else if (d->file != NULL) {
        fclose(d->file);
        d->file = NULL;
    }
    lock();
    d->state = DL_FREE;
    pb.downloads_open--;
    unlock();
}

FAKE_API BOOL NET_DVR_StopGetFile(LONG lFileHandle) {
    pb_download *d = NULL;
    ready();
    lock();
    (void)enter_locked(FN_StopGetFile);
    if (g.initialized && download_open_locked(lFileHandle)) {
        d = &pb.downloads[lFileHandle];
        d->state = DL_STOPPING;
        d->stop = 1;
    }
    unlock();
    if (d == NULL) {
        return fail_stale_handle();
    }
    finish_download(d);
    return ok_bool();
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
        finish_download(stopping[h]);
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

FAKE_API long long fake_playback_content(int channel, const pb_time *from, const pb_time *to,
                                         unsigned char *buf, long long cap) {
    long long a, b, total, sec, index = 0, bps;
    if (from == NULL || to == NULL || !wall_seconds(from, &a) || !wall_seconds(to, &b) || a >= b) {
        return -1;
    }
    ready();
    lock();
    pb_ready_locked();
    bps = pb.record_bps;
    unlock();
    total = recorded_seconds(a, b) * bps;
    if (buf != NULL && cap > 0) {
        sec = a;
        generate(channel, bps, &sec, &index, buf, cap < total ? cap : total);
    }
    return total;
}

/* ---- layouts as compiled ---------------------------------------------------------------------- */
#define PB_FIELD(type, member) {#type, #member, offsetof(type, member)}
static const struct {
    const char *type, *field;
    size_t offset;
} k_pb_fields[] = {
    PB_FIELD(NET_DVR_FILECOND_V40, lChannel),
    PB_FIELD(NET_DVR_FILECOND_V40, dwFileType),
    PB_FIELD(NET_DVR_FILECOND_V40, dwIsLocked),
    PB_FIELD(NET_DVR_FILECOND_V40, dwUseCardNo),
    PB_FIELD(NET_DVR_FILECOND_V40, sCardNumber),
    PB_FIELD(NET_DVR_FILECOND_V40, struStartTime),
    PB_FIELD(NET_DVR_FILECOND_V40, struStopTime),
    PB_FIELD(NET_DVR_FILECOND_V40, byDrawFrame),
    PB_FIELD(NET_DVR_FILECOND_V40, byFindType),
    PB_FIELD(NET_DVR_FILECOND_V40, byQuickSearch),
    PB_FIELD(NET_DVR_FILECOND_V40, bySpecialFindInfoType),
    PB_FIELD(NET_DVR_FILECOND_V40, dwVolumeNum),
    PB_FIELD(NET_DVR_FILECOND_V40, byWorkingDeviceGUID),
    PB_FIELD(NET_DVR_FILECOND_V40, uSpecialFindInfo),
    PB_FIELD(NET_DVR_FILECOND_V40, byStreamType),
    PB_FIELD(NET_DVR_FILECOND_V40, byAudioFile),
    PB_FIELD(NET_DVR_FILECOND_V40, byRes2),
    PB_FIELD(NET_DVR_FINDDATA_V40, sFileName),
    PB_FIELD(NET_DVR_FINDDATA_V40, struStartTime),
    PB_FIELD(NET_DVR_FINDDATA_V40, struStopTime),
    PB_FIELD(NET_DVR_FINDDATA_V40, dwFileSize),
    PB_FIELD(NET_DVR_FINDDATA_V40, sCardNum),
    PB_FIELD(NET_DVR_FINDDATA_V40, byLocked),
    PB_FIELD(NET_DVR_FINDDATA_V40, byFileType),
    PB_FIELD(NET_DVR_FINDDATA_V40, byQuickSearch),
    PB_FIELD(NET_DVR_FINDDATA_V40, byRes),
    PB_FIELD(NET_DVR_FINDDATA_V40, dwFileIndex),
    PB_FIELD(NET_DVR_FINDDATA_V40, byStreamType),
    PB_FIELD(NET_DVR_FINDDATA_V40, byRes1),
    PB_FIELD(NET_DVR_PLAYCOND, dwChannel),
    PB_FIELD(NET_DVR_PLAYCOND, struStartTime),
    PB_FIELD(NET_DVR_PLAYCOND, struStopTime),
    PB_FIELD(NET_DVR_PLAYCOND, byDrawFrame),
    PB_FIELD(NET_DVR_PLAYCOND, byStreamType),
    PB_FIELD(NET_DVR_PLAYCOND, byStreamID),
    PB_FIELD(NET_DVR_PLAYCOND, byCourseFile),
    PB_FIELD(NET_DVR_PLAYCOND, byDownload),
    PB_FIELD(NET_DVR_PLAYCOND, byOptimalStreamType),
    PB_FIELD(NET_DVR_PLAYCOND, byVODFileType),
    PB_FIELD(NET_DVR_PLAYCOND, byRes),
};

FAKE_API int fake_playback_sizeof(const char *struct_name) {
    if (struct_name == NULL) {
        return -1;
    }
    if (strcmp(struct_name, "NET_DVR_FILECOND_V40") == 0) {
        return (int)sizeof(NET_DVR_FILECOND_V40);
    }
    if (strcmp(struct_name, "NET_DVR_FINDDATA_V40") == 0) {
        return (int)sizeof(NET_DVR_FINDDATA_V40);
    }
    if (strcmp(struct_name, "NET_DVR_PLAYCOND") == 0) {
        return (int)sizeof(NET_DVR_PLAYCOND);
    }
    if (strcmp(struct_name, "NET_DVR_TIME") == 0) {
        return (int)sizeof(pb_time);
    }
    return -1;
}

FAKE_API int fake_playback_offsetof(const char *struct_name, const char *field) {
    size_t i;
    if (struct_name == NULL || field == NULL) {
        return -1;
    }
    for (i = 0; i < sizeof k_pb_fields / sizeof k_pb_fields[0]; i++) {
        if (strcmp(k_pb_fields[i].type, struct_name) == 0 &&
            strcmp(k_pb_fields[i].field, field) == 0) {
            return (int)k_pb_fields[i].offset;
        }
    }
    return -1;
}
