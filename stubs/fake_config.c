/*
 * fake_config.c - device configuration: NET_DVR_GetDVRConfig / NET_DVR_SetDVRConfig for the
 * device parameters (DEVICECFG_V40), the time (TIMECFG), the IP channels (IPPARACFG_V40) and the
 * channel names (PICCFG_V40); NET_DVR_RebootDVR; the area's control functions, fake_get_int keys
 * and layout checks.
 *
 * Each device's configuration (name, model, clock offset, channel names, IP channels online,
 * snapshot answers) lives in a table beside the site, set up from the device's login info the
 * first time it is used (a device redefined by fake_add_device starts again), cleared by
 * fake_reset. Behaviour the facts do not give (no device was reachable) is chosen and listed in
 * README.md, "Configuration and snapshots".
 */
#include "fake_config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- layouts (sdk-facts-features.md 3, 4.2; PICCFG_V40 from the 6.1.9.x header) ------------ */
#define CFG_CHECK_OFFSET(type, field, value) \
    _Static_assert(offsetof(type, field) == (value), #type "." #field " offset")
_Static_assert(sizeof(NET_DVR_JPEGPARA) == 4 && _Alignof(NET_DVR_JPEGPARA) == 2, "JPEGPARA");
_Static_assert(sizeof(NET_DVR_DEVICECFG_V40) == 180 && _Alignof(NET_DVR_DEVICECFG_V40) == 4,
               "NET_DVR_DEVICECFG_V40");
CFG_CHECK_OFFSET(NET_DVR_DEVICECFG_V40, sSerialNumber, 44);
CFG_CHECK_OFFSET(NET_DVR_DEVICECFG_V40, dwSoftwareVersion, 92);
CFG_CHECK_OFFSET(NET_DVR_DEVICECFG_V40, dwHardwareVersion, 112);
CFG_CHECK_OFFSET(NET_DVR_DEVICECFG_V40, byDiskNum, 122);
CFG_CHECK_OFFSET(NET_DVR_DEVICECFG_V40, byIPChanNum, 131);
CFG_CHECK_OFFSET(NET_DVR_DEVICECFG_V40, wDevType, 138);
CFG_CHECK_OFFSET(NET_DVR_DEVICECFG_V40, byDevTypeName, 140);
CFG_CHECK_OFFSET(NET_DVR_DEVICECFG_V40, byHighIPChanNum, 170);
CFG_CHECK_OFFSET(NET_DVR_DEVICECFG_V40, wDevClass, 172);
CFG_CHECK_OFFSET(NET_DVR_DEVICECFG_V40, byRes2, 174);
_Static_assert(sizeof(NET_DVR_TIME) == 24 && _Alignof(NET_DVR_TIME) == 4, "NET_DVR_TIME");
_Static_assert(sizeof(NET_DVR_IPADDR) == 144 && _Alignof(NET_DVR_IPADDR) == 1, "NET_DVR_IPADDR");
_Static_assert(sizeof(NET_DVR_IPDEVINFO_V31) == 296 && _Alignof(NET_DVR_IPDEVINFO_V31) == 2,
               "NET_DVR_IPDEVINFO_V31");
CFG_CHECK_OFFSET(NET_DVR_IPDEVINFO_V31, struIP, 116);
CFG_CHECK_OFFSET(NET_DVR_IPDEVINFO_V31, wDVRPort, 260);
CFG_CHECK_OFFSET(NET_DVR_IPDEVINFO_V31, szDeviceID, 262);
_Static_assert(sizeof(NET_DVR_IPCHANINFO) == 36, "NET_DVR_IPCHANINFO");
_Static_assert(sizeof(NET_DVR_STREAM_MODE) == 496 && _Alignof(NET_DVR_STREAM_MODE) == 4,
               "NET_DVR_STREAM_MODE");
_Static_assert(sizeof(NET_DVR_IPPARACFG_V40) == 50792 && _Alignof(NET_DVR_IPPARACFG_V40) == 4,
               "NET_DVR_IPPARACFG_V40");
CFG_CHECK_OFFSET(NET_DVR_IPPARACFG_V40, byAnalogChanEnable, 20);
CFG_CHECK_OFFSET(NET_DVR_IPPARACFG_V40, struIPDevInfo, 84);
CFG_CHECK_OFFSET(NET_DVR_IPPARACFG_V40, struStreamMode, 19028);
CFG_CHECK_OFFSET(NET_DVR_IPPARACFG_V40, byRes2, 50772);
_Static_assert(sizeof(NET_DVR_PICCFG_V40) == 77140 && _Alignof(NET_DVR_PICCFG_V40) == 4,
               "NET_DVR_PICCFG_V40");

#define CFG_FIELD(type, member, kind) \
    { #member, offsetof(type, member), sizeof(((type *)0)->member), kind }
static const field_desc k_jpegpara_fields[] = {
    CFG_FIELD(NET_DVR_JPEGPARA, wPicSize, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_JPEGPARA, wPicQuality, KIND_UNSIGNED),
};
static const field_desc k_devicecfg_fields[] = {
    CFG_FIELD(NET_DVR_DEVICECFG_V40, dwSize, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, sDVRName, KIND_BYTES),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, dwDVRID, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, sSerialNumber, KIND_BYTES),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, dwSoftwareVersion, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, dwSoftwareBuildDate, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, dwHardwareVersion, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, byAlarmInPortNum, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, byDiskNum, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, byDVRType, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, byChanNum, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, byStartChan, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, byIPChanNum, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, byZeroChanNum, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, wDevType, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, byDevTypeName, KIND_BYTES),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, byHighIPChanNum, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, wDevClass, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_DEVICECFG_V40, byRes2, KIND_BYTES),
};
static const field_desc k_time_fields[] = {
    CFG_FIELD(NET_DVR_TIME, dwYear, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_TIME, dwSecond, KIND_UNSIGNED),
};
static const field_desc k_ipdevinfo_fields[] = {
    CFG_FIELD(NET_DVR_IPDEVINFO_V31, byEnable, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_IPDEVINFO_V31, sUserName, KIND_BYTES),
    CFG_FIELD(NET_DVR_IPDEVINFO_V31, sPassword, KIND_BYTES),
    CFG_FIELD(NET_DVR_IPDEVINFO_V31, byDomain, KIND_BYTES),
    CFG_FIELD(NET_DVR_IPDEVINFO_V31, struIP, KIND_STRUCT),
    CFG_FIELD(NET_DVR_IPDEVINFO_V31, wDVRPort, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_IPDEVINFO_V31, szDeviceID, KIND_BYTES),
    CFG_FIELD(NET_DVR_IPDEVINFO_V31, byCertificateValidation, KIND_UNSIGNED),
};
static const field_desc k_stream_mode_fields[] = {
    CFG_FIELD(NET_DVR_STREAM_MODE, byGetStreamType, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_STREAM_MODE, uGetStream, KIND_STRUCT),
};
static const field_desc k_ipchaninfo_fields[] = {
    CFG_FIELD(NET_DVR_IPCHANINFO, byEnable, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_IPCHANINFO, byIPID, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_IPCHANINFO, byChannel, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_IPCHANINFO, byIPIDHigh, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_IPCHANINFO, byres, KIND_BYTES),
};
static const field_desc k_ipparacfg_fields[] = {
    CFG_FIELD(NET_DVR_IPPARACFG_V40, dwGroupNum, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_IPPARACFG_V40, dwAChanNum, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_IPPARACFG_V40, dwDChanNum, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_IPPARACFG_V40, dwStartDChan, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_IPPARACFG_V40, byAnalogChanEnable, KIND_BYTES),
    CFG_FIELD(NET_DVR_IPPARACFG_V40, struIPDevInfo, KIND_STRUCT),
    CFG_FIELD(NET_DVR_IPPARACFG_V40, struStreamMode, KIND_STRUCT),
    CFG_FIELD(NET_DVR_IPPARACFG_V40, byRes2, KIND_BYTES),
};
static const field_desc k_piccfg_fields[] = {
    CFG_FIELD(NET_DVR_PICCFG_V40, dwSize, KIND_UNSIGNED),
    CFG_FIELD(NET_DVR_PICCFG_V40, sChanName, KIND_BYTES),
};
static const field_desc k_ipaddr_fields[] = {
    CFG_FIELD(NET_DVR_IPADDR, sIpV4, KIND_BYTES),
    CFG_FIELD(NET_DVR_IPADDR, byIPv6, KIND_BYTES),
};

