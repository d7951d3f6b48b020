/*
 * fake_layout.c - the SDK struct layouts: compile-time checks against the measured facts, and
 * tables of fields by name for fake_device_set (fake_site.c), fake_sizeof and fake_offsetof.
 *
 * A new area with structs adds its _Static_asserts here, its field table, and a STRUCT line in
 * k_structs, so a test can prove the Python Structures match the C ones.
 */
#include "fake_internal.h"

#include <string.h>

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
