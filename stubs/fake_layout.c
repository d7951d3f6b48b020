/*
 * fake_layout.c - the SDK struct layouts: compile-time checks against the measured facts, and
 * tables of fields by name for fake_device_set (fake_site.c), fake_sizeof and fake_offsetof.
 *
 * A new area with structs adds its _Static_asserts here, its field table, and a STRUCT line in
 * k_structs, so a test can prove the Python Structures match the C ones.
 */
#include "fake_internal.h"

#include "fake_isapi.h" /* isapi: its structs; their _Static_asserts are in fake_isapi.c */

#include <limits.h>
#include <stdint.h>
#include <string.h>

/* The ABI the binding relies on, on every machine it is built for (x86_64, aarch64): the SDK's
 * LONG, DWORD and BOOL are 32-bit although C `long` is 64-bit (LP64), and plain `char` is
 * signed on x86 but unsigned on ARM, so the fake reads bytes as unsigned char. */
_Static_assert(sizeof(LONG) == 4 && sizeof(DWORD) == 4 && sizeof(BOOL) == 4, "32-bit SDK types");
#if defined(__linux__) && UINTPTR_MAX == 0xffffffffffffffffu
_Static_assert(sizeof(long) == 8, "LP64: C long is 64-bit, so LONG must not be long");
#endif
#if defined(__aarch64__) || defined(__arm__)
_Static_assert(CHAR_MIN == 0, "char is unsigned on ARM Linux");
#elif defined(__x86_64__) || defined(__i386__)
_Static_assert(CHAR_MIN < 0, "char is signed on x86");
#endif

