/*
 * fake_login.c - logging in and out: NET_DVR_Login_V40, NET_DVR_Login_V30, NET_DVR_Logout, the
 * user table (2048 ids), account lockout, login latency, and their control functions.
 *
 * A login reads its host string as the real SDK does (fake_hosts.c: "127.1" connects to
 * 127.0.0.1, "localhost" is refused with 17), finds the device at the address it leads to in the
 * site (fake_site.c; none there: 7, like a closed port), sleeps the simulated latency outside
 * the lock, then checks credentials and the lock policy and hands out the lowest free user id.
 */
#include "fake_internal.h"

#include <string.h>

/* Login defaults, called by reset_locked (which zeroed everything before). Lock held. */
void login_reset_locked(void) {
    g.logout_block_ms = DEFAULT_LOGOUT_BLOCK_MS;
    g.last_login_port = -1;
}

void free_all_slots_locked(void) {
    memset(g.slot_state, 0, sizeof g.slot_state);
    memset(g.slot_device, 0, sizeof g.slot_device);
    g.users = 0;
    events_forget_all_locked(); /* Init, Cleanup: no alarm channel or listener survives */
    stream_forget_all_locked(); /* ... nor a live stream */
}

/* The lowest user id not in use, or -1 when all 2048 are. Lock held. */
static int free_slot_locked(void) {
    int slot;
    for (slot = 0; slot < MAX_LOGIN_USERS; slot++) {
        if (g.slot_state[slot] != SLOT_IN_USE) {
            return slot;
        }
    }
    return -1;
}

/* A synchronous login that connected and then failed used a user slot and gave it back:
 * measured, Logout of that id gives 47 like any slot used before (sdk-facts-features.md 1.4,
 * 9.4), where a never-used id would block for 5 s. The fake's failing login takes the slot a
 * success would have taken. Lock held. */
static void spend_slot_locked(void) {
    int slot = free_slot_locked();
    if (slot >= 0) {
        g.slot_state[slot] = SLOT_FREED;
    }
}

/* ---- SDK: login / logout ---------------------------------------------------------------------- */
typedef struct {
    int https, login_mode, transport, proxy_type, utc, verify_mode;
    long long proxy_id, async;
} login_options;

/* The part of a login after the function's own argument checks: find the device, wait the
 * simulated latency outside the lock, then check credentials and allocate a user id. */
