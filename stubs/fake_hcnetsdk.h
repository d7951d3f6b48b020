/*
 * fake_hcnetsdk.h - declarations of the fake HCNetSDK used by hcnetsdk's tests and simulator.
 *
 * The SDK part mirrors Hikvision's HCNetSDK.h (6.1.9.x) for the functions the binding uses:
 * the same names, C types, calling convention (cdecl on Linux) and struct layouts, written
 * field by field. The control part (functions prefixed fake_) lets a test script devices,
 * failures and latency. See README.md beside this file.
 *
 * This is the library's public face: what is declared FAKE_API here is exported, and nothing
 * else. Each function is defined in the file of its SDK area (fake_core.c, fake_login.c, ...,
 * noted below); what those files share is in fake_internal.h.
 *
 * The fake opens no file and makes no connection; its only I/O is the alarm listener
 * (NET_DVR_StartListen_V30), a real TCP listener as in the real SDK.
 */
#ifndef FAKE_HCNETSDK_H
#define FAKE_HCNETSDK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define FAKE_API __declspec(dllexport)
#elif defined(__GNUC__)
#define FAKE_API __attribute__((visibility("default")))
#else
#define FAKE_API
#endif

/* ---- SDK types: widths as in the vendor header on Linux ---------------------------------- */
typedef int BOOL;       /* 32-bit int, not C99 bool */
typedef int32_t LONG;   /* 32-bit on every platform (the header defines it as int on Linux) */
typedef uint32_t DWORD;
typedef uint16_t WORD;
typedef uint8_t BYTE;

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

#define NET_DVR_DEV_ADDRESS_MAX_LEN 129
#define NET_DVR_LOGIN_USERNAME_MAX_LEN 64
#define NET_DVR_LOGIN_PASSWD_MAX_LEN 64
#define SERIALNO_LEN 48
#define NAME_LEN 32       /* Login_V30: user name limit (the SDK rejects 64+ bytes) */
#define PASSWD_LEN 16     /* Login_V30: password limit (the SDK rejects 17+ bytes) */
#define MAX_LOGIN_USERS 2048

/* Error codes the fake produces by itself (the full list is in header-codes.tsv). */
#define NET_DVR_NOERROR 0
#define NET_DVR_PASSWORD_ERROR 1
#define NET_DVR_NOINIT 3
#define NET_DVR_NETWORK_FAIL_CONNECT 7
#define NET_DVR_PARAMETER_ERROR 17
#define NET_DVR_MAX_NUM 46
#define NET_DVR_USERNOTEXIST 47
#define NET_DVR_USER_LOCKED 153
#define NET_DVR_ORDER_ERROR 12          /* events: a stale handle when the last error was 0 */
#define NET_DVR_ALLOC_RESOURCE_ERROR 41 /* events: no memory or thread for a listener */
#define NET_DVR_CREATESOCKET_ERROR 44   /* events: socket() failed */
#define NET_DVR_SOCKETLISTEN_ERROR 75   /* events: listen() failed */

/* NET_DVR_SetSDKInitCfg types */
#define NET_SDK_INIT_CFG_TYPE_CHECK_MODULE_COM 0
#define NET_SDK_INIT_CFG_ABILITY 1
#define NET_SDK_INIT_CFG_SDK_PATH 2
#define NET_SDK_INIT_CFG_LIBEAY_PATH 3 /* libcrypto */
#define NET_SDK_INIT_CFG_SSLEAY_PATH 4 /* libssl */

/* ---- structs (natural alignment, no #pragma pack) ---------------------------------------- */
typedef struct tagNET_DVR_DEVICEINFO_V30 {
    BYTE sSerialNumber[SERIALNO_LEN];
    BYTE byAlarmInPortNum;
    BYTE byAlarmOutPortNum;
    BYTE byDiskNum;
    BYTE byDVRType;
    BYTE byChanNum;
    BYTE byStartChan;
    BYTE byAudioChanNum;
    BYTE byIPChanNum;
    BYTE byZeroChanNum;
    BYTE byMainProto;
    BYTE bySubProto;
    BYTE bySupport;
    BYTE bySupport1;
    BYTE bySupport2;
    WORD wDevType;
    BYTE bySupport3;
    BYTE byMultiStreamProto;
    BYTE byStartDChan;
    BYTE byStartDTalkChan;
    BYTE byHighDChanNum;
    BYTE bySupport4;
    BYTE byLanguageType;
    BYTE byVoiceInChanNum;
    BYTE byStartVoiceInChanNo;
    BYTE bySupport5;
    BYTE bySupport6;
    BYTE byMirrorChanNum;
    WORD wStartMirrorChanNo;
    BYTE bySupport7;
    BYTE byRes2;
} NET_DVR_DEVICEINFO_V30, *LPNET_DVR_DEVICEINFO_V30;