typedef struct {
    const char *name;
    size_t size;
    const field_desc *fields;
    size_t count;
} cfg_struct;
#define CFG_STRUCT(type, table) {#type, sizeof(type), table, sizeof table / sizeof table[0]}
static const cfg_struct k_cfg_structs[] = {
    CFG_STRUCT(NET_DVR_JPEGPARA, k_jpegpara_fields),
    CFG_STRUCT(NET_DVR_DEVICECFG_V40, k_devicecfg_fields),
    CFG_STRUCT(NET_DVR_TIME, k_time_fields),
    CFG_STRUCT(NET_DVR_IPADDR, k_ipaddr_fields),
    CFG_STRUCT(NET_DVR_IPDEVINFO_V31, k_ipdevinfo_fields),
    CFG_STRUCT(NET_DVR_IPCHANINFO, k_ipchaninfo_fields),
    CFG_STRUCT(NET_DVR_STREAM_MODE, k_stream_mode_fields),
    CFG_STRUCT(NET_DVR_IPPARACFG_V40, k_ipparacfg_fields),
    CFG_STRUCT(NET_DVR_PICCFG_V40, k_piccfg_fields),
};

int config_struct_layout(const char *name, const char **found, size_t *size,
                         const field_desc **fields, size_t *count) {
    size_t i;
    for (i = 0; name != NULL && i < sizeof k_cfg_structs / sizeof k_cfg_structs[0]; i++) {
        if (strcmp(k_cfg_structs[i].name, name) == 0) {
            *found = k_cfg_structs[i].name;
            *size = k_cfg_structs[i].size;
            *fields = k_cfg_structs[i].fields;
            *count = k_cfg_structs[i].count;
            return 1;
        }
    }
    return 0;
}