/* ---- layout checks against the measured facts (x86_64 / LP64 Linux) ------------------------ */
#define FAKE_CHECK_OFFSET(type, field, value) \
    _Static_assert(offsetof(type, field) == (value), #type "." #field " offset")

_Static_assert(sizeof(NET_DVR_DEVICEINFO_V30) == 80, "NET_DVR_DEVICEINFO_V30 size");
_Static_assert(sizeof(NET_DVR_DEVICEINFO_V40) == 344, "NET_DVR_DEVICEINFO_V40 size");
_Static_assert(sizeof(NET_DVR_LOCAL_SDK_PATH) == 384, "NET_DVR_LOCAL_SDK_PATH size");
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, byAlarmInPortNum, 48);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, bySupport2, 61);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, wDevType, 62);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, bySupport3, 64);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, byStartDChan, 66);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, byHighDChanNum, 68);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, byMirrorChanNum, 75);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, wStartMirrorChanNo, 76);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, bySupport7, 78);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, byRes2, 79);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, bySupportLock, 80);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, byRetryLoginTime, 81);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, byPasswordLevel, 82);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, dwSurplusLockTime, 84);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, byCharEncodeType, 88);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, dwOEMCode, 92);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, iResidualValidity, 96);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, byResidualValidity, 100);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, byTLSCap, 106);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, byRes2, 107);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, byUseTransport, 129);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, wPort, 130);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, sUserName, 132);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, sPassword, 196);
/* events (sdk-facts-features.md 5.3, 5.4) */
_Static_assert(sizeof(NET_DVR_SETUPALARM_PARAM_V50) == 148, "NET_DVR_SETUPALARM_PARAM_V50 size");
FAKE_CHECK_OFFSET(NET_DVR_SETUPALARM_PARAM_V50, wTaskNo, 12);
FAKE_CHECK_OFFSET(NET_DVR_SETUPALARM_PARAM_V50, byBrokenNetHttpV60, 16);
FAKE_CHECK_OFFSET(NET_DVR_SETUPALARM_PARAM_V50, byCustomCtrl, 19);
FAKE_CHECK_OFFSET(NET_DVR_SETUPALARM_PARAM_V50, byRes4, 20);
_Static_assert(sizeof(NET_DVR_ALARMER) == 372, "NET_DVR_ALARMER size");
FAKE_CHECK_OFFSET(NET_DVR_ALARMER, byDeviceIPValid, 6);
FAKE_CHECK_OFFSET(NET_DVR_ALARMER, lUserID, 8);
FAKE_CHECK_OFFSET(NET_DVR_ALARMER, sSerialNumber, 12);
FAKE_CHECK_OFFSET(NET_DVR_ALARMER, sDeviceName, 64);
FAKE_CHECK_OFFSET(NET_DVR_ALARMER, wLinkPort, 102);
FAKE_CHECK_OFFSET(NET_DVR_ALARMER, sDeviceIP, 104);
FAKE_CHECK_OFFSET(NET_DVR_ALARMER, sSocketIP, 232);
FAKE_CHECK_OFFSET(NET_DVR_ALARMER, byIpProtocol, 360);
FAKE_CHECK_OFFSET(NET_DVR_ALARMER, wSocketPort, 364);
FAKE_CHECK_OFFSET(NET_DVR_ALARMER, byRes2, 366);
_Static_assert(sizeof(NET_DVR_ALARMINFO_V30) == 268, "NET_DVR_ALARMINFO_V30 size");
FAKE_CHECK_OFFSET(NET_DVR_ALARMINFO_V30, byAlarmOutputNumber, 8);
FAKE_CHECK_OFFSET(NET_DVR_ALARMINFO_V30, byAlarmRelateChannel, 104);
FAKE_CHECK_OFFSET(NET_DVR_ALARMINFO_V30, byChannel, 168);
FAKE_CHECK_OFFSET(NET_DVR_ALARMINFO_V30, byDiskNumber, 232);
_Static_assert(sizeof(NET_DVR_TIME_EX) == 8, "NET_DVR_TIME_EX size");
FAKE_CHECK_OFFSET(NET_DVR_TIME_EX, bySecond, 6);
FAKE_CHECK_OFFSET(NET_DVR_ALRAM_FIXED_HEADER, struAlarmTime, 4);
#if UINTPTR_MAX == 0xffffffffffffffffu
/* The pointer members make these depend on the word size: checked for 64-bit targets. */
_Static_assert(sizeof(NET_DVR_USER_LOGIN_INFO) == 416, "NET_DVR_USER_LOGIN_INFO size");
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, cbLoginResult, 264);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, pUser, 272);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, bUseAsynLogin, 280);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, byHttps, 287);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, iProxyID, 288);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, byVerifyMode, 292);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, byRes3, 293);
/* events: the alarm structs hold pointers (sdk-facts-features.md 5.4) */
_Static_assert(sizeof(NET_DVR_ALRAM_FIXED_HEADER) == 152, "NET_DVR_ALRAM_FIXED_HEADER size");
_Static_assert(sizeof(((NET_DVR_ALRAM_FIXED_HEADER *)0)->uStruAlarm) == 120, "uStruAlarm size");
FAKE_CHECK_OFFSET(NET_DVR_ALRAM_FIXED_HEADER, uStruAlarm, 16);
FAKE_CHECK_OFFSET(NET_DVR_ALRAM_FIXED_HEADER, uStruAlarm.struAlarmChannel.dwPicLen, 20);
FAKE_CHECK_OFFSET(NET_DVR_ALRAM_FIXED_HEADER, uStruAlarm.struAlarmChannel.byPicURL, 24);
FAKE_CHECK_OFFSET(NET_DVR_ALRAM_FIXED_HEADER, uStruAlarm.struAlarmChannel.pDataBuff, 32);
FAKE_CHECK_OFFSET(NET_DVR_ALRAM_FIXED_HEADER, uStruAlarm.struIOAlarm.dwTrigerRecordChanNum, 24);
FAKE_CHECK_OFFSET(NET_DVR_ALRAM_FIXED_HEADER, pRes, 136);
FAKE_CHECK_OFFSET(NET_DVR_ALRAM_FIXED_HEADER, wDevInfoIvmsChannel, 148);
FAKE_CHECK_OFFSET(NET_DVR_ALRAM_FIXED_HEADER, byRes2, 150);
#define FAKE_CHECK_MEMBER_SIZE(member, value)                                              \
    _Static_assert(sizeof(((NET_DVR_ALRAM_FIXED_HEADER *)0)->uStruAlarm.member) == (value), \
                   "uStruAlarm." #member " size")
FAKE_CHECK_MEMBER_SIZE(struIOAlarm, 12);
FAKE_CHECK_MEMBER_SIZE(struAlarmChannel, 24);
FAKE_CHECK_MEMBER_SIZE(struAlarmHardDisk, 4);
FAKE_CHECK_MEMBER_SIZE(struRecordingHost, 12);
FAKE_CHECK_MEMBER_SIZE(struVoltageInstable, 8);
FAKE_CHECK_MEMBER_SIZE(struPTLocking, 24);
FAKE_CHECK_MEMBER_SIZE(struLogException, 1);
FAKE_CHECK_MEMBER_SIZE(struAbnormalReboot, 12);
_Static_assert(sizeof(NET_DVR_ALARMINFO_V40) == 160, "NET_DVR_ALARMINFO_V40 size");
FAKE_CHECK_OFFSET(NET_DVR_ALARMINFO_V40, pAlarmData, 152);
_Static_assert(sizeof(NET_DVR_ALARM_ISAPI_INFO) == 56, "NET_DVR_ALARM_ISAPI_INFO size");
FAKE_CHECK_OFFSET(NET_DVR_ALARM_ISAPI_INFO, dwAlarmDataLen, 8);
FAKE_CHECK_OFFSET(NET_DVR_ALARM_ISAPI_INFO, byDataType, 12);
FAKE_CHECK_OFFSET(NET_DVR_ALARM_ISAPI_INFO, pPicPackData, 16);
FAKE_CHECK_OFFSET(NET_DVR_ALARM_ISAPI_INFO, byRes1, 24);
_Static_assert(sizeof(NET_DVR_ALARM_ISAPI_PICDATA) == 272, "NET_DVR_ALARM_ISAPI_PICDATA size");
FAKE_CHECK_OFFSET(NET_DVR_ALARM_ISAPI_PICDATA, byPicType, 4);
FAKE_CHECK_OFFSET(NET_DVR_ALARM_ISAPI_PICDATA, szFilename, 8);
FAKE_CHECK_OFFSET(NET_DVR_ALARM_ISAPI_PICDATA, pPicData, 264);
#endif

/* ---- struct field tables (names -> offset/size) -------------------------------------------- */
#define FIELD(type, member, kind) \
    { #member, offsetof(type, member), sizeof(((type *)0)->member), kind }

static const field_desc k_v30_fields[] = {
    FIELD(NET_DVR_DEVICEINFO_V30, sSerialNumber, KIND_BYTES),
    FIELD(NET_DVR_DEVICEINFO_V30, byAlarmInPortNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byAlarmOutPortNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byDiskNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byDVRType, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byStartChan, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byAudioChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byIPChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byZeroChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byMainProto, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySubProto, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport1, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport2, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, wDevType, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport3, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byMultiStreamProto, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byStartDChan, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byStartDTalkChan, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byHighDChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport4, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byLanguageType, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byVoiceInChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byStartVoiceInChanNo, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport5, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport6, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byMirrorChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, wStartMirrorChanNo, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport7, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byRes2, KIND_UNSIGNED),
};

static const field_desc k_v40_fields[] = {
    FIELD(NET_DVR_DEVICEINFO_V40, struDeviceV30, KIND_STRUCT),
    FIELD(NET_DVR_DEVICEINFO_V40, bySupportLock, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byRetryLoginTime, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byPasswordLevel, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byProxyType, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, dwSurplusLockTime, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byCharEncodeType, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, bySupportDev5, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, bySupport, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byLoginMode, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, dwOEMCode, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, iResidualValidity, KIND_SIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byResidualValidity, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, bySingleStartDTalkChan, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, bySingleDTalkChanNums, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byPassWordResetLevel, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, bySupportStreamEncrypt, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byMarketType, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byTLSCap, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byRes2, KIND_BYTES),
};

static const field_desc k_login_info_fields[] = {
    FIELD(NET_DVR_USER_LOGIN_INFO, sDeviceAddress, KIND_BYTES),
    FIELD(NET_DVR_USER_LOGIN_INFO, byUseTransport, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, wPort, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, sUserName, KIND_BYTES),
    FIELD(NET_DVR_USER_LOGIN_INFO, sPassword, KIND_BYTES),
    FIELD(NET_DVR_USER_LOGIN_INFO, cbLoginResult, KIND_POINTER),
    FIELD(NET_DVR_USER_LOGIN_INFO, pUser, KIND_POINTER),
    FIELD(NET_DVR_USER_LOGIN_INFO, bUseAsynLogin, KIND_SIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, byProxyType, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, byUseUTCTime, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, byLoginMode, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, byHttps, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, iProxyID, KIND_SIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, byVerifyMode, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, byRes3, KIND_BYTES),
};

static const field_desc k_sdk_path_fields[] = {
    FIELD(NET_DVR_LOCAL_SDK_PATH, sPath, KIND_BYTES),
    FIELD(NET_DVR_LOCAL_SDK_PATH, byRes, KIND_BYTES),
};

static const field_desc k_setupalarm_v50_fields[] = {
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, dwSize, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, byLevel, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, byAlarmInfoType, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, byRetAlarmTypeV40, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, byRetDevInfoVersion, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, byRetVQDAlarmType, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, byFaceAlarmDetection, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, bySupport, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, byBrokenNetHttp, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, wTaskNo, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, byDeployType, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, bySubScription, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, byBrokenNetHttpV60, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, byRes1, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, byAlarmTypeURL, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, byCustomCtrl, KIND_UNSIGNED),
    FIELD(NET_DVR_SETUPALARM_PARAM_V50, byRes4, KIND_BYTES),
};

static const field_desc k_alarmer_fields[] = {
    FIELD(NET_DVR_ALARMER, byUserIDValid, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMER, bySerialValid, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMER, byVersionValid, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMER, byDeviceNameValid, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMER, byMacAddrValid, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMER, byLinkPortValid, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMER, byDeviceIPValid, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMER, bySocketIPValid, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMER, lUserID, KIND_SIGNED),
    FIELD(NET_DVR_ALARMER, sSerialNumber, KIND_BYTES),
    FIELD(NET_DVR_ALARMER, dwDeviceVersion, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMER, sDeviceName, KIND_BYTES),
    FIELD(NET_DVR_ALARMER, byMacAddr, KIND_BYTES),
    FIELD(NET_DVR_ALARMER, wLinkPort, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMER, sDeviceIP, KIND_BYTES),
    FIELD(NET_DVR_ALARMER, sSocketIP, KIND_BYTES),
    FIELD(NET_DVR_ALARMER, byIpProtocol, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMER, byRes1, KIND_BYTES),
    FIELD(NET_DVR_ALARMER, bJSONBroken, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMER, wSocketPort, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMER, byRes2, KIND_BYTES),
};

static const field_desc k_alarminfo_v30_fields[] = {
    FIELD(NET_DVR_ALARMINFO_V30, dwAlarmType, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMINFO_V30, dwAlarmInputNumber, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARMINFO_V30, byAlarmOutputNumber, KIND_BYTES),
    FIELD(NET_DVR_ALARMINFO_V30, byAlarmRelateChannel, KIND_BYTES),
    FIELD(NET_DVR_ALARMINFO_V30, byChannel, KIND_BYTES),
    FIELD(NET_DVR_ALARMINFO_V30, byDiskNumber, KIND_BYTES),
};

static const field_desc k_time_ex_fields[] = {
    FIELD(NET_DVR_TIME_EX, wYear, KIND_UNSIGNED),
    FIELD(NET_DVR_TIME_EX, byMonth, KIND_UNSIGNED),
    FIELD(NET_DVR_TIME_EX, byDay, KIND_UNSIGNED),
    FIELD(NET_DVR_TIME_EX, byHour, KIND_UNSIGNED),
    FIELD(NET_DVR_TIME_EX, byMinute, KIND_UNSIGNED),
    FIELD(NET_DVR_TIME_EX, bySecond, KIND_UNSIGNED),
    FIELD(NET_DVR_TIME_EX, byRes, KIND_UNSIGNED),
};

#define HEADER_FIELD(member, kind) FIELD(NET_DVR_ALRAM_FIXED_HEADER, member, kind)
static const field_desc k_fixed_header_fields[] = {
    HEADER_FIELD(dwAlarmType, KIND_UNSIGNED),
    HEADER_FIELD(struAlarmTime, KIND_STRUCT),
    HEADER_FIELD(uStruAlarm, KIND_STRUCT),
    HEADER_FIELD(uStruAlarm.struIOAlarm, KIND_STRUCT),
    HEADER_FIELD(uStruAlarm.struIOAlarm.dwAlarmInputNo, KIND_UNSIGNED),
    HEADER_FIELD(uStruAlarm.struIOAlarm.dwTrigerAlarmOutNum, KIND_UNSIGNED),
    HEADER_FIELD(uStruAlarm.struIOAlarm.dwTrigerRecordChanNum, KIND_UNSIGNED),
    HEADER_FIELD(uStruAlarm.struAlarmChannel, KIND_STRUCT),
    HEADER_FIELD(uStruAlarm.struAlarmChannel.dwAlarmChanNum, KIND_UNSIGNED),
    HEADER_FIELD(uStruAlarm.struAlarmChannel.dwPicLen, KIND_UNSIGNED),
    HEADER_FIELD(uStruAlarm.struAlarmChannel.byPicURL, KIND_UNSIGNED),
    HEADER_FIELD(uStruAlarm.struAlarmChannel.pDataBuff, KIND_POINTER),
    HEADER_FIELD(uStruAlarm.struAlarmHardDisk, KIND_STRUCT),
    HEADER_FIELD(uStruAlarm.struAlarmHardDisk.dwAlarmHardDiskNum, KIND_UNSIGNED),
    HEADER_FIELD(uStruAlarm.struRecordingHost, KIND_STRUCT),
    HEADER_FIELD(uStruAlarm.struVoltageInstable, KIND_STRUCT),
    HEADER_FIELD(uStruAlarm.struPTLocking, KIND_STRUCT),
    HEADER_FIELD(uStruAlarm.struLogException, KIND_STRUCT),
    HEADER_FIELD(uStruAlarm.struAbnormalReboot, KIND_STRUCT),
    HEADER_FIELD(pRes, KIND_POINTER),
    HEADER_FIELD(byTimeDiffFlag, KIND_UNSIGNED),
    HEADER_FIELD(cTimeDifferenceH, KIND_SIGNED),
    HEADER_FIELD(cTimeDifferenceM, KIND_SIGNED),
    HEADER_FIELD(byRes, KIND_UNSIGNED),
    HEADER_FIELD(wDevInfoIvmsChannel, KIND_UNSIGNED),
    HEADER_FIELD(byRes2, KIND_BYTES),
};
#undef HEADER_FIELD

static const field_desc k_alarminfo_v40_fields[] = {
    FIELD(NET_DVR_ALARMINFO_V40, struAlarmFixedHeader, KIND_STRUCT),
    FIELD(NET_DVR_ALARMINFO_V40, pAlarmData, KIND_POINTER),
};

static const field_desc k_isapi_info_fields[] = {
    FIELD(NET_DVR_ALARM_ISAPI_INFO, pAlarmData, KIND_POINTER),
    FIELD(NET_DVR_ALARM_ISAPI_INFO, dwAlarmDataLen, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARM_ISAPI_INFO, byDataType, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARM_ISAPI_INFO, byPicturesNumber, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARM_ISAPI_INFO, byRes, KIND_BYTES),
    FIELD(NET_DVR_ALARM_ISAPI_INFO, pPicPackData, KIND_POINTER),
    FIELD(NET_DVR_ALARM_ISAPI_INFO, byRes1, KIND_BYTES),
};

static const field_desc k_isapi_picdata_fields[] = {
    FIELD(NET_DVR_ALARM_ISAPI_PICDATA, dwPicLen, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARM_ISAPI_PICDATA, byPicType, KIND_UNSIGNED),
    FIELD(NET_DVR_ALARM_ISAPI_PICDATA, byRes, KIND_BYTES),
    FIELD(NET_DVR_ALARM_ISAPI_PICDATA, szFilename, KIND_BYTES),
    FIELD(NET_DVR_ALARM_ISAPI_PICDATA, pPicData, KIND_POINTER),
};

static const field_desc k_xml_input_fields[] = {
    FIELD(NET_DVR_XML_CONFIG_INPUT, dwSize, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_INPUT, lpRequestUrl, KIND_POINTER),
    FIELD(NET_DVR_XML_CONFIG_INPUT, dwRequestUrlLen, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_INPUT, lpInBuffer, KIND_POINTER),
    FIELD(NET_DVR_XML_CONFIG_INPUT, dwInBufferSize, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_INPUT, dwRecvTimeOut, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_INPUT, byForceEncrpt, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_INPUT, byNumOfMultiPart, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_INPUT, byMIMEType, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_INPUT, byRes1, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_INPUT, dwSendTimeOut, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_INPUT, byRes, KIND_BYTES),
};

static const field_desc k_xml_output_fields[] = {
    FIELD(NET_DVR_XML_CONFIG_OUTPUT, dwSize, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_OUTPUT, lpOutBuffer, KIND_POINTER),
    FIELD(NET_DVR_XML_CONFIG_OUTPUT, dwOutBufferSize, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_OUTPUT, dwReturnedXMLSize, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_OUTPUT, lpStatusBuffer, KIND_POINTER),
    FIELD(NET_DVR_XML_CONFIG_OUTPUT, dwStatusSize, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_OUTPUT, lpDataBuffer, KIND_POINTER),
    FIELD(NET_DVR_XML_CONFIG_OUTPUT, byNumOfMultiPart, KIND_UNSIGNED),
    FIELD(NET_DVR_XML_CONFIG_OUTPUT, byRes, KIND_BYTES),
};

typedef struct {
    const char *name;
    size_t size;
    const field_desc *fields;
    size_t count;
} struct_desc;

#define STRUCT(type, table) {#type, sizeof(type), table, sizeof table / sizeof table[0]}

static const struct_desc k_structs[] = {
    STRUCT(NET_DVR_USER_LOGIN_INFO, k_login_info_fields),
    STRUCT(NET_DVR_DEVICEINFO_V30, k_v30_fields),
    STRUCT(NET_DVR_DEVICEINFO_V40, k_v40_fields),
    STRUCT(NET_DVR_LOCAL_SDK_PATH, k_sdk_path_fields),
    STRUCT(NET_DVR_SETUPALARM_PARAM_V50, k_setupalarm_v50_fields),
    STRUCT(NET_DVR_ALARMER, k_alarmer_fields),
    STRUCT(NET_DVR_ALARMINFO_V30, k_alarminfo_v30_fields),
    STRUCT(NET_DVR_TIME_EX, k_time_ex_fields),
    STRUCT(NET_DVR_ALRAM_FIXED_HEADER, k_fixed_header_fields),
    STRUCT(NET_DVR_ALARMINFO_V40, k_alarminfo_v40_fields),
    STRUCT(NET_DVR_ALARM_ISAPI_INFO, k_isapi_info_fields),
    STRUCT(NET_DVR_ALARM_ISAPI_PICDATA, k_isapi_picdata_fields),
    STRUCT(NET_DVR_XML_CONFIG_INPUT, k_xml_input_fields),
    STRUCT(NET_DVR_XML_CONFIG_OUTPUT, k_xml_output_fields),
};

static const struct_desc *find_struct(const char *name) {
    size_t i;
    if (name == NULL) {
        return NULL;
    }
    for (i = 0; i < sizeof k_structs / sizeof k_structs[0]; i++) {
        if (strcmp(k_structs[i].name, name) == 0) {
            return &k_structs[i];
        }
    }
    { /* areas that keep their own tables: configuration and snapshots (fake_config.c) */
        static FAKE_THREAD_LOCAL struct_desc area;
        if (config_struct_layout(name, &area.name, &area.size, &area.fields, &area.count)) {
            return &area;
        }
    }
    return NULL;
}

static const field_desc *find_field(const field_desc *table, size_t count, const char *name) {
    size_t i;
    for (i = 0; i < count; i++) {
        if (strcmp(table[i].name, name) == 0) {
            return &table[i];
        }
    }
    return NULL;
}

static const char k_v30_prefix[] = "struDeviceV30.";

/* V40 fields, then the V30 fields bare or as "struDeviceV30.<name>" (fake_internal.h). */
const field_desc *find_device_field(const char *name) {
    const field_desc *f;
    if (name == NULL) {
        return NULL;
    }
    if (strncmp(name, k_v30_prefix, sizeof k_v30_prefix - 1) == 0) {
        return find_field(k_v30_fields, sizeof k_v30_fields / sizeof k_v30_fields[0],
                          name + sizeof k_v30_prefix - 1);
    }
    f = find_field(k_v40_fields, sizeof k_v40_fields / sizeof k_v40_fields[0], name);
    if (f != NULL) {
        return f;
    }
    return find_field(k_v30_fields, sizeof k_v30_fields / sizeof k_v30_fields[0], name);
}

/* ---- control API: layouts as compiled -------------------------------------------------------- */
FAKE_API int fake_sizeof(const char *struct_name) {
    const struct_desc *s = find_struct(struct_name);
    return s != NULL ? (int)s->size : -1;
}

FAKE_API int fake_offsetof(const char *struct_name, const char *field) {
    const struct_desc *s = find_struct(struct_name);
    const field_desc *f;
    if (s == NULL || field == NULL) {
        return -1;
    }
    if (strcmp(s->name, "NET_DVR_DEVICEINFO_V40") == 0) {
        f = find_device_field(field);
    } else {
        f = find_field(s->fields, s->count, field);
    }
    return f != NULL ? (int)f->offset : -1;
}