typedef struct tagNET_DVR_DEVICEINFO_V40 {
    NET_DVR_DEVICEINFO_V30 struDeviceV30;
    BYTE bySupportLock;
    BYTE byRetryLoginTime;
    BYTE byPasswordLevel;
    BYTE byProxyType;
    DWORD dwSurplusLockTime;
    BYTE byCharEncodeType;
    BYTE bySupportDev5;
    BYTE bySupport;
    BYTE byLoginMode;
    DWORD dwOEMCode;
    int iResidualValidity;
    BYTE byResidualValidity;
    BYTE bySingleStartDTalkChan;
    BYTE bySingleDTalkChanNums;
    BYTE byPassWordResetLevel;
    BYTE bySupportStreamEncrypt;
    BYTE byMarketType;
    BYTE byTLSCap;
    BYTE byRes2[237];
} NET_DVR_DEVICEINFO_V40, *LPNET_DVR_DEVICEINFO_V40;

typedef void (*fLoginResultCallBack)(LONG lUserID, DWORD dwResult,
                                     LPNET_DVR_DEVICEINFO_V30 lpDeviceInfo, void *pUser);

typedef struct tagNET_DVR_USER_LOGIN_INFO {
    char sDeviceAddress[NET_DVR_DEV_ADDRESS_MAX_LEN];
    BYTE byUseTransport;
    WORD wPort;
    char sUserName[NET_DVR_LOGIN_USERNAME_MAX_LEN];
    char sPassword[NET_DVR_LOGIN_PASSWD_MAX_LEN];
    fLoginResultCallBack cbLoginResult;
    void *pUser;
    BOOL bUseAsynLogin;
    BYTE byProxyType;
    BYTE byUseUTCTime;
    BYTE byLoginMode;
    BYTE byHttps;
    LONG iProxyID;
    BYTE byVerifyMode;
    BYTE byRes3[119];
} NET_DVR_USER_LOGIN_INFO, *LPNET_DVR_USER_LOGIN_INFO;

/* NET_DVR_SetSDKInitCfg(NET_SDK_INIT_CFG_SDK_PATH, ...) takes this 384-byte struct. */
typedef struct tagNET_DVR_LOCAL_SDK_PATH {
    char sPath[256];
    BYTE byRes[128];
} NET_DVR_LOCAL_SDK_PATH;

/* ---- events: structs (fake_events.c, fake_events_push.c, fake_listen.c) ------------------ */
#define MAX_ALARMOUT_V30 96 /* 32 + 64 */
#define MAX_CHANNUM_V30 64  /* 32 analog + 32 IP */
#define MAX_DISKNUM_V30 33
#define MAX_ISAPI_FILENAME 256

/* MSGCallBack lCommand values (sdk-facts-features.md 5.5) and exception types (5.6). */
#define COMM_ALARM_V30 0x4000
#define COMM_ALARM_V40 0x4007
#define COMM_ISAPI_ALARM 0x6009
#define EXCEPTION_ALARM 0x8002
#define ALARM_RECONNECTSUCCESS 0x8016

/* NET_DVR_SetupAlarmChan_V50's parameter: 148 bytes (dwSize must say so). */
typedef struct tagNET_DVR_SETUPALARM_PARAM_V50 {
    DWORD dwSize;
    BYTE byLevel;
    BYTE byAlarmInfoType;
    BYTE byRetAlarmTypeV40;
    BYTE byRetDevInfoVersion;
    BYTE byRetVQDAlarmType;
    BYTE byFaceAlarmDetection;
    BYTE bySupport;
    BYTE byBrokenNetHttp;
    WORD wTaskNo;
    BYTE byDeployType;
    BYTE bySubScription;
    BYTE byBrokenNetHttpV60;
    BYTE byRes1;
    BYTE byAlarmTypeURL;
    BYTE byCustomCtrl;
    BYTE byRes4[128];
} NET_DVR_SETUPALARM_PARAM_V50, *LPNET_DVR_SETUPALARM_PARAM_V50;

