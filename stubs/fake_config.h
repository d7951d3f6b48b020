/*
 * fake_config.h - the device-configuration and snapshot areas of the fake HCNetSDK: their SDK
 * structs, their exported functions (SDK and control), and what their two files share
 * (fake_config.c, fake_snapshot.c). It extends fake_hcnetsdk.h: what is FAKE_API here is
 * exported, nothing else.
 *
 * Layouts (sdk-facts-features.md 3 and 4.2, x86_64 Linux, natural alignment): NET_DVR_JPEGPARA
 * (4), NET_DVR_DEVICECFG_V40 (180), NET_DVR_TIME (24), NET_DVR_IPADDR (144), and the IP-channel
 * structs whose sizes the facts give (NET_DVR_IPPARACFG_V40 50792, NET_DVR_IPDEVINFO_V31 296,
 * NET_DVR_STREAM_MODE 496) with their fields as the 6.1.9.x header declares them.
 * NET_DVR_PICCFG_V40 (77140 bytes; the channel name at offset 4) is not in the facts: its size
 * and that offset come from compiling the same 6.1.9.x header; the fields after the name are
 * kept opaque. _Static_asserts in fake_config.c pin all of them.
 */
#ifndef FAKE_CONFIG_H
#define FAKE_CONFIG_H

#include "fake_internal.h"

/* ---- SDK: constants --------------------------------------------------------------------------- */
#define NET_DVR_GET_TIMECFG 118
#define NET_DVR_SET_TIMECFG 119
#define NET_DVR_GET_IPPARACFG_V40 1062
#define NET_DVR_SET_IPPARACFG_V40 1063
#define NET_DVR_GET_DEVICECFG_V40 1100
#define NET_DVR_SET_DEVICECFG_V40 1101
#define NET_DVR_GET_PICCFG_V40 6179 /* the header's value; not in the facts */
#define NET_DVR_CHANNEL_ERROR 4
#define NET_DVR_NOSUPPORT 23
#define NET_DVR_NOENOUGH_BUF 43
#define CFG_NAME_LEN 32            /* NAME_LEN */
#define PASSWD_LEN_V31 16          /* PASSWD_LEN inside NET_DVR_IPDEVINFO_V31 */
#define MAX_DOMAIN_NAME 64
#define DEV_ID_LEN 32
#define DEV_TYPE_NAME_LEN 24
#define MAX_IP_DEVICE_V40 64

/* ---- SDK: structs ---------------------------------------------------------------------------- */
typedef struct {
    WORD wPicSize;    /* 0xff: the stream's current resolution; else a code of the header */
    WORD wPicQuality; /* 0 best, 1 better, 2 average */
} NET_DVR_JPEGPARA, *LPNET_DVR_JPEGPARA;

typedef struct {
    DWORD dwSize;
    BYTE sDVRName[CFG_NAME_LEN];
    DWORD dwDVRID;
    DWORD dwRecycleRecord;
    BYTE sSerialNumber[SERIALNO_LEN];
    DWORD dwSoftwareVersion;   /* V<byte 3>.<byte 2>.<low word> */
    DWORD dwSoftwareBuildDate; /* 0xYYYYMMDD (the year as the device writes it, often 2 digits) */
    DWORD dwDSPSoftwareVersion;
    DWORD dwDSPSoftwareBuildDate;
    DWORD dwPanelVersion;
    DWORD dwHardwareVersion;
    BYTE byAlarmInPortNum;
    BYTE byAlarmOutPortNum;
    BYTE byRS232Num;
    BYTE byRS485Num;
    BYTE byNetworkPortNum;
    BYTE byDiskCtrlNum;
    BYTE byDiskNum;
    BYTE byDVRType;
    BYTE byChanNum;
    BYTE byStartChan;
    BYTE byDecordChans;
    BYTE byVGANum;
    BYTE byUSBNum;
    BYTE byAuxoutNum;
    BYTE byAudioNum;
    BYTE byIPChanNum;
    BYTE byZeroChanNum;
    BYTE bySupport;
    BYTE byEsataUseage;
    BYTE byIPCPlug;
    BYTE byStorageMode;
    BYTE bySupport1;
    WORD wDevType;
    BYTE byDevTypeName[DEV_TYPE_NAME_LEN];
    BYTE bySupport2;
    BYTE byAnalogAlarmInPortNum;
    BYTE byStartAlarmInNo;
    BYTE byStartAlarmOutNo;
    BYTE byStartIPAlarmInNo;
    BYTE byStartIPAlarmOutNo;
    BYTE byHighIPChanNum;
    BYTE byEnableRemotePowerOn;
    WORD wDevClass;
    BYTE byRes2[6];
} NET_DVR_DEVICECFG_V40, *LPNET_DVR_DEVICECFG_V40;

typedef struct {
    DWORD dwYear;
    DWORD dwMonth;
    DWORD dwDay;
    DWORD dwHour;
    DWORD dwMinute;
    DWORD dwSecond;
} NET_DVR_TIME, *LPNET_DVR_TIME;

typedef struct {
    char sIpV4[16];
    BYTE byIPv6[128];
} NET_DVR_IPADDR, *LPNET_DVR_IPADDR;

typedef struct {
    BYTE byEnable; /* the IP device is valid */
    BYTE byProType;
    BYTE byEnableQuickAdd;
    BYTE byCameraType;
    BYTE sUserName[CFG_NAME_LEN];
    BYTE sPassword[PASSWD_LEN_V31];
    BYTE byDomain[MAX_DOMAIN_NAME];
    NET_DVR_IPADDR struIP;
    WORD wDVRPort;
    BYTE szDeviceID[DEV_ID_LEN];
    BYTE byEnableTiming;
    BYTE byCertificateValidation;
} NET_DVR_IPDEVINFO_V31, *LPNET_DVR_IPDEVINFO_V31;

