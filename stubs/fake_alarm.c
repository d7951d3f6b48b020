/*
 * fake_alarm.c - alarm channels and callbacks: NET_DVR_SetDVRMessageCallBack_V50,
 * NET_DVR_SetExceptionCallBack_V30, NET_DVR_SetupAlarmChan_V50, NET_DVR_CloseAlarmChan_V30; the
 * events area's hooks for the other areas (Logout, Init/Cleanup, fake_reset) and its recorded
 * state (fake_get_int / fake_get_str keys).
 *
 * A channel belongs to a logged-in user id and remembers its device (serial, address) for the
 * NET_DVR_ALARMER of its alarms. CloseAlarmChan_V30 stops its callbacks: none starts after it
 * returned, and one in progress is waited for unless the call comes from inside it.
 */
#include "fake_events.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- SDK: callbacks and alarm channels ------------------------------------------------------- */
FAKE_API BOOL NET_DVR_SetDVRMessageCallBack_V50(int iIndex, MSGCallBack fMessageCallBack,
                                                void *pUser) {
    DWORD code;
    ready();
    lock();
    code = begin_initialized_locked(FN_SetDVRMessageCallBack_V50);
    if (code == 0 && (iIndex < 0 || iIndex >= EV_MESSAGE_INDICES)) {
        code = NET_DVR_PARAMETER_ERROR; /* measured: 16, 17, 100, -1 */
    }
    if (code == 0) {
        ev_lock();
        ev.msg_cb[iIndex] = fMessageCallBack; /* NULL accepted (measured) */
        ev.msg_user[iIndex] = pUser;
        ev_unlock();
    }
    unlock();
    return code != 0 ? fail_bool(code) : ok_bool();
}

FAKE_API BOOL NET_DVR_SetExceptionCallBack_V30(
    unsigned int reserved1, void *reserved2,
    void (*fExceptionCallBack)(DWORD dwType, LONG lUserID, LONG lHandle, void *pUser),
    void *pUser) {
    DWORD code;
    (void)reserved1; /* measured: the reserved arguments are not checked */
    (void)reserved2;
    ready();
    lock();
    code = begin_initialized_locked(FN_SetExceptionCallBack_V30);
    if (code == 0) {
        ev_lock();
        ev.exc_cb = fExceptionCallBack;
        ev.exc_user = pUser;
        ev_unlock();
    }
    unlock();
    return code != 0 ? fail_bool(code) : ok_bool();
}

FAKE_API LONG NET_DVR_SetupAlarmChan_V50(LONG iUserID, LPNET_DVR_SETUPALARM_PARAM_V50 lpSetupParam,
                                         char *pSub, DWORD dwSubSize) {
    DWORD code;
    int h = -1;
    fake_device *d = NULL;
    ready();
    lock();
    code = begin_initialized_locked(FN_SetupAlarmChan_V50);
    /* Measured: the id is checked first, even with a NULL param or dwSize 0 (1.4, 5.3). */
    if (code == 0 && (iUserID < 0 || iUserID >= MAX_LOGIN_USERS)) {
        code = NET_DVR_PARAMETER_ERROR;
    } else if (code == 0 && g.slot_state[iUserID] != SLOT_IN_USE) {
        code = NET_DVR_USERNOTEXIST;
    }
    if (code == 0 && (lpSetupParam == NULL || lpSetupParam->dwSize != sizeof *lpSetupParam)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0 && (d = device_at(g.slot_device[iUserID])) == NULL) {
        code = NET_DVR_NETWORK_FAIL_CONNECT; /* the device left the site after the login */
    }
    if (code == 0) {
        ev_lock();
        for (h = 0; h < EV_MAX_CHANNELS && ev.channels[h].open; h++) {
        }
        if (h == EV_MAX_CHANNELS) {
            code = NET_DVR_MAX_NUM;
            h = -1;
        } else {
            ev_channel *c = &ev.channels[h];
            memset(c, 0, sizeof *c);
            c->open = 1;
            c->sender.user = iUserID;
            memcpy(c->sender.serial, d->info.struDeviceV30.sSerialNumber, SERIALNO_LEN);
            copy_text(c->sender.ip, sizeof c->sender.ip, d->ip_text, strlen(d->ip_text));
            c->sender.port = d->port;
            c->sender.family = d->family;
            ev.channels_open++;
            ev.last_level = lpSetupParam->byLevel;
            ev.last_info_type = lpSetupParam->byAlarmInfoType;
            ev.last_ret_v40 = lpSetupParam->byRetAlarmTypeV40;
            ev.last_deploy_type = lpSetupParam->byDeployType;
            ev.last_subscription = lpSetupParam->bySubScription;
            ev.last_sub_len = pSub != NULL ? (long long)dwSubSize : -1;
            copy_text(ev.last_sub, sizeof ev.last_sub, pSub != NULL ? pSub : "",
                      pSub != NULL ? strnlen(pSub, dwSubSize) : 0);
        }
        ev_unlock();
    }
    unlock();
    set_last_error(code);
    return code != 0 ? -1 : (LONG)h;
}

FAKE_API BOOL NET_DVR_CloseAlarmChan_V30(LONG lAlarmHandle) {
    DWORD code;
    ready();
    lock();
    code = begin_initialized_locked(FN_CloseAlarmChan_V30);
    unlock();
    if (code != 0) {
        return fail_bool(code);
    }
    ev_lock();
    if (lAlarmHandle < 0 || lAlarmHandle >= EV_MAX_CHANNELS || !ev.channels[lAlarmHandle].open) {
        ev_unlock();
        return fail_stale_handle(); /* measured: 12, or the previous error (1.3) */
    }
    ev.channels[lAlarmHandle].open = 0;
    ev.channels_open--;
    /* No callback of this channel starts from now on; one in progress is waited for, unless
     * this is it (the event thread calling from inside a callback cannot wait for itself). */
    while (t_fake_thread != 1 && ev.delivering == lAlarmHandle) {
        ev_wait_until(0);
    }
    ev_unlock();
    return ok_bool();
}

