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
 * The fake never opens a socket or a file: it does no I/O at all.
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

/* ---- control API (not part of the real SDK) ----------------------------------------------- */
/* Return codes of the fake_device_* functions. */
#define FAKE_OK 0
#define FAKE_ERR_NO_DEVICE (-1)   /* no device with that handle */
#define FAKE_ERR_NO_FIELD (-2)    /* unknown field name */
#define FAKE_ERR_VALUE (-3)       /* value out of range, too long, or wrong kind for the field */
#define FAKE_ERR_DERIVED (-4)     /* lock fields are derived from the lock policy */

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

/* fake_get_int's answer for an unknown key. */
#define FAKE_NO_SUCH_KEY INT64_MIN

#ifdef __cplusplus
}
#endif

#endif /* FAKE_HCNETSDK_H */