typedef struct {
    BYTE byEnable;   /* the channel is online */
    BYTE byIPID;     /* IP device id, low 8 bits: struIPDevInfo[id - 1]; 0: no device */
    BYTE byChannel;  /* the channel number on the IP device */
    BYTE byIPIDHigh; /* IP device id, high 8 bits */
    BYTE byTransProtocol;
    BYTE byGetStream;
    BYTE byres[30];
} NET_DVR_IPCHANINFO, *LPNET_DVR_IPCHANINFO;

typedef union {
    NET_DVR_IPCHANINFO struChanInfo; /* byGetStreamType 0: straight from the device */
    DWORD dwOther[123];              /* the other members (not modelled): 492 bytes, align 4 */
} NET_DVR_GET_STREAM_UNION;

typedef struct {
    BYTE byGetStreamType;
    BYTE byRes[3];
    NET_DVR_GET_STREAM_UNION uGetStream;
} NET_DVR_STREAM_MODE, *LPNET_DVR_STREAM_MODE;

typedef struct {
    DWORD dwSize;
    DWORD dwGroupNum;
    DWORD dwAChanNum;
    DWORD dwDChanNum;
    DWORD dwStartDChan;
    BYTE byAnalogChanEnable[MAX_CHANNUM_V30];
    NET_DVR_IPDEVINFO_V31 struIPDevInfo[MAX_IP_DEVICE_V40];
    NET_DVR_STREAM_MODE struStreamMode[MAX_CHANNUM_V30];
    BYTE byRes2[20];
} NET_DVR_IPPARACFG_V40, *LPNET_DVR_IPPARACFG_V40;

typedef struct {
    DWORD dwSize;
    BYTE sChanName[CFG_NAME_LEN];
    BYTE byOpaque[77140 - 36]; /* video format, OSD, alarms ...: not modelled */
} NET_DVR_PICCFG_V40, *LPNET_DVR_PICCFG_V40;

/* ---- SDK functions (fake_config.c, fake_snapshot.c) ---------------------------------------- */
FAKE_API BOOL NET_DVR_GetDVRConfig(LONG lUserID, DWORD dwCommand, LONG lChannel, void *lpOutBuffer,
                                   DWORD dwOutBufferSize, DWORD *lpBytesReturned);
FAKE_API BOOL NET_DVR_SetDVRConfig(LONG lUserID, DWORD dwCommand, LONG lChannel, void *lpInBuffer,
                                   DWORD dwInBufferSize);
FAKE_API BOOL NET_DVR_RebootDVR(LONG lUserID);
FAKE_API BOOL NET_DVR_CaptureJPEGPicture_NEW(LONG lUserID, LONG lChannel,
                                             LPNET_DVR_JPEGPARA lpJpegPara, char *sJpegPicBuffer,
                                             DWORD dwPicSize, DWORD *lpSizeReturned);

/* ---- control API ------------------------------------------------------------------------------ */
/* Snapshot answers of a device (fake_snapshot_set_mode). */
#define FAKE_SNAPSHOT_JPEG 0     /* a real baseline JPEG, different per channel */
#define FAKE_SNAPSHOT_NOT_JPEG 1 /* success, but an HTML error page instead of a picture */
#define FAKE_SNAPSHOT_EMPTY 2    /* success with 0 bytes */
#define FAKE_SNAPSHOT_LARGE 3    /* a real JPEG padded with comments to `size` bytes */

/* fake_config.c: 0 or a FAKE_ERR_ code (-1 no device, -2 unknown field, -3 a value refused) */
FAKE_API int fake_config_set_text(int dev, const char *field, const void *data, int len);
FAKE_API int fake_config_set_channel(int dev, int channel, const void *name, int len, int online);
FAKE_API int fake_config_set_time_offset(int dev, long long seconds);
/* fake_snapshot.c */
FAKE_API int fake_snapshot_set_mode(int dev, int mode, int size);

/* ---- shared by the two files, hidden ------------------------------------------------------- */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

#define CFG_MAX_ANALOG 64
#define CFG_MAX_IP 64
#define CFG_MAX_PICTURE (64 * 1024 * 1024)

typedef struct {
    unsigned generation; /* of the device it describes; 0: not set up yet */
    BYTE name[CFG_NAME_LEN];
    BYTE model[DEV_TYPE_NAME_LEN];
    long long time_offset; /* device clock minus the host's local clock, seconds */
    BYTE analog_names[CFG_MAX_ANALOG][CFG_NAME_LEN];
    BYTE ip_names[CFG_MAX_IP][CFG_NAME_LEN];
    BYTE ip_online[CFG_MAX_IP];
    int snapshot_mode;
    int snapshot_size;
    long long reboots;
} cfg_device;

/* The configuration of device `dev`, set up from its login info on first use. Lock held. */
cfg_device *cfg_for_locked(int dev);

/* The checks of a user-id function (sdk-facts-features.md 1.4): 17 outside 0..2047, 47 not
 * logged in, 7 the device left the site; else 0 and the device's handle. Lock held. */
DWORD user_device_locked(LONG user_id, int *dev);

/* Index of `channel` on the device: 0..63 analog (*is_ip 0), 0..63 IP (*is_ip 1); -1 none. */
int channel_slot(const fake_device *d, LONG channel, int *is_ip);

/* The recorded state (fake_get_int keys "last_snapshot_*"). Lock held. */
typedef struct {
    long long calls_ok;
    long long channel;
    long long size;
    long long quality;
    long long buffer;
} snapshot_record;
extern snapshot_record g_snapshot;

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* FAKE_CONFIG_H */
