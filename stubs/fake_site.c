/*
 * fake_site.c - the simulated site: the device table, the default devices, and the control
 * functions that add, find and script devices (fake_add_device, fake_device_*).
 *
 * A device is what a login finds at (ip, port): credentials, the NET_DVR_DEVICEINFO_V40 a login
 * returns, a lock policy, a forced failure and a latency. The default site is in README.md.
 */
#include "fake_internal.h"

#include <string.h>

/* ---- devices --------------------------------------------------------------------------------- */
fake_device *device_at(int dev) {
    if (dev < 0 || dev >= g.device_count || !g.devices[dev].in_use) {
        return NULL;
    }
    return &g.devices[dev];
}

int find_device_locked(int family, const unsigned char addr[16], int port) {
    int i;
    for (i = 0; i < g.device_count; i++) {
        const fake_device *d = &g.devices[i];
        if (d->in_use && d->family == family && d->port == port &&
            memcmp(d->addr, addr, 16) == 0) {
            return i;
        }
    }
    return -1;
}

static void set_serial(NET_DVR_DEVICEINFO_V40 *info, const char *serial) {
    /* 48 bytes, NUL-padded; a 48-byte serial has no terminating NUL, as on the device. */
    memset(info->struDeviceV30.sSerialNumber, 0, sizeof info->struDeviceV30.sSerialNumber);
    memcpy(info->struDeviceV30.sSerialNumber, serial,
           strnlen(serial, sizeof info->struDeviceV30.sSerialNumber));
}

/* A plain IP camera: what fake_add_device creates before any fake_device_set. */
static void default_camera_info(NET_DVR_DEVICEINFO_V40 *info) {
    NET_DVR_DEVICEINFO_V30 *v30 = &info->struDeviceV30;
    memset(info, 0, sizeof *info);
    set_serial(info, "DS-2CD2143G2-I20230410AAWRL00000000");
    v30->byAlarmInPortNum = 1;
    v30->byAlarmOutPortNum = 1;
    v30->byDiskNum = 0;
    v30->byDVRType = 31;
    v30->byChanNum = 1;
    v30->byStartChan = 1;
    v30->byAudioChanNum = 1;
    v30->byIPChanNum = 0;
    v30->byZeroChanNum = 0;
    v30->wDevType = 0x2143;
    v30->byStartDChan = 0;
    v30->byStartDTalkChan = 0;
    v30->byHighDChanNum = 0;
    v30->byLanguageType = 2; /* English */
    info->byPasswordLevel = 2; /* valid password */
    info->byCharEncodeType = 6; /* UTF-8 */
    info->byLoginMode = 0;
    info->iResidualValidity = 0;
    info->byResidualValidity = 0;
    info->byTLSCap = 1;
}

static int add_device_locked(const char *ip, int port, const char *user, const char *password) {
    int family;
    unsigned char addr[16];
    size_t user_len, password_len;
    int idx, i;
    fake_device *d;

    if (ip == NULL || user == NULL || password == NULL || port < 0 || port > 65535) {
        return -1;
    }
    if (strnlen(ip, NET_DVR_DEV_ADDRESS_MAX_LEN) >= NET_DVR_DEV_ADDRESS_MAX_LEN ||
        !parse_ip(ip, &family, addr)) {
        return -1;
    }
    user_len = strnlen(user, NET_DVR_LOGIN_USERNAME_MAX_LEN + 1);
    password_len = strnlen(password, NET_DVR_LOGIN_PASSWD_MAX_LEN + 1);
    if (user_len > NET_DVR_LOGIN_USERNAME_MAX_LEN || password_len > NET_DVR_LOGIN_PASSWD_MAX_LEN) {
        return -1;
    }
    idx = find_device_locked(family, addr, port);
    if (idx < 0) {
        for (i = 0; i < FAKE_MAX_DEVICES; i++) {
            if (!g.devices[i].in_use) {
                idx = i;
                break;
            }
        }
        if (idx < 0) {
            return -1;
        }
        if (idx >= g.device_count) {
            g.device_count = idx + 1;
        }
    }
    d = &g.devices[idx];
    memset(d, 0, sizeof *d);
    d->in_use = 1;
    d->generation = ++g.generation;
    d->family = family;
    memcpy(d->addr, addr, sizeof d->addr);
    d->port = port;
    copy_text(d->ip_text, sizeof d->ip_text, ip, strlen(ip));
    memcpy(d->user, user, user_len);
    d->user_len = user_len;
    memcpy(d->password, password, password_len);
    d->password_len = password_len;
    default_camera_info(&d->info);
    d->latency_ms = -1;
    return idx;
}