/* Who sent a message: 372 bytes. */
typedef struct tagNET_DVR_ALARMER {
    BYTE byUserIDValid;
    BYTE bySerialValid;
    BYTE byVersionValid;
    BYTE byDeviceNameValid;
    BYTE byMacAddrValid;
    BYTE byLinkPortValid;
    BYTE byDeviceIPValid;
    BYTE bySocketIPValid;
    LONG lUserID;
    BYTE sSerialNumber[SERIALNO_LEN];
    DWORD dwDeviceVersion;
    char sDeviceName[NAME_LEN];
    BYTE byMacAddr[6];
    WORD wLinkPort;
    char sDeviceIP[128];
    char sSocketIP[128];
    BYTE byIpProtocol; /* 0 IPv4, 1 IPv6 */
    BYTE byRes1[2];
    BYTE bJSONBroken;
    WORD wSocketPort;
    BYTE byRes2[6];
} NET_DVR_ALARMER, *LPNET_DVR_ALARMER;

/* COMM_ALARM_V30's payload: 268 bytes. Each flag array is indexed from 0 for number 1. */
typedef struct tagNET_DVR_ALARMINFO_V30 {
    DWORD dwAlarmType;
    DWORD dwAlarmInputNumber;
    BYTE byAlarmOutputNumber[MAX_ALARMOUT_V30];
    BYTE byAlarmRelateChannel[MAX_CHANNUM_V30];
    BYTE byChannel[MAX_CHANNUM_V30];
    BYTE byDiskNumber[MAX_DISKNUM_V30];
} NET_DVR_ALARMINFO_V30, *LPNET_DVR_ALARMINFO_V30;

typedef struct tagNET_DVR_TIME_EX {
    WORD wYear;
    BYTE byMonth;
    BYTE byDay;
    BYTE byHour;
    BYTE byMinute;
    BYTE bySecond;
    BYTE byRes;
} NET_DVR_TIME_EX, *LPNET_DVR_TIME_EX;

/* The fixed part of COMM_ALARM_V40's payload (the SDK's spelling, ALRAM): 152 bytes. The
 * facts pin the union's members by size and offset; the inner names of the members the fake
 * never fills (struRecordingHost ... struAbnormalReboot) are illustrative. */
typedef struct tagNET_DVR_ALRAM_FIXED_HEADER {
    DWORD dwAlarmType;
    NET_DVR_TIME_EX struAlarmTime;
    union {
        BYTE byRes[120];
        struct {
            DWORD dwAlarmInputNo;
            DWORD dwTrigerAlarmOutNum;
            DWORD dwTrigerRecordChanNum;
        } struIOAlarm;
        struct {
            DWORD dwAlarmChanNum;
            DWORD dwPicLen;
            BYTE byPicURL;
            BYTE byRes[3];
            BYTE *pDataBuff;
        } struAlarmChannel;
        struct {
            DWORD dwAlarmHardDiskNum;
        } struAlarmHardDisk;
        struct {
            BYTE bySubAlarmType;
            BYTE byRes1[3];
            NET_DVR_TIME_EX struRecordEndTime;
        } struRecordingHost;
        struct {
            float fVoltageValue;
            BYTE byVoltageAlarmType;
            BYTE byRes1[3];
        } struVoltageInstable;
        struct {
            float fTemperature;
            DWORD dwCustomInfoLength;
            BYTE *pCustomInfo;
            BYTE byType;
            BYTE byDeathLineEnable;
            BYTE byRes1[2];
        } struPTLocking;
        struct {
            BYTE byExceptionType;
        } struLogException;
        struct {
            NET_DVR_TIME_EX struAlarmTime;
            BYTE byRes1[4];
        } struAbnormalReboot;
    } uStruAlarm;
    DWORD *pRes;
    BYTE byTimeDiffFlag;
    signed char cTimeDifferenceH; /* char in the vendor's header: a signed offset */
    signed char cTimeDifferenceM;
    BYTE byRes;
    WORD wDevInfoIvmsChannel;
    BYTE byRes2[2];
} NET_DVR_ALRAM_FIXED_HEADER, *LPNET_DVR_ALRAM_FIXED_HEADER;