/* ---- state ------------------------------------------------------------------------------------ */
static cfg_device s_cfg[FAKE_MAX_DEVICES];
snapshot_record g_snapshot;
static struct {
    long long reboots;
    long long last_reboot_user;
    long long last_command;
    long long last_channel;
    long long sets;
} s_rec;

void config_reset_locked(void) {
    size_t i;
    for (i = 0; i < FAKE_MAX_DEVICES; i++) {
        s_cfg[i].generation = 0;
    }
    memset(&g_snapshot, 0, sizeof g_snapshot);
    memset(&s_rec, 0, sizeof s_rec);
    g_snapshot.channel = g_snapshot.size = g_snapshot.quality = g_snapshot.buffer = -1;
    s_rec.last_reboot_user = s_rec.last_command = s_rec.last_channel = -1;
}

static long long local_wall_seconds(void);

static void put_text(BYTE *dst, size_t cap, const char *text) {
    size_t n = strnlen(text, cap);
    memset(dst, 0, cap);
    memcpy(dst, text, n);
}

cfg_device *cfg_for_locked(int dev) {
    fake_device *d = device_at(dev);
    cfg_device *c;
    const NET_DVR_DEVICEINFO_V30 *v30;
    char text[CFG_NAME_LEN + 1];
    size_t i, digits, model_len = 0;
    if (d == NULL) {
        return NULL;
    }
    c = &s_cfg[dev];
    if (c->generation == d->generation) {
        return c;
    }
    v30 = &d->info.struDeviceV30;
    memset(c, 0, sizeof *c);
    c->generation = d->generation;
    c->time_offset = local_wall_seconds(); /* the device's clock reads the host's local time */
    put_text(c->name, sizeof c->name,
             v30->byIPChanNum || v30->byHighDChanNum ? "Network Video Recorder" : "IP CAMERA");
    /* The model is the serial number up to its date of manufacture (20YYMMDD). */
    for (i = 0; i + 8 <= SERIALNO_LEN && v30->sSerialNumber[i] != 0; i++) {
        const BYTE *p = &v30->sSerialNumber[i];
        int j, month, day;
        for (j = 0, digits = 0; j < 8; j++) {
            digits += p[j] >= '0' && p[j] <= '9';
        }
        if (digits < 8 || p[0] != '2' || p[1] != '0') {
            continue;
        }
        month = (p[4] - '0') * 10 + (p[5] - '0');
        day = (p[6] - '0') * 10 + (p[7] - '0');
        if (month >= 1 && month <= 12 && day >= 1 && day <= (month == 2 ? 29 : 31)) {
            model_len = i;
            break;
        }
    }
    if (model_len > DEV_TYPE_NAME_LEN - 1) {
        model_len = DEV_TYPE_NAME_LEN - 1;
    }
    memcpy(c->model, v30->sSerialNumber, model_len);
    for (i = 0; i < CFG_MAX_ANALOG; i++) {
        snprintf(text, sizeof text, "Camera %02u", (unsigned)(i + 1));
        put_text(c->analog_names[i], CFG_NAME_LEN, text);
    }
    for (i = 0; i < CFG_MAX_IP; i++) {
        snprintf(text, sizeof text, "IPCamera %02u", (unsigned)(i + 1));
        put_text(c->ip_names[i], CFG_NAME_LEN, text);
        c->ip_online[i] = i != 3; /* the default: the fourth IP channel is offline */
    }
    return c;
}