static void clear_devices_locked(void) {
    memset(g.devices, 0, sizeof g.devices);
    g.device_count = 0;
    g.generation++;
}

typedef struct {
    int port;
    const char *serial;
    BYTE chan_num, start_chan, ip_chan_num, start_dchan, zero_chan_num, disks, alarm_in,
        alarm_out, dvr_type;
    WORD dev_type;
    BYTE password_level;
    int residual_validity;
} default_device;

/* The default simulated site (documented in README.md). */
static const default_device k_default_site[] = {
    {8000, "DS-7608NI-K20820230410CCRRF00000001WCVU", 0, 1, 8, 33, 1, 1, 4, 1, 75, 0x7608, 1, 0},
    {8001, "DS-2CD2143G2-I20230410AAWRL00000001", 1, 1, 0, 0, 0, 0, 1, 1, 31, 0x2143, 1, 0},
    {8002, "DS-2CD2387G2-LU20230410AAWRL00000002", 1, 1, 0, 0, 0, 0, 1, 1, 31, 0x2387, 1, 0},
    {8003, "DS-2DE4425IW-DE20230410AAWRL00000003", 1, 1, 0, 0, 0, 0, 2, 1, 31, 0x4425, 1, 0},
    {8004, "DS-2CD2T47G2-L20230410AAWRL00000004", 1, 1, 0, 0, 0, 0, 0, 0, 31, 0x2747, 1, 0},
};

/* Fills the (just zeroed) device table with the default site. Lock held. */
void site_reset_locked(void) {
    size_t i;
    for (i = 0; i < sizeof k_default_site / sizeof k_default_site[0]; i++) {
        const default_device *s = &k_default_site[i];
        int idx = add_device_locked("127.0.0.1", s->port, "admin", "12345");
        fake_device *d = &g.devices[idx];
        NET_DVR_DEVICEINFO_V30 *v30 = &d->info.struDeviceV30;
        set_serial(&d->info, s->serial);
        v30->byChanNum = s->chan_num;
        v30->byStartChan = s->start_chan;
        v30->byIPChanNum = s->ip_chan_num;
        v30->byStartDChan = s->start_dchan;
        v30->byZeroChanNum = s->zero_chan_num;
        v30->byDiskNum = s->disks;
        v30->byAlarmInPortNum = s->alarm_in;
        v30->byAlarmOutPortNum = s->alarm_out;
        v30->byDVRType = s->dvr_type;
        v30->wDevType = s->dev_type;
        d->info.byPasswordLevel = s->password_level;
        d->info.iResidualValidity = s->residual_validity;
        d->max_attempts = 5;
        d->lock_seconds = 1800;
    }
}

/* ---- control API: the site ------------------------------------------------------------------- */
FAKE_API void fake_clear_devices(void) {
    ready();
    lock();
    clear_devices_locked();
    unlock();
}

FAKE_API int fake_add_device(const char *ip, int port, const char *user, const char *password) {
    int idx;
    ready();
    lock();
    idx = add_device_locked(ip, port, user, password);
    unlock();
    return idx;
}

FAKE_API int fake_find_device(const char *ip, int port) {
    int family, idx = -1;
    unsigned char addr[16];
    ready();
    if (ip == NULL || strnlen(ip, NET_DVR_DEV_ADDRESS_MAX_LEN) >= NET_DVR_DEV_ADDRESS_MAX_LEN ||
        !parse_ip(ip, &family, addr)) {
        return -1;
    }
    lock();
    idx = find_device_locked(family, addr, port);
    unlock();
    return idx;
}