/* COMM_ALARM_V40's payload: 160 bytes; pAlarmData -> the DWORD list the union counts. */
typedef struct tagNET_DVR_ALARMINFO_V40 {
    NET_DVR_ALRAM_FIXED_HEADER struAlarmFixedHeader;
    DWORD *pAlarmData;
} NET_DVR_ALARMINFO_V40, *LPNET_DVR_ALARMINFO_V40;

/* COMM_ISAPI_ALARM's payload: 56 bytes. */
typedef struct tagNET_DVR_ALARM_ISAPI_INFO {
    char *pAlarmData; /* the XML or JSON body, dwAlarmDataLen bytes, not NUL-terminated */
    DWORD dwAlarmDataLen;
    BYTE byDataType; /* 1 XML, 2 JSON */
    BYTE byPicturesNumber;
    BYTE byRes[2];
    void *pPicPackData; /* NULL, or byPicturesNumber NET_DVR_ALARM_ISAPI_PICDATA */
    BYTE byRes1[32];
} NET_DVR_ALARM_ISAPI_INFO, *LPNET_DVR_ALARM_ISAPI_INFO;

/* One picture of an ISAPI alarm: 272 bytes. */
typedef struct tagNET_DVR_ALARM_ISAPI_PICDATA {
    DWORD dwPicLen;
    BYTE byPicType; /* 1 JPEG */
    BYTE byRes[3];
    char szFilename[MAX_ISAPI_FILENAME];
    BYTE *pPicData;
} NET_DVR_ALARM_ISAPI_PICDATA, *LPNET_DVR_ALARM_ISAPI_PICDATA;

typedef void (*MSGCallBack)(LONG lCommand, NET_DVR_ALARMER *pAlarmer, char *pAlarmInfo,
                            DWORD dwBufLen, void *pUser);

/* ---- SDK functions ------------------------------------------------------------------------ */
/* fake_core.c */
FAKE_API BOOL NET_DVR_Init(void);
FAKE_API BOOL NET_DVR_Cleanup(void);
FAKE_API DWORD NET_DVR_GetSDKVersion(void);
FAKE_API DWORD NET_DVR_GetSDKBuildVersion(void);
FAKE_API BOOL NET_DVR_SetConnectTime(DWORD dwWaitTime, DWORD dwTryTimes);
FAKE_API BOOL NET_DVR_SetRecvTimeOut(DWORD nRecvTimeOut);
FAKE_API BOOL NET_DVR_SetReconnect(DWORD dwInterval, BOOL bEnableRecon);
FAKE_API BOOL NET_DVR_SetLogToFile(DWORD nLogLevel, char *strLogDir, BOOL bAutoDel);
FAKE_API BOOL NET_DVR_SetSDKInitCfg(int enumType, void *const lpInBuff);
/* fake_errors.c */
FAKE_API DWORD NET_DVR_GetLastError(void);
FAKE_API char *NET_DVR_GetErrorMsg(LONG *pErrorNo);
/* fake_login.c */
FAKE_API LONG NET_DVR_Login_V40(LPNET_DVR_USER_LOGIN_INFO pLoginInfo,
                                LPNET_DVR_DEVICEINFO_V40 lpDeviceInfo);
FAKE_API LONG NET_DVR_Login_V30(char *sDVRIP, WORD wDVRPort, char *sUserName, char *sPassword,
                                LPNET_DVR_DEVICEINFO_V30 lpDeviceInfo);
FAKE_API BOOL NET_DVR_Logout(LONG lUserID);
/* fake_events.c */
FAKE_API BOOL NET_DVR_SetDVRMessageCallBack_V50(int iIndex, MSGCallBack fMessageCallBack,
                                                void *pUser);
FAKE_API LONG NET_DVR_SetupAlarmChan_V50(LONG iUserID, LPNET_DVR_SETUPALARM_PARAM_V50 lpSetupParam,
                                         char *pSub, DWORD dwSubSize);
FAKE_API BOOL NET_DVR_CloseAlarmChan_V30(LONG lAlarmHandle);
FAKE_API BOOL NET_DVR_SetExceptionCallBack_V30(
    unsigned int reserved1, void *reserved2,
    void (*fExceptionCallBack)(DWORD dwType, LONG lUserID, LONG lHandle, void *pUser),
    void *pUser);