/* ---- hooks for the other areas (fake_internal.h) -------------------------------------------- */
static void close_channels_locked(LONG user_id) {
    int h;
    for (h = 0; h < EV_MAX_CHANNELS; h++) {
        if (ev.channels[h].open && (user_id < 0 || ev.channels[h].sender.user == user_id)) {
            ev.channels[h].open = 0;
            ev.channels_open--;
        }
    }
}

void events_user_gone_locked(LONG user_id) {
    ev_lock();
    close_channels_locked(user_id); /* no wait: the global lock is held */
    ev.offline[user_id] = 0;
    ev_broadcast();
    ev_unlock();
}

void events_forget_all_locked(void) {
    ev_lock();
    close_channels_locked(-1);
    memset(ev.offline, 0, sizeof ev.offline);
    memset(ev.msg_cb, 0, sizeof ev.msg_cb);
    memset(ev.msg_user, 0, sizeof ev.msg_user);
    ev.exc_cb = NULL;
    ev.exc_user = NULL;
    listen_stop_all_locked();
    ev_broadcast();
    ev_unlock();
}

void events_reset(void) {
    ev_item *item;
    ev_lock();
    ev.reset_gen++; /* queued work, a burst, a delivery's counting: all stop */
    item = ev.head;
    ev.head = ev.tail = NULL;
    ev.queued = 0;
    close_channels_locked(-1);
    memset(ev.offline, 0, sizeof ev.offline);
    memset(ev.msg_cb, 0, sizeof ev.msg_cb);
    memset(ev.msg_user, 0, sizeof ev.msg_user);
    ev.exc_cb = NULL;
    ev.exc_user = NULL;
    listen_stop_all_locked();
    ev.delivered = ev.dropped_no_channel = ev.dropped_offline = ev.dropped_no_callback = 0;
    ev.exceptions_delivered = ev.listener_requests = ev.listener_rejected = 0;
    ev.last_level = ev.last_info_type = ev.last_ret_v40 = 0;
    ev.last_deploy_type = ev.last_subscription = 0;
    ev.last_sub_len = 0;
    ev.last_sub[0] = '\0';
    ev_broadcast();
    if (t_fake_thread == 0) { /* from a callback, waiting would wait for itself */
        while (ev.processing || ev.callbacks_in_progress > 0) {
            ev_wait_until(0);
        }
        listen_wait_all_locked();
    }
    ev_unlock();
    while (item != NULL) {
        ev_item *next = item->next;
        free(item);
        item = next;
    }
}

/* ---- recorded state (fake_get_int, fake_get_str) --------------------------------------------- */
static int indexed_key(const char *key, const char *prefix, int limit) {
    size_t n = strlen(prefix);
    char *end;
    long i;
    if (strncmp(key, prefix, n) != 0 || key[n] < '0' || key[n] > '9') {
        return -1;
    }
    errno = 0;
    i = strtol(key + n, &end, 10);
    return (*end != '\0' || errno != 0 || i >= limit) ? -1 : (int)i;
}

int events_get_int(const char *key, long long *value) {
    int found = 1, i;
    ev_lock();
#define EV_KEY(name, expr) else if (strcmp(key, name) == 0) *value = (long long)(expr);
    if (0) {
    }
    EV_KEY("alarm_channels_open", ev.channels_open)
    EV_KEY("listeners_open", ev.listeners_open)
    EV_KEY("events_delivered", ev.delivered)
    EV_KEY("events_dropped_no_channel", ev.dropped_no_channel)
    EV_KEY("events_dropped_offline", ev.dropped_offline)
    EV_KEY("events_dropped_no_callback", ev.dropped_no_callback)
    EV_KEY("exceptions_delivered", ev.exceptions_delivered)
    EV_KEY("callbacks_in_progress", ev.callbacks_in_progress)
    EV_KEY("events_queued", ev.queued + ev.processing)
    EV_KEY("listener_requests", ev.listener_requests)
    EV_KEY("listener_rejected", ev.listener_rejected)
    EV_KEY("exception_callback_set", ev.exc_cb != NULL)
    EV_KEY("last_alarm_level", ev.last_level)
    EV_KEY("last_alarm_info_type", ev.last_info_type)
    EV_KEY("last_alarm_ret_v40", ev.last_ret_v40)
    EV_KEY("last_alarm_deploy_type", ev.last_deploy_type)
    EV_KEY("last_alarm_subscription", ev.last_subscription)
    EV_KEY("last_alarm_sub_len", ev.last_sub_len)
#undef EV_KEY
    else if ((i = indexed_key(key, "message_callback_set:", EV_MESSAGE_INDICES)) >= 0) {
        *value = ev.msg_cb[i] != NULL;
    } else if ((i = indexed_key(key, "listen_port:", EV_MAX_LISTENERS)) >= 0) {
        *value = ev.listeners[i].state == LISTENER_RUNNING ? ev.listeners[i].port : -1;
    } else {
        found = 0;
    }
    ev_unlock();
    return found;
}

int events_get_str(const char *key, char *out, size_t cap) {
    if (strcmp(key, "last_alarm_sub") != 0) {
        return 0;
    }
    ev_lock();
    copy_text(out, cap, ev.last_sub, strlen(ev.last_sub));
    ev_unlock();
    return 1;
}