DWORD user_device_locked(LONG user_id, int *dev) {
    if (user_id < 0 || user_id >= MAX_LOGIN_USERS) {
        return NET_DVR_PARAMETER_ERROR;
    }
    if (g.slot_state[user_id] != SLOT_IN_USE) {
        return NET_DVR_USERNOTEXIST;
    }
    if (device_at(g.slot_device[user_id]) == NULL) {
        return NET_DVR_NETWORK_FAIL_CONNECT; /* the device left the site after the login */
    }
    *dev = g.slot_device[user_id];
    return 0;
}

static int ip_channel_count(const fake_device *d) {
    int n = d->info.struDeviceV30.byIPChanNum + 256 * d->info.struDeviceV30.byHighDChanNum;
    return n > CFG_MAX_IP ? CFG_MAX_IP : n;
}

int channel_slot(const fake_device *d, LONG channel, int *is_ip) {
    const NET_DVR_DEVICEINFO_V30 *v30 = &d->info.struDeviceV30;
    int analog = v30->byChanNum > CFG_MAX_ANALOG ? CFG_MAX_ANALOG : v30->byChanNum;
    if (channel >= v30->byStartChan && channel < v30->byStartChan + analog) {
        *is_ip = 0;
        return (int)(channel - v30->byStartChan);
    }
    if (channel >= v30->byStartDChan && channel < v30->byStartDChan + ip_channel_count(d)) {
        *is_ip = 1;
        return (int)(channel - v30->byStartDChan);
    }
    return -1;
}

/* ---- the device clock ------------------------------------------------------------------------- */
static void device_time(const cfg_device *c, NET_DVR_TIME *out) {
    time_t now = time(NULL) + (time_t)c->time_offset;
    struct tm tm;
    gmtime_r(&now, &tm); /* host local wall clock + offset, computed as if UTC */
    out->dwYear = (DWORD)tm.tm_year + 1900;
    out->dwMonth = (DWORD)tm.tm_mon + 1;
    out->dwDay = (DWORD)tm.tm_mday;
    out->dwHour = (DWORD)tm.tm_hour;
    out->dwMinute = (DWORD)tm.tm_min;
    out->dwSecond = (DWORD)tm.tm_sec;
}

static long long local_wall_seconds(void) {
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return (long long)timegm(&tm) - (long long)now; /* the local zone's offset from UTC */
}

static int set_device_time(cfg_device *c, const NET_DVR_TIME *t) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    struct tm tm;
    if (t->dwYear < 1970 || t->dwYear > 2037 || t->dwMonth < 1 || t->dwMonth > 12 ||
        t->dwDay < 1 || (int)t->dwDay > days[t->dwMonth - 1] || t->dwHour > 23 ||
        t->dwMinute > 59 || t->dwSecond > 59) {
        return 0;
    }
    memset(&tm, 0, sizeof tm);
    tm.tm_year = (int)t->dwYear - 1900;
    tm.tm_mon = (int)t->dwMonth - 1;
    tm.tm_mday = (int)t->dwDay;
    tm.tm_hour = (int)t->dwHour;
    tm.tm_min = (int)t->dwMinute;
    tm.tm_sec = (int)t->dwSecond;
    /* the offset that makes device_time() read this wall-clock time now */
    c->time_offset = (long long)timegm(&tm) - (long long)time(NULL);
    return 1;
}

