/*
 * fake_playback.h - the playback area of the fake SDK: the recording search
 * (NET_DVR_FindFile_V40, NET_DVR_FindNextFile_V40, NET_DVR_FindClose_V30) and downloads
 * (NET_DVR_GetFileByTime_V40, NET_DVR_GetFileByName, NET_DVR_PlayBackControl_V40,
 * NET_DVR_GetDownloadPos, NET_DVR_StopGetFile), with the structs of sdk-facts-features.md 7.1
 * (their layouts are checked in fake_playback.c) and the area's control API.
 *
 * Included by fake_playback.c only (after fake_internal.h); the exported declarations are
 * FAKE_API like those of fake_hcnetsdk.h. NET_DVR_TIME is declared here under a name of the
 * area's own (pb_time, same layout) so that another area may declare NET_DVR_TIME itself.
 */
#ifndef FAKE_PLAYBACK_H
#define FAKE_PLAYBACK_H

#include "fake_hcnetsdk.h"

#ifdef __cplusplus
extern "C" {
#endif

/* NET_DVR_TIME: 24 bytes, align 4 (sdk-facts-features.md 4.2). */
typedef struct {
    DWORD dwYear;
    DWORD dwMonth;
    DWORD dwDay;
    DWORD dwHour;
    DWORD dwMinute;
    DWORD dwSecond;
} pb_time;

/* FindNextFile_V40 statuses (sdk-facts-features.md 12). */
#define NET_DVR_FILE_SUCCESS 1000
#define NET_DVR_FILE_NOFIND 1001
#define NET_DVR_ISFINDING 1002
#define NET_DVR_NOMOREFILE 1003
#define NET_DVR_FILE_EXCEPTION 1004

/* PlayBackControl_V40 codes used (7.2) */
#define NET_DVR_PLAYSTART 1
#define NET_DVR_PLAYGETPOS 13

#define NET_DVR_NOSPECFILE 33       /* GetFileByName: no such file on the device */
#define NET_DVR_CREATEFILE_ERROR 34 /* the local file cannot be created */

typedef struct {
    BYTE byTransactionType;
    BYTE byRes[3];
    DWORD dwTransationAmount;
} NET_DVR_ATMFINDINFO;

typedef union {
    BYTE byLenth[8];
    NET_DVR_ATMFINDINFO struATMFindInfo;
} NET_DVR_SPECIAL_FINDINFO_UNION;

/* 160 bytes, align 4 */
typedef struct {
    LONG lChannel;
    DWORD dwFileType;
    DWORD dwIsLocked;
    DWORD dwUseCardNo;
    BYTE sCardNumber[32];
    pb_time struStartTime;
    pb_time struStopTime;
    BYTE byDrawFrame;
    BYTE byFindType;
    BYTE byQuickSearch;
    BYTE bySpecialFindInfoType;
    DWORD dwVolumeNum;
    BYTE byWorkingDeviceGUID[16];
    NET_DVR_SPECIAL_FINDINFO_UNION uSpecialFindInfo;
    BYTE byStreamType;
    BYTE byAudioFile;
    BYTE byRes2[30];
} NET_DVR_FILECOND_V40, *LPNET_DVR_FILECOND_V40;

/* 320 bytes, align 4 */
typedef struct {
    char sFileName[100];
    pb_time struStartTime;
    pb_time struStopTime;
    DWORD dwFileSize;
    char sCardNum[32];
    BYTE byLocked;
    BYTE byFileType;
    BYTE byQuickSearch;
    BYTE byRes;
    DWORD dwFileIndex;
    BYTE byStreamType;
    BYTE byRes1[127];
} NET_DVR_FINDDATA_V40, *LPNET_DVR_FINDDATA_V40;

/* 116 bytes, align 4 */
typedef struct {
    DWORD dwChannel;
    pb_time struStartTime;
    pb_time struStopTime;
    BYTE byDrawFrame;
    BYTE byStreamType;
    BYTE byStreamID[32];
    BYTE byCourseFile;
    BYTE byDownload;
    BYTE byOptimalStreamType;
    BYTE byVODFileType;
    BYTE byRes[26];
} NET_DVR_PLAYCOND, *LPNET_DVR_PLAYCOND;

/* ---- SDK functions (fake_playback.c) ---- */
FAKE_API LONG NET_DVR_FindFile_V40(LONG lUserID, LPNET_DVR_FILECOND_V40 pFindCond);
FAKE_API LONG NET_DVR_FindNextFile_V40(LONG lFindHandle, LPNET_DVR_FINDDATA_V40 lpFindData);
FAKE_API BOOL NET_DVR_FindClose_V30(LONG lFindHandle);
FAKE_API LONG NET_DVR_GetFileByTime_V40(LONG lUserID, char *sSavedFileName,
                                        LPNET_DVR_PLAYCOND pDownloadCond);
FAKE_API LONG NET_DVR_GetFileByName(LONG lUserID, char *sDVRFileName, char *sSavedFileName);
FAKE_API BOOL NET_DVR_PlayBackControl_V40(LONG lPlayHandle, DWORD dwControlCode,
                                          void *lpInBuffer, DWORD dwInLen, void *lpOutBuffer,
                                          DWORD *lpOutLen);
FAKE_API LONG NET_DVR_GetDownloadPos(LONG lFileHandle);
FAKE_API BOOL NET_DVR_StopGetFile(LONG lFileHandle);

/* ---- control API (not part of the real SDK) ---- */
/* A setting by name (README.md, "Playback"): 0, FAKE_ERR_NO_FIELD or FAKE_ERR_VALUE. */
FAKE_API int fake_playback_set(const char *key, long long value);
/* The bytes a download of channel over [from, to) writes on device dev (its own index, or the
 * rule; dev -1: the rule): their count; with buf, at most cap of them are copied into it.
 * FAKE_ERR_VALUE for a bad range, FAKE_ERR_NO_DEVICE for no device dev. */
FAKE_API long long fake_playback_content(int dev, int channel, const pb_time *from,
                                         const pb_time *to, unsigned char *buf, long long cap);
/* A file of device dev's own index (fake_recindex.c): channel, [from, to) (at most
 * PB_MAX_FILE_SECONDS), type (byFileType 0..255), locked (0/1), name (1..99 bytes). The device
 * answers from its own index from now on. 0, FAKE_ERR_NO_DEVICE, FAKE_ERR_NO_CHANNEL (not one of
 * the device's), FAKE_ERR_EXISTS (a file of that name on the device), FAKE_ERR_VALUE or
 * FAKE_ERR_RESOURCE (PB_MAX_FILES files on the site). */
FAKE_API int fake_playback_add_file(int dev, int channel, const pb_time *from, const pb_time *to,
                                    int type, int locked, const char *name);
/* Forget device dev's files; own 1: it keeps an own (now empty) index, 0: it uses the rule. */
FAKE_API int fake_playback_own_index(int dev, int own);
/* Layouts as compiled, for the area's structs: -1 if unknown. */
FAKE_API int fake_playback_sizeof(const char *struct_name);
FAKE_API int fake_playback_offsetof(const char *struct_name, const char *field);

#ifdef __cplusplus
}
#endif