static LONG login_common(int fn, const char *host, int port, const char *user, size_t user_len,
                         const char *password, size_t password_len, const login_options *opts,
                         NET_DVR_DEVICEINFO_V40 *out40, NET_DVR_DEVICEINFO_V30 *out30) {
    int family, idx, latency, slot;
    unsigned generation;
    unsigned char addr[16];
    fake_device *d;
    DWORD code = 0;
    NET_DVR_DEVICEINFO_V40 info;
    double now;

    lock();
    copy_text(g.last_login_function, sizeof g.last_login_function, k_function_names[fn],
              strlen(k_function_names[fn]));
    copy_text(g.last_login_host, sizeof g.last_login_host, host, strlen(host));
    g.last_login_port = port;
    copy_text(g.last_login_user, sizeof g.last_login_user, user, user_len);
    g.last_login_https = opts->https;
    g.last_login_mode = opts->login_mode;
    g.last_login_transport = opts->transport;
    g.last_login_proxy_type = opts->proxy_type;
    g.last_login_utc = opts->utc;
    g.last_login_verify_mode = opts->verify_mode;
    g.last_login_proxy_id = opts->proxy_id;
    g.last_login_async = opts->async;
    g.last_login_peer[0] = '\0';
    if (!resolve_host(host, &family, addr)) {
        unlock();
        set_last_error(NET_DVR_PARAMETER_ERROR); /* at once, no connection */
        return -1;
    }
    if (free_slot_locked() < 0) {
        unlock();
        set_last_error(NET_DVR_MAX_NUM); /* the SDK's own table is full: at once */
        return -1;
    }
    /* Connect where the host string leads: a device there, or a closed port. */
    format_address(family, addr, g.last_login_peer, sizeof g.last_login_peer);
    g.login_connects++;
    idx = find_device_locked(family, addr, port);
    if (idx < 0) {
        spend_slot_locked();
        unlock();
        set_last_error(NET_DVR_NETWORK_FAIL_CONNECT); /* like a closed port: at once */
        return -1;
    }
    generation = g.devices[idx].generation;
    latency = g.devices[idx].latency_ms >= 0 ? g.devices[idx].latency_ms : g.latency_ms;
    g.logins_in_flight++;
    if (g.logins_in_flight > g.max_logins_in_flight) {
        g.max_logins_in_flight = g.logins_in_flight;
    }
    unlock();

    sleep_ms(latency); /* outside the lock: parallel logins overlap */

    lock();
    if (g.logins_in_flight > 0) { /* fake_reset may have zeroed it meanwhile */
        g.logins_in_flight--;
    }
    d = device_at(idx);
    if (!g.initialized) {
        code = NET_DVR_NOINIT; /* NET_DVR_Cleanup ran meanwhile */
    } else if (d == NULL || d->generation != generation) {
        code = NET_DVR_NETWORK_FAIL_CONNECT; /* the device went away meanwhile */
    } else if (d->fail_code != 0) {
        code = d->fail_code;
    }
    if (d != NULL && d->generation == generation && code != NET_DVR_NOINIT) {
        d->login_attempts++; /* fake_kit.c: what reached the device */
        if (code == 0 && d->fail_next_login != 0) {
            code = d->fail_next_login;
            d->fail_next_login = 0;
        }
    }
    if (code != 0) {
        if (code != NET_DVR_NOINIT) {
            spend_slot_locked();
        }
        unlock();
        set_last_error(code);
        return -1;
    }

    now = monotonic_seconds();
    if (d->locked_until != 0.0 && d->locked_until <= now) {
        d->locked_until = 0.0;
        d->failed_attempts = 0;
    }
    if (d->locked_until != 0.0) {
        double left = d->locked_until - now;
        DWORD seconds = (DWORD)left;
        if ((double)seconds < left) {
            seconds++;
        }
        if (out40 != NULL) {
            out40->bySupportLock = 1;
            out40->byRetryLoginTime = 0;
            out40->dwSurplusLockTime = seconds;
        }
        spend_slot_locked();
        unlock();
        set_last_error(NET_DVR_USER_LOCKED);
        return -1;
    }
    if (!device_accepts_locked(d, user, user_len, password, password_len)) {
        code = NET_DVR_PASSWORD_ERROR;
        if (d->max_attempts > 0) {
            int left;
            d->failed_attempts++;
            left = d->max_attempts - d->failed_attempts;
            if (left <= 0) {
                /* The attempt that uses up the last try locks the account at once. */
                d->locked_until = now + (double)d->lock_seconds;
                code = NET_DVR_USER_LOCKED;
                left = 0;
            }
            if (out40 != NULL) {
                out40->bySupportLock = 1;
                out40->byRetryLoginTime = (BYTE)(left > 255 ? 255 : left);
                out40->dwSurplusLockTime =
                    code == NET_DVR_USER_LOCKED ? (DWORD)d->lock_seconds : 0;
            }
        } else if (out40 != NULL) {
            out40->bySupportLock = 0;
        }
        spend_slot_locked();
        unlock();
        set_last_error(code);
        return -1;
    }

    slot = free_slot_locked();
    if (slot < 0) { /* parallel logins took the last slots meanwhile */
        unlock();
        set_last_error(NET_DVR_MAX_NUM); /* the SDK's own table is full */
        return -1;
    }
    g.slot_state[slot] = SLOT_IN_USE;
    g.slot_device[slot] = idx;
    g.users++;
    d->failed_attempts = 0;
    d->logins_ok++;
    info = d->info;
    info.bySupportLock = d->max_attempts > 0 ? 1 : 0;
    info.byRetryLoginTime = (BYTE)(d->max_attempts > 255 ? 255 : d->max_attempts);
    info.dwSurplusLockTime = 0;
    unlock();

    if (out40 != NULL) {
        *out40 = info;
    }
    if (out30 != NULL) {
        *out30 = info.struDeviceV30;
    }
    set_last_error(NET_DVR_NOERROR);
    return (LONG)slot;
}

/* Common start of a LONG function that needs Init: 0 to go on, else the failure code. */
static DWORD begin_login(int fn) {
    DWORD code;
    ready();
    lock();
    code = begin_initialized_locked(fn);
    unlock();
    return code;
}

