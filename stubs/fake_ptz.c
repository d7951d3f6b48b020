/*
 * fake_ptz.c - PTZ: NET_DVR_PTZControlWithSpeed_Other and NET_DVR_PTZPreset_Other on simulated
 * cameras, and the control API that reads their state back (fake_ptz.h).
 *
 * Measured (sdk-facts-features.md 8, 1.4): the user id is checked before the values (17 out of
 * range, 47 not logged in). Chosen where the facts are silent (no device was measured): a
 * channel the device does not have gives 4 (NET_DVR_CHANNEL_ERROR); a command outside the
 * header's table, a dwStop other than 0/1, a speed outside 1..7, a preset command other than
 * 8/9/39 or an index outside 1..300 (MAX_PRESET_V30) give 17; going to a preset never set
 * succeeds (a camera moves to its stored or default position). A start (dwStop 0) makes the
 * command the channel's movement; any stop (dwStop 1) ends it. State is kept per device and
 * channel, under the global lock, until fake_reset.
 */
#include "fake_internal.h"
#include "fake_ptz.h"

#include <string.h>

#define PTZ_MAX_ENTRIES 1024
#define PTZ_LOG 1024
#define PTZ_MAX_SPEED 7

typedef struct {
    int used, dev;
    LONG channel;
    DWORD moving, speed, last_command, last_stop, last_speed, preset;
    long long commands;
    unsigned char presets[FAKE_PTZ_MAX_PRESET + 1];
} ptz_entry;

typedef struct {
    long long v[7];
} ptz_call;

static ptz_entry entries[PTZ_MAX_ENTRIES];
static ptz_call log_ring[PTZ_LOG];
static long long log_count;

static int known_command(DWORD c) {
    return (c >= 2 && c <= 9) || (c >= 11 && c <= 16) || (c >= 21 && c <= 39) ||
           (c >= 41 && c <= 46) || (c >= 50 && c <= 56) || (c >= 58 && c <= 73);
}

/* The entry of (dev, channel), made on first use; NULL when the table is full. Lock held. */
static ptz_entry *entry_locked(int dev, LONG channel, int create) {
    int i, free_at = -1;
    for (i = 0; i < PTZ_MAX_ENTRIES; i++) {
        if (entries[i].used && entries[i].dev == dev && entries[i].channel == channel) {
            return &entries[i];
        }
        if (!entries[i].used && free_at < 0) {
            free_at = i;
        }
    }
    if (!create || free_at < 0) {
        return NULL;
    }
    memset(&entries[free_at], 0, sizeof entries[free_at]);
    entries[free_at].used = 1;
    entries[free_at].dev = dev;
    entries[free_at].channel = channel;
    return &entries[free_at];
}

static void log_locked(int dev, LONG user, LONG channel, int kind, DWORD cmd, DWORD arg,
                       DWORD speed) {
    ptz_call *c = &log_ring[log_count % PTZ_LOG];
    c->v[0] = dev;
    c->v[1] = channel;
    c->v[2] = kind;
    c->v[3] = cmd;
    c->v[4] = arg;
    c->v[5] = speed;
    c->v[6] = user;
    log_count++;
}

/* The checks both functions share: 0 and the entry, or the error code. Lock held. */
static DWORD check_locked(int fn, LONG user, LONG channel, int *dev, ptz_entry **e) {
    DWORD code = begin_initialized_locked(fn);
    const fake_device *d;
    if (code != 0) {
        return code;
    }
    if (user < 0 || user >= MAX_LOGIN_USERS) {
        return NET_DVR_PARAMETER_ERROR; /* measured: the id before the values */
    }
    if (g.slot_state[user] != SLOT_IN_USE) {
        return NET_DVR_USERNOTEXIST;
    }
    *dev = g.slot_device[user];
    if ((d = device_at(*dev)) == NULL) {
        return NET_DVR_NETWORK_FAIL_CONNECT;
    }
    if (!device_has_channel(d, channel)) {
        return 4; /* NET_DVR_CHANNEL_ERROR */
    }
    *e = entry_locked(*dev, channel, 1);
    return *e == NULL ? NET_DVR_MAX_NUM : 0;
}