/* fake_listen.c */
FAKE_API LONG NET_DVR_StartListen_V30(char *sLocalIP, WORD wLocalPort, MSGCallBack DataCallback,
                                      void *pUserData);
FAKE_API BOOL NET_DVR_StopListen_V30(LONG lListenHandle);

/* ---- control API (not part of the real SDK) ----------------------------------------------- */
/* Return codes of the fake_device_* functions. */
#define FAKE_OK 0
#define FAKE_ERR_NO_DEVICE (-1)   /* no device with that handle */
#define FAKE_ERR_NO_FIELD (-2)    /* unknown field name */
#define FAKE_ERR_VALUE (-3)       /* value out of range, too long, or wrong kind for the field */
#define FAKE_ERR_DERIVED (-4)     /* lock fields are derived from the lock policy */
#define FAKE_ERR_QUEUE_FULL (-5)  /* events: the event queue holds its maximum */
#define FAKE_ERR_RESOURCE (-6)    /* events: no memory, or the event thread cannot start */
#define FAKE_ERR_EXISTS (-7)      /* playback: the device has a file of that name */
#define FAKE_ERR_NO_CHANNEL (-8)  /* playback: the device has no such channel */

/* fake_control.c: across the areas */
FAKE_API void fake_reset(void);
FAKE_API int fake_fail_next(const char *function, int code);
FAKE_API long long fake_get_int(const char *key);
FAKE_API const char *fake_get_str(const char *key);
/* fake_site.c */
FAKE_API void fake_clear_devices(void);
FAKE_API int fake_add_device(const char *ip, int port, const char *user, const char *password);
FAKE_API int fake_find_device(const char *ip, int port);
FAKE_API int fake_device_set(int dev, const char *field, long long value);
FAKE_API int fake_device_set_bytes(int dev, const char *field, const void *data, int len);
FAKE_API int fake_device_set_lock_policy(int dev, int max_attempts, int lock_seconds);
FAKE_API int fake_device_fail_login(int dev, int code);
FAKE_API int fake_device_set_latency_ms(int dev, int ms);
/* fake_login.c */
FAKE_API void fake_set_latency_ms(int ms);
FAKE_API void fake_set_logout_block_ms(int ms);
/* fake_core.c */
FAKE_API void fake_set_build_version(DWORD version);
FAKE_API void fake_set_sdk_version(DWORD version);
/* fake_layout.c */
FAKE_API int fake_sizeof(const char *struct_name);
FAKE_API int fake_offsetof(const char *struct_name, const char *field);
/* fake_events_push.c: events raised from the fake's event thread (0 or a FAKE_ERR_ code) */
FAKE_API int fake_push_alarm_v30(int user_id, unsigned alarm_type, unsigned alarm_input,
                                 const unsigned char *channels, int nchannels);
FAKE_API int fake_push_alarm_v40(int user_id, unsigned alarm_type, const unsigned *channels,
                                 int nchannels);
FAKE_API int fake_push_alarm_v40_io(int user_id, unsigned alarm_input, const unsigned *outputs,
                                    int noutputs, const unsigned *channels, int nchannels);
FAKE_API int fake_push_isapi(int user_id, const char *body, int body_len, int data_type,
                             const unsigned char *picture, int picture_len,
                             const char *picture_name);
FAKE_API int fake_push_raw(int user_id, int command, const unsigned char *payload, int len);
FAKE_API int fake_push_exception(int user_id, unsigned type);
FAKE_API int fake_drop_connection(int user_id);
FAKE_API int fake_restore_connection(int user_id);
FAKE_API int fake_event_rate(int user_id, int count, int per_second);
FAKE_API int fake_events_wait_idle(int timeout_ms); /* 0 idle, -1 timed out */
/* fake_kit.c: per device, for hcnetsdk.testing (0 or a FAKE_ERR_ code) */
FAKE_API int fake_device_add_user(int dev, const char *user, const char *password);
FAKE_API int fake_device_fail_next_login(int dev, int code);
FAKE_API long long fake_device_get_int(int dev, const char *key);
FAKE_API int fake_device_session(int dev, int index);

/* fake_get_int's answer for an unknown key. */
#define FAKE_NO_SUCH_KEY INT64_MIN

#ifdef __cplusplus
}
#endif

#endif /* FAKE_HCNETSDK_H */
