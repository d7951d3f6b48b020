/*
 * fake_playback_layout.c - the playback structs' layouts: compile-time checks against the facts
 * (x86_64 Linux), and fake_playback_sizeof / fake_playback_offsetof for the tests.
 */
#include "fake_internal.h"

#include "fake_playback.h"

#include <string.h>

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

