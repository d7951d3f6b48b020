/*
 * fake_download.c - the playback area's downloads (fake_playback.h): NET_DVR_GetFileByTime_V40,
 * NET_DVR_GetFileByName, NET_DVR_PlayBackControl_V40, NET_DVR_GetDownloadPos,
 * NET_DVR_StopGetFile, and the writer thread of each started download (fake_playback.c says what
 * they write and when).
 */
#include "fake_internal.h"

#include "fake_playback.h"

#include <stdlib.h>
#include <string.h>

/* ---- downloads -------------------------------------------------------------------------------- */
/* A download of channel over [from, to) from the user's device: the seconds its own index covers
 * (own: its generation), or the rule's. */
static LONG open_download_locked(LONG user, const char *path, int channel, long long from,
                                 long long to, unsigned own, DWORD *code) {
    int h;
    FILE *file;
    pb_download *d;
    pb_cursor cursor;
    long long seconds;
    for (h = 0; h < PB_MAX_DOWNLOADS && pb.downloads[h].state != DL_FREE; h++) {
    }
    if (h == PB_MAX_DOWNLOADS) {
        *code = NET_DVR_MAX_NUM;
        return -1;
    }
    if (pb_open_cursor_locked(g.slot_device[user], own, channel, from, to, &cursor, &seconds) !=
        0) {
        *code = NET_DVR_ALLOC_RESOURCE_ERROR;
        return -1;
    }
    file = fopen(path, "wb");
    if (file == NULL) {
        free(cursor.spans);
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
    d->bps = pb.record_bps;
    d->total = seconds * d->bps;
    d->file = file;
    d->cursor = cursor;
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
        code = pb_check_user_locked(lUserID);
    }
    if (code == 0 && (!pb_wall_seconds(&pDownloadCond->struStartTime, &from) ||
                      !pb_wall_seconds(&pDownloadCond->struStopTime, &to) || from >= to)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) {
        h = open_download_locked(lUserID, sSavedFileName, (int)pDownloadCond->dwChannel, from,
                                 to, pb_own_index_locked(g.slot_device[lUserID]), &code);
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
    unsigned y = 0, mo = 0, d = 0, hh = 0, own;
    ready();
    lock();
    pb_ready_locked();
    code = begin_initialized_locked(FN_GetFileByName);
    if (code == 0 && (sDVRFileName == NULL || sSavedFileName == NULL)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) {
        code = pb_check_user_locked(lUserID);
    }
    own = code == 0 ? pb_own_index_locked(g.slot_device[lUserID]) : 0;
    if (own) { /* a file of the device's own index, by its exact name */
        const pb_file *f = pb_file_named_locked(g.slot_device[lUserID], own, sDVRFileName);
        if (f == NULL) {
            code = NET_DVR_NOSPECFILE;
        } else {
            h = open_download_locked(lUserID, sSavedFileName, f->channel, f->from, f->to, own,
                                     &code);
        }
    } else if (code == 0) {
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
            if (!pb_wall_seconds(&t, &start) || !pb_slot_recorded(start / 3600)) {
                code = NET_DVR_NOSPECFILE;
            } else {
                pb_slot_name(channel, start / 3600, canonical, sizeof canonical);
                if (strcmp(canonical, sDVRFileName) != 0) {
                    code = NET_DVR_NOSPECFILE;
                } else {
                    h = open_download_locked(lUserID, sSavedFileName, channel, start,
                                             start + 3600, 0, &code);
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
        long long chunk, n;
        int chunk_ms, done = 0, aborted = 0;
        lock();
        chunk_ms = pb.chunk_ms;
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
                pb_generate(d->channel, d->bps, &d->cursor, buf, n);
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
void pb_finish_download(pb_download *d) {
    if (d->started) {
        pthread_join(d->thread, NULL);
    } else if (d->file != NULL) {
        fclose(d->file);
        d->file = NULL;
    }
    free(d->cursor.spans);
    d->cursor.spans = NULL;
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
    pb_finish_download(d);
    return ok_bool();
}

