/*
 * fake_stream.h - the live stream area of the fake HCNetSDK: the SDK's declarations for
 * NET_DVR_RealPlay_V40 / NET_DVR_StopRealPlay (as in the vendor's 6.1.9.x header,
 * sdk-facts-features.md 6) and the area's control API (fake_stream_*). Defined in
 * fake_stream.c; what other areas call (Logout, Init/Cleanup, fake_reset, fake_get_int) is
 * declared in fake_internal.h.
 */
#ifndef FAKE_STREAM_H
#define FAKE_STREAM_H

#include "fake_hcnetsdk.h"

#ifdef __cplusplus
extern "C" {
#endif

#define STREAM_ID_LEN 32

/* dwDataType of the data callback (sdk-facts-features.md 6) */
#define NET_DVR_SYSHEAD 1
#define NET_DVR_STREAMDATA 2
#define NET_DVR_AUDIOSTREAMDATA 3
#define NET_DVR_PRIVATE_DATA 112

#define NET_DVR_CHANNEL_ERROR 4

/* NET_DVR_PREVIEWINFO: 280 bytes, alignment 4 (hPlayWnd is an unsigned int on Linux). */
typedef struct tagNET_DVR_PREVIEWINFO {
    LONG lChannel;
    DWORD dwStreamType;
    DWORD dwLinkMode;
    unsigned int hPlayWnd;
    DWORD bBlocked;
    DWORD bPassbackRecord;
    BYTE byPreviewMode;
    BYTE byStreamID[STREAM_ID_LEN];
    BYTE byProtoType;
    BYTE byRes1;
    BYTE byVideoCodingType;
    DWORD dwDisplayBufNum;
    BYTE byNPQMode;
    BYTE byRecvMetaData;
    BYTE byDataType;
    BYTE byRes[213];
} NET_DVR_PREVIEWINFO, *LPNET_DVR_PREVIEWINFO;

typedef void (*REALDATACALLBACK)(LONG lPlayHandle, DWORD dwDataType, BYTE *pBuffer,
                                 DWORD dwBufSize, void *pUser);

FAKE_API LONG NET_DVR_RealPlay_V40(LONG lUserID, LPNET_DVR_PREVIEWINFO lpPreviewInfo,
                                   REALDATACALLBACK fRealDataCallBack_V30, void *pUser);
FAKE_API BOOL NET_DVR_StopRealPlay(LONG lRealHandle);

/* ---- control API (fake_stream.c) ---- */
#define FAKE_STREAM_HEADER_SIZE 40 /* the system header: "IMKH" and 36 bytes */
#define FAKE_STREAM_MAX_PACKET 65536

/* What streams started from now on send: a system header, then `packets` data packets (0: no
 * end) of `packet_size` bytes (64..65536) paced at `bits_per_second` (0: as fast as the
 * callback returns); one NET_DVR_PRIVATE_DATA packet after every `private_every` data packets
 * (0: none); the first `record_limit` bytes delivered are kept for fake_stream_sent. 0 or
 * FAKE_ERR_VALUE. */
FAKE_API int fake_stream_config(long long bits_per_second, int packet_size, long long packets,
                                long long record_limit, int private_every);
/* A recorded value of the stream with that handle (kept after it stopped, until the handle is
 * reused or the fake reset): "open", "running", "done", "packets", "bytes", "channel",
 * "stream_type", "link_mode", "play_wnd", "blocked", "user", "callback", "recorded",
 * "after_stop" (callbacks started after StopRealPlay returned: always 0). INT64_MIN for an
 * unknown handle or key. */
FAKE_API long long fake_stream_get(int handle, const char *key);
/* Copies up to cap bytes of what the stream delivered (its first record_limit bytes) into out;
 * the number recorded, or -1 for an unknown handle. */
FAKE_API long long fake_stream_sent(int handle, void *out, long long cap);
/* 0 once the stream's thread has ended (all packets sent, or stopped); -1 after timeout_ms
 * (negative: no limit) or for an unknown handle. */
FAKE_API int fake_stream_wait_done(int handle, int timeout_ms);

#ifdef __cplusplus
}
#endif

#endif /* FAKE_STREAM_H */