FAKE_API BOOL NET_DVR_PTZControlWithSpeed_Other(LONG lUserID, LONG lChannel, DWORD dwPTZCommand,
                                                DWORD dwStop, DWORD dwSpeed) {
    DWORD code;
    int dev = -1;
    ptz_entry *e = NULL;
    ready();
    lock();
    code = check_locked(FN_PTZControlWithSpeed_Other, lUserID, lChannel, &dev, &e);
    if (code == 0 && (!known_command(dwPTZCommand) || dwStop > 1 || dwSpeed < 1 ||
                      dwSpeed > PTZ_MAX_SPEED)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) {
        e->moving = dwStop ? 0 : dwPTZCommand;
        e->speed = dwStop ? 0 : dwSpeed;
        e->last_command = dwPTZCommand;
        e->last_stop = dwStop;
        e->last_speed = dwSpeed;
        e->commands++;
        log_locked(dev, lUserID, lChannel, 0, dwPTZCommand, dwStop, dwSpeed);
    }
    unlock();
    return code != 0 ? fail_bool(code) : ok_bool();
}

FAKE_API BOOL NET_DVR_PTZPreset_Other(LONG lUserID, LONG lChannel, DWORD dwPTZPresetCmd,
                                      DWORD dwPresetIndex) {
    DWORD code;
    int dev = -1;
    ptz_entry *e = NULL;
    ready();
    lock();
    code = check_locked(FN_PTZPreset_Other, lUserID, lChannel, &dev, &e);
    if (code == 0 && ((dwPTZPresetCmd != SET_PRESET && dwPTZPresetCmd != CLE_PRESET &&
                       dwPTZPresetCmd != GOTO_PRESET) ||
                      dwPresetIndex < 1 || dwPresetIndex > FAKE_PTZ_MAX_PRESET)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) {
        if (dwPTZPresetCmd == SET_PRESET) {
            e->presets[dwPresetIndex] = 1;
        } else if (dwPTZPresetCmd == CLE_PRESET) {
            e->presets[dwPresetIndex] = 0;
        } else {
            e->preset = dwPresetIndex;
            e->moving = 0; /* a preset call ends a continuous movement */
        }
        e->last_command = dwPTZPresetCmd;
        e->commands++;
        log_locked(dev, lUserID, lChannel, 1, dwPTZPresetCmd, dwPresetIndex, 0);
    }
    unlock();
    return code != 0 ? fail_bool(code) : ok_bool();
}

/* ---- hooks and control API ---------------------------------------------------------------- */
void ptz_reset_locked(void) {
    memset(entries, 0, sizeof entries);
    memset(log_ring, 0, sizeof log_ring);
    log_count = 0;
}

FAKE_API int fake_ptz_state(int dev, int channel, long long *out, int n) {
    const ptz_entry *e;
    long long values[FAKE_PTZ_STATE_FIELDS];
    int i, count = 0;
    if (out == NULL || n < 0) {
        return -1;
    }
    ready();
    lock();
    e = entry_locked(dev, channel, 0);
    if (e != NULL) {
        values[0] = e->moving;
        values[1] = e->speed;
        values[2] = e->last_command;
        values[3] = e->last_stop;
        values[4] = e->last_speed;
        values[5] = e->commands;
        values[6] = e->preset;
        values[7] = 0;
        for (i = 1; i <= FAKE_PTZ_MAX_PRESET; i++) {
            values[7] += e->presets[i];
        }
        count = n < FAKE_PTZ_STATE_FIELDS ? n : FAKE_PTZ_STATE_FIELDS;
        memcpy(out, values, (size_t)count * sizeof values[0]);
    }
    unlock();
    return e != NULL ? count : -1;
}

FAKE_API int fake_ptz_preset_is_set(int dev, int channel, int index) {
    const ptz_entry *e;
    int set = 0;
    if (index < 1 || index > FAKE_PTZ_MAX_PRESET) {
        return 0;
    }
    ready();
    lock();
    e = entry_locked(dev, channel, 0);
    set = e != NULL && e->presets[index];
    unlock();
    return set;
}

FAKE_API long long fake_ptz_log_count(void) {
    long long n;
    ready();
    lock();
    n = log_count;
    unlock();
    return n;
}

FAKE_API int fake_ptz_log(long long i, long long *out, int n) {
    long long first;
    int rc = -1;
    if (out == NULL || n < 0) {
        return -1;
    }
    ready();
    lock();
    first = log_count > PTZ_LOG ? log_count - PTZ_LOG : 0;
    if (i >= 0 && first + i < log_count) {
        const ptz_call *c = &log_ring[(first + i) % PTZ_LOG];
        memcpy(out, c->v, (size_t)(n < 7 ? n : 7) * sizeof c->v[0]);
        rc = 0;
    }
    unlock();
    return rc;
}
