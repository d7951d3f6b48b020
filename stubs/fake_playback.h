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
/* The bytes a download of channel over [from, to) writes (a file's range for a download by
 * name): their count; with buf, at most cap of them are copied into it. -1 for a bad range. */
FAKE_API long long fake_playback_content(int channel, const pb_time *from, const pb_time *to,
                                         unsigned char *buf, long long cap);
/* Layouts as compiled, for the area's structs: -1 if unknown. */
FAKE_API int fake_playback_sizeof(const char *struct_name);
FAKE_API int fake_playback_offsetof(const char *struct_name, const char *field);

#ifdef __cplusplus
}
#endif

#endif /* FAKE_PLAYBACK_H */