/* ---- the answers ---------------------------------------------------------------------------- */
static void fill_devicecfg(const fake_device *d, const cfg_device *c, NET_DVR_DEVICECFG_V40 *o) {
    const NET_DVR_DEVICEINFO_V30 *v30 = &d->info.struDeviceV30;
    memset(o, 0, sizeof *o);
    o->dwSize = sizeof *o;
    memcpy(o->sDVRName, c->name, CFG_NAME_LEN);
    o->dwDVRID = 255;
    o->dwRecycleRecord = 1;
    memcpy(o->sSerialNumber, v30->sSerialNumber, SERIALNO_LEN);
    o->dwSoftwareVersion = (4u << 24) | (30u << 16) | 5u;  /* V4.30.5 */
    o->dwSoftwareBuildDate = 0x0017040Au;                  /* build 230410 */
    o->dwDSPSoftwareVersion = (7u << 24) | (3u << 16) | 0u; /* V7.3.0 */
    o->dwDSPSoftwareBuildDate = 0x0017040Au;
    o->dwHardwareVersion = 0x1000u;
    o->byAlarmInPortNum = v30->byAlarmInPortNum;
    o->byAlarmOutPortNum = v30->byAlarmOutPortNum;
    o->byNetworkPortNum = 1;
    o->byDiskNum = v30->byDiskNum;
    o->byDVRType = v30->byDVRType;
    o->byChanNum = v30->byChanNum;
    o->byStartChan = v30->byStartChan;
    o->byIPChanNum = v30->byIPChanNum;
    o->byHighIPChanNum = v30->byHighDChanNum;
    o->byZeroChanNum = v30->byZeroChanNum;
    o->byAudioNum = v30->byAudioChanNum;
    o->wDevType = v30->wDevType;
    o->wDevClass = ip_channel_count(d) > 0 ? 101 : 151; /* NVR : IPC */
    memcpy(o->byDevTypeName, c->model, DEV_TYPE_NAME_LEN);
}

static void fill_ipparacfg(const fake_device *d, const cfg_device *c, NET_DVR_IPPARACFG_V40 *o) {
    const NET_DVR_DEVICEINFO_V30 *v30 = &d->info.struDeviceV30;
    int i, n = ip_channel_count(d);
    memset(o, 0, sizeof *o);
    o->dwSize = sizeof *o;
    o->dwGroupNum = 1;
    o->dwAChanNum = v30->byChanNum;
    o->dwDChanNum = (DWORD)n;
    o->dwStartDChan = v30->byStartDChan;
    for (i = 0; i < v30->byChanNum && i < MAX_CHANNUM_V30; i++) {
        o->byAnalogChanEnable[i] = 1;
    }
    for (i = 0; i < n; i++) { /* IP device i+1 serves IP channel i, its own channel 1 */
        NET_DVR_IPDEVINFO_V31 *dev = &o->struIPDevInfo[i];
        NET_DVR_IPCHANINFO *chan = &o->struStreamMode[i].uGetStream.struChanInfo;
        dev->byEnable = 1;
        put_text(dev->sUserName, sizeof dev->sUserName, "admin");
        put_text(dev->sPassword, sizeof dev->sPassword, "camera-secret"); /* never shown */
        snprintf(dev->struIP.sIpV4, sizeof dev->struIP.sIpV4, "192.168.1.%d", 101 + i);
        dev->wDVRPort = 8000;
        o->struStreamMode[i].byGetStreamType = 0;
        chan->byEnable = c->ip_online[i];
        chan->byIPID = (BYTE)(i + 1);
        chan->byChannel = 1;
    }
}