FAKE_API LONG NET_DVR_Login_V40(LPNET_DVR_USER_LOGIN_INFO pLoginInfo,
                                LPNET_DVR_DEVICEINFO_V40 lpDeviceInfo) {
    char host[NET_DVR_DEV_ADDRESS_MAX_LEN + 1];
    login_options opts;
    DWORD code = begin_login(FN_Login_V40);
    if (code == 0 && (pLoginInfo == NULL || lpDeviceInfo == NULL)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0 && pLoginInfo->bUseAsynLogin != 0) {
        code = NET_DVR_PARAMETER_ERROR; /* asynchronous login is not simulated */
    }
    if (code != 0) {
        set_last_error(code);
        return -1;
    }
    /* The SDK's char arrays need not be NUL-terminated: read each within its size. */
    copy_text(host, sizeof host, pLoginInfo->sDeviceAddress,
              strnlen(pLoginInfo->sDeviceAddress, sizeof pLoginInfo->sDeviceAddress));
    opts.https = pLoginInfo->byHttps;
    opts.login_mode = pLoginInfo->byLoginMode;
    opts.transport = pLoginInfo->byUseTransport;
    opts.proxy_type = pLoginInfo->byProxyType;
    opts.utc = pLoginInfo->byUseUTCTime;
    opts.verify_mode = pLoginInfo->byVerifyMode;
    opts.proxy_id = pLoginInfo->iProxyID;
    opts.async = pLoginInfo->bUseAsynLogin;
    return login_common(FN_Login_V40, host, pLoginInfo->wPort, pLoginInfo->sUserName,
                        strnlen(pLoginInfo->sUserName, sizeof pLoginInfo->sUserName),
                        pLoginInfo->sPassword,
                        strnlen(pLoginInfo->sPassword, sizeof pLoginInfo->sPassword), &opts,
                        lpDeviceInfo, NULL);
}

FAKE_API LONG NET_DVR_Login_V30(char *sDVRIP, WORD wDVRPort, char *sUserName, char *sPassword,
                                LPNET_DVR_DEVICEINFO_V30 lpDeviceInfo) {
    size_t user_len = 0, password_len = 0;
    login_options opts;
    DWORD code = begin_login(FN_Login_V30);
    if (code == 0 && (sDVRIP == NULL || sUserName == NULL || sPassword == NULL ||
                      lpDeviceInfo == NULL)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) {
        user_len = strnlen(sUserName, NET_DVR_LOGIN_USERNAME_MAX_LEN);
        password_len = strnlen(sPassword, PASSWD_LEN + 1);
        /* Measured: a user name of 64+ bytes or a password of 17+ bytes is rejected. */
        if (user_len >= NET_DVR_LOGIN_USERNAME_MAX_LEN || password_len > PASSWD_LEN ||
            strnlen(sDVRIP, NET_DVR_DEV_ADDRESS_MAX_LEN) >= NET_DVR_DEV_ADDRESS_MAX_LEN) {
            code = NET_DVR_PARAMETER_ERROR;
        }
    }
    if (code != 0) {
        set_last_error(code);
        return -1;
    }
    memset(&opts, 0, sizeof opts);
    return login_common(FN_Login_V30, sDVRIP, wDVRPort, sUserName, user_len, sPassword,
                        password_len, &opts, NULL, lpDeviceInfo);
}

FAKE_API BOOL NET_DVR_Logout(LONG lUserID) {
    DWORD code;
    int block_ms;
    ready();
    lock();
    code = begin_initialized_locked(FN_Logout);
    if (code == 0 && (lUserID < 0 || lUserID >= MAX_LOGIN_USERS)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code != 0) {
        unlock();
        return fail_bool(code);
    }
    if (g.slot_state[lUserID] == SLOT_IN_USE) {
        g.slot_state[lUserID] = SLOT_FREED;
        g.users--;
        events_user_gone_locked(lUserID); /* its alarm channels close with it */
        stream_user_gone_locked(lUserID); /* and its live streams */
        unlock();
        /* Measured: a Logout that returns TRUE leaves the previous error untouched (46 and 7
         * stayed after it; sdk-facts-features.md 1.3). */
        return TRUE;
    }
    if (g.slot_state[lUserID] == SLOT_FREED) {
        unlock();
        return fail_bool(NET_DVR_USERNOTEXIST);
    }
    /* Never used: the real SDK blocks (about 5 s) and leaves the last error as it was. */
    g.logout_unused_calls++;
    block_ms = g.logout_block_ms;
    unlock();
    sleep_ms(block_ms);
    return FALSE;
}

/* ---- control API: login timing ---------------------------------------------------------------- */
FAKE_API void fake_set_latency_ms(int ms) {
    ready();
    lock();
    g.latency_ms = ms < 0 ? 0 : ms;
    unlock();
}

FAKE_API void fake_set_logout_block_ms(int ms) {
    ready();
    lock();
    g.logout_block_ms = ms < 0 ? 0 : ms;
    unlock();
}