/* ---- what the area's files share (fake_playback.c, fake_download.c); hidden ---- */
#include <pthread.h> /* before the visibility push: system headers stay default */
#include <stdio.h>

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

#define PB_MAX_SEARCHES 512 /* NET_DVR_SDKABL.dwMaxFileSearchNum */
#define PB_MAX_DOWNLOADS 256
#define PB_GAP_FIRST 3 /* hours 03:00..04:59 are not recorded */
#define PB_GAP_LAST 4
#define PB_LOCKED_HOUR 8
#define PB_MOTION_HOUR 10
#define PB_ALARM_HOUR 20
#define PB_MAX_RATE 1000000000LL
#define PB_MAX_BPS 1000000LL /* a 3600 s file must fit dwFileSize */
#define PB_MAX_FILES 4096      /* files of the devices' own indexes, all devices together */
#define PB_MAX_FILE_SECONDS 86400
#define PB_NAME_CAP 100        /* sFileName */

/* A file of a device's own index (fake_recindex.c). */
typedef struct {
    int dev;
    unsigned generation; /* the device's when added: a device re-added has none of them */
    int channel;
    long long from, to;  /* wall seconds, [from, to) */
    int type, locked;
    long long seq;       /* order of adding */
    char name[PB_NAME_CAP];
} pb_file;

/* Where a download's content is: a second and the byte within it, and for a device with its
 * own index the seconds covered ([a, b) pairs, sorted and disjoint; NULL: the rule's hours). */
typedef struct {
    long long sec, index;
    long long *spans; /* malloc'd; freed when the download is finished */
    int span_count, span_at;
} pb_cursor;

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
    unsigned own;        /* the device's generation if it answers from its own index, else 0 */
    int dev;
    long long last_from, last_seq; /* own index: the last file answered (from, seq) */
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
    long long bps;   /* record_bps when opened */
    pb_cursor cursor; /* the thread's */
} pb_download;

typedef struct {
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
    /* the devices' own indexes (fake_recindex.c) */
    pb_file files[PB_MAX_FILES];
    int file_count;
    long long file_seq;
    unsigned own_index[FAKE_MAX_DEVICES]; /* the device's generation when it has its own */
} pb_state;

extern pb_state pb; /* touch only with lock() held */

void pb_defaults_locked(void);
void pb_ready_locked(void); /* the defaults at the first use */
/* 1 and the seconds of the device's clock since 1970 of a valid time (1970..2100), else 0. */
int pb_wall_seconds(const pb_time *t, long long *out);
void pb_to_time(long long s, pb_time *t);
int pb_slot_recorded(long long slot); /* slot: an hour of the clock, seconds / 3600 */
int pb_slot_type(long long slot);
int pb_slot_locked(long long slot);
void pb_slot_name(int channel, long long slot, char *out, size_t cap);
long long pb_recorded_seconds(long long from, long long to); /* in [from, to) */
/* n bytes of channel's recording from the cursor, skipping what is not recorded. */
void pb_generate(int channel, long long bps, pb_cursor *c, unsigned char *buf, long long n);
/* fake_recindex.c (lock held): the generation of dev if it answers from its own index, else 0;
 * the next file of an own-index search (NULL: none left); a cursor at from over what channel
 * recorded in [from, to) (generation 0: the rule; else the device's own index, as spans) and
 * the recorded seconds: 0, or -1 without memory. */
unsigned pb_own_index_locked(int dev);
const pb_file *pb_next_file_locked(pb_search *s);
const pb_file *pb_file_named_locked(int dev, unsigned generation, const char *name);
int pb_open_cursor_locked(int dev, unsigned generation, int channel, long long from,
                          long long to, pb_cursor *c, long long *seconds);
DWORD pb_check_user_locked(LONG user); /* 0, 17 out of range, 47 not logged in */
void pb_finish_download(pb_download *d); /* joins, closes, frees (state DL_STOPPING, no lock) */

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* FAKE_PLAYBACK_H */