/* ---- SDK functions ---------------------------------------------------------------------------- */
FAKE_API BOOL NET_DVR_GetDVRConfig(LONG lUserID, DWORD dwCommand, LONG lChannel, void *lpOutBuffer,
                                   DWORD dwOutBufferSize, DWORD *lpBytesReturned) {
    DWORD code, need = 0;
    int dev = -1, is_ip = 0, slot;
    fake_device *d;
    cfg_device *c;
    ready();
    lock();
    code = begin_initialized_locked(FN_GetDVRConfig);
    /* Measured (4.3): a NULL buffer, size 0 or a NULL lpBytesReturned give 17 before the id. */
    if (code == 0 && (lpOutBuffer == NULL || dwOutBufferSize == 0 || lpBytesReturned == NULL)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) {
        code = user_device_locked(lUserID, &dev);
    }
    if (code == 0) {
        s_rec.last_command = dwCommand;
        s_rec.last_channel = lChannel;
        switch (dwCommand) {
        case NET_DVR_GET_DEVICECFG_V40: need = sizeof(NET_DVR_DEVICECFG_V40); break;
        case NET_DVR_GET_TIMECFG: need = sizeof(NET_DVR_TIME); break;
        case NET_DVR_GET_IPPARACFG_V40: need = sizeof(NET_DVR_IPPARACFG_V40); break;
        case NET_DVR_GET_PICCFG_V40: need = sizeof(NET_DVR_PICCFG_V40); break;
        default: code = NET_DVR_NOSUPPORT;
        }
    }
    if (code == 0 && dwOutBufferSize < need) {
        code = NET_DVR_PARAMETER_ERROR; /* chosen: a buffer smaller than the struct */
    }
    if (code == 0) {
        d = device_at(dev);
        c = cfg_for_locked(dev);
        if (dwCommand == NET_DVR_GET_DEVICECFG_V40) {
            fill_devicecfg(d, c, (NET_DVR_DEVICECFG_V40 *)lpOutBuffer);
        } else if (dwCommand == NET_DVR_GET_TIMECFG) {
            device_time(c, (NET_DVR_TIME *)lpOutBuffer);
        } else if (dwCommand == NET_DVR_GET_IPPARACFG_V40) {
            if (ip_channel_count(d) == 0) {
                code = NET_DVR_NOSUPPORT; /* chosen: a camera has no IP channels */
            } else {
                fill_ipparacfg(d, c, (NET_DVR_IPPARACFG_V40 *)lpOutBuffer);
            }
        } else if ((slot = channel_slot(d, lChannel, &is_ip)) < 0) {
            code = NET_DVR_CHANNEL_ERROR;
        } else {
            NET_DVR_PICCFG_V40 *pic = (NET_DVR_PICCFG_V40 *)lpOutBuffer;
            memset(pic, 0, sizeof *pic);
            pic->dwSize = sizeof *pic;
            memcpy(pic->sChanName, is_ip ? c->ip_names[slot] : c->analog_names[slot],
                   CFG_NAME_LEN);
        }
        if (code == 0) {
            *lpBytesReturned = need;
        }
    }
    unlock();
    return code != 0 ? fail_bool(code) : ok_bool();
}

FAKE_API BOOL NET_DVR_SetDVRConfig(LONG lUserID, DWORD dwCommand, LONG lChannel, void *lpInBuffer,
                                   DWORD dwInBufferSize) {
    DWORD code;
    int dev = -1;
    cfg_device *c;
    ready();
    lock();
    code = begin_initialized_locked(FN_SetDVRConfig);
    if (code == 0 && (lpInBuffer == NULL || dwInBufferSize == 0)) {
        code = NET_DVR_PARAMETER_ERROR; /* measured: before the id */
    }
    if (code == 0) {
        code = user_device_locked(lUserID, &dev);
    }
    if (code == 0) {
        s_rec.last_command = dwCommand;
        s_rec.last_channel = lChannel;
        c = cfg_for_locked(dev);
        if (dwCommand == NET_DVR_SET_DEVICECFG_V40) {
            const NET_DVR_DEVICECFG_V40 *in = (const NET_DVR_DEVICECFG_V40 *)lpInBuffer;
            if (dwInBufferSize != sizeof *in || in->dwSize != sizeof *in) {
                code = NET_DVR_PARAMETER_ERROR;
            } else { /* only the name is writable here; the rest is the device's */
                memcpy(c->name, in->sDVRName, CFG_NAME_LEN);
            }
        } else if (dwCommand == NET_DVR_SET_TIMECFG) {
            if (dwInBufferSize != sizeof(NET_DVR_TIME) ||
                !set_device_time(c, (const NET_DVR_TIME *)lpInBuffer)) {
                code = NET_DVR_PARAMETER_ERROR;
            }
        } else {
            code = NET_DVR_NOSUPPORT;
        }
        if (code == 0) {
            s_rec.sets++;
        }
    }
    unlock();
    return code != 0 ? fail_bool(code) : ok_bool();
}