static int is_lock_field(const field_desc *f) {
    return strcmp(f->name, "bySupportLock") == 0 || strcmp(f->name, "byRetryLoginTime") == 0 ||
           strcmp(f->name, "dwSurplusLockTime") == 0;
}

FAKE_API int fake_device_set(int dev, const char *field, long long value) {
    const field_desc *f = find_device_field(field);
    fake_device *d;
    unsigned char *at;
    int rc = FAKE_OK;
    ready();
    lock();
    d = device_at(dev);
    if (d == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else if (f == NULL) {
        rc = FAKE_ERR_NO_FIELD;
    } else if (is_lock_field(f)) {
        rc = FAKE_ERR_DERIVED;
    } else if (f->kind == KIND_UNSIGNED &&
               (value < 0 || (f->size < 8 && value >= (1LL << (8 * f->size))))) {
        rc = FAKE_ERR_VALUE;
    } else if (f->kind == KIND_SIGNED && (value < INT32_MIN || value > INT32_MAX)) {
        rc = FAKE_ERR_VALUE;
    } else if (f->kind != KIND_UNSIGNED && f->kind != KIND_SIGNED) {
        rc = FAKE_ERR_VALUE; /* arrays and structs: use fake_device_set_bytes */
    } else {
        at = (unsigned char *)&d->info + f->offset;
        if (f->size == 1) {
            *at = (BYTE)value;
        } else if (f->size == 2) {
            WORD w = (WORD)value;
            memcpy(at, &w, sizeof w);
        } else if (f->kind == KIND_SIGNED) {
            int32_t i = (int32_t)value;
            memcpy(at, &i, sizeof i);
        } else {
            DWORD u = (DWORD)value;
            memcpy(at, &u, sizeof u);
        }
    }
    unlock();
    return rc;
}

FAKE_API int fake_device_set_bytes(int dev, const char *field, const void *data, int len) {
    const field_desc *f = find_device_field(field);
    fake_device *d;
    int rc = FAKE_OK;
    ready();
    lock();
    d = device_at(dev);
    if (d == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else if (f == NULL) {
        rc = FAKE_ERR_NO_FIELD;
    } else if (is_lock_field(f)) {
        rc = FAKE_ERR_DERIVED;
    } else if (len < 0 || (size_t)len > f->size || (data == NULL && len > 0)) {
        rc = FAKE_ERR_VALUE;
    } else {
        unsigned char *at = (unsigned char *)&d->info + f->offset;
        memset(at, 0, f->size);
        if (len > 0) {
            memcpy(at, data, (size_t)len);
        }
    }
    unlock();
    return rc;
}

FAKE_API int fake_device_set_lock_policy(int dev, int max_attempts, int lock_seconds) {
    fake_device *d;
    int rc = FAKE_OK;
    ready();
    lock();
    d = device_at(dev);
    if (d == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else if (max_attempts < 0 || max_attempts > 255 || lock_seconds < 0) {
        rc = FAKE_ERR_VALUE;
    } else {
        d->max_attempts = max_attempts;
        d->lock_seconds = lock_seconds;
        d->failed_attempts = 0;
        d->locked_until = 0.0;
    }
    unlock();
    return rc;
}

FAKE_API int fake_device_fail_login(int dev, int code) {
    fake_device *d;
    int rc = FAKE_OK;
    ready();
    lock();
    d = device_at(dev);
    if (d == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else if (code < 0) {
        rc = FAKE_ERR_VALUE;
    } else {
        d->fail_code = (DWORD)code;
    }
    unlock();
    return rc;
}

FAKE_API int fake_device_set_latency_ms(int dev, int ms) {
    fake_device *d;
    int rc = FAKE_OK;
    ready();
    lock();
    d = device_at(dev);
    if (d == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else {
        d->latency_ms = ms < 0 ? -1 : ms;
    }
    unlock();
    return rc;
}