FAKE_API BOOL NET_DVR_RebootDVR(LONG lUserID) {
    DWORD code;
    int dev = -1;
    ready();
    lock();
    code = begin_initialized_locked(FN_RebootDVR);
    if (code == 0) {
        code = user_device_locked(lUserID, &dev);
    }
    if (code == 0) { /* recorded only: the session stays (see README.md) */
        cfg_for_locked(dev)->reboots++;
        s_rec.reboots++;
        s_rec.last_reboot_user = lUserID;
    }
    unlock();
    return code != 0 ? fail_bool(code) : ok_bool();
}

/* ---- control API ------------------------------------------------------------------------------ */
FAKE_API int fake_config_set_text(int dev, const char *field, const void *data, int len) {
    cfg_device *c;
    BYTE *dst = NULL;
    size_t cap = 0;
    int rc = FAKE_OK;
    ready();
    lock();
    c = cfg_for_locked(dev);
    if (c == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else if (field != NULL && strcmp(field, "sDVRName") == 0) {
        dst = c->name, cap = sizeof c->name;
    } else if (field != NULL && strcmp(field, "byDevTypeName") == 0) {
        dst = c->model, cap = sizeof c->model;
    } else {
        rc = FAKE_ERR_NO_FIELD;
    }
    if (dst != NULL) {
        if (len < 0 || (size_t)len > cap || (data == NULL && len > 0)) {
            rc = FAKE_ERR_VALUE;
        } else {
            memset(dst, 0, cap);
            if (len > 0) {
                memcpy(dst, data, (size_t)len);
            }
        }
    }
    unlock();
    return rc;
}

FAKE_API int fake_config_set_channel(int dev, int channel, const void *name, int len, int online) {
    cfg_device *c;
    int rc = FAKE_OK, is_ip = 0, slot = -1;
    ready();
    lock();
    c = cfg_for_locked(dev);
    if (c == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else if ((slot = channel_slot(device_at(dev), channel, &is_ip)) < 0 || len > CFG_NAME_LEN ||
               (name == NULL && len > 0) || online > 1 || (online >= 0 && !is_ip)) {
        rc = FAKE_ERR_VALUE;
    } else {
        BYTE *dst = is_ip ? c->ip_names[slot] : c->analog_names[slot];
        if (len >= 0) {
            memset(dst, 0, CFG_NAME_LEN);
            memcpy(dst, name, (size_t)len);
        }
        if (online >= 0) {
            c->ip_online[slot] = (BYTE)online;
        }
    }
    unlock();
    return rc;
}

FAKE_API int fake_config_set_time_offset(int dev, long long seconds) {
    cfg_device *c;
    int rc = FAKE_OK;
    ready();
    lock();
    c = cfg_for_locked(dev);
    if (c == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else {
        c->time_offset = seconds + local_wall_seconds();
    }
    unlock();
    return rc;
}

/* fake_get_int keys of the area; 1 if `key` is one. */
int config_get_int(const char *key, long long *value) {
    int dev;
    lock();
#define CFG_KEY(name, expr) else if (strcmp(key, name) == 0) *value = (long long)(expr);
    if (sscanf(key, "reboots:%d", &dev) == 1) {
        cfg_device *c = cfg_for_locked(dev);
        *value = c != NULL ? c->reboots : -1;
    }
    CFG_KEY("reboots", s_rec.reboots)
    CFG_KEY("last_reboot_user", s_rec.last_reboot_user)
    CFG_KEY("last_config_command", s_rec.last_command)
    CFG_KEY("last_config_channel", s_rec.last_channel)
    CFG_KEY("config_sets", s_rec.sets)
    CFG_KEY("snapshots", g_snapshot.calls_ok)
    CFG_KEY("last_snapshot_channel", g_snapshot.channel)
    CFG_KEY("last_snapshot_size", g_snapshot.size)
    CFG_KEY("last_snapshot_quality", g_snapshot.quality)
    CFG_KEY("last_snapshot_buffer", g_snapshot.buffer)
    else {
        unlock();
        return 0;
    }
#undef CFG_KEY
    unlock();
    return 1;
}
