/*
 * fake_control.c - the control API that spans the areas: fake_reset, fake_fail_next, and the
 * readers of recorded state (fake_get_int, fake_get_str).
 *
 * Control functions that script one area live in that area's file (fake_site.c, fake_login.c,
 * fake_core.c, fake_layout.c). A new area that records something adds its keys here.
 */
#include "fake_internal.h"

#include <string.h>

FAKE_API void fake_reset(void) {
    ready();
    events_reset(); /* stops the area's threads' work: outside the lock */
    playback_reset(); /* stops and joins the download threads: outside the lock */
    lock();
    reset_locked();
    config_reset_locked();
    unlock();
    set_last_error(NET_DVR_NOERROR);
}

FAKE_API int fake_fail_next(const char *function, int code) {
    int fn = function_index(function);
    if (fn < 0 || !k_function_fallible[fn] || code < 0) {
        return -1;
    }
    ready();
    lock();
    g.fail_next[fn] = (DWORD)code;
    unlock();
    return 0;
}

static const char k_calls_prefix[] = "calls:";

FAKE_API long long fake_get_int(const char *key) {
    long long v = FAKE_NO_SUCH_KEY;
    ready();
    if (key == NULL) {
        return v;
    }
    if (events_get_int(key, &v)) {
        return v;
    }
    if (config_get_int(key, &v)) {
        return v;
    }
    if (playback_get_int(key, &v)) {
        return v;
    }
    lock();
    if (strncmp(key, k_calls_prefix, sizeof k_calls_prefix - 1) == 0) {
        int fn = function_index(key + sizeof k_calls_prefix - 1);
        if (fn >= 0) {
            v = g.calls[fn];
        }
    }
#define INT_KEY(name, expr) else if (strcmp(key, name) == 0) v = (long long)(expr);
    INT_KEY("initialized", g.initialized)
    INT_KEY("init_calls", g.init_calls)
    INT_KEY("cleanup_calls", g.cleanup_calls)
    INT_KEY("logged_in_users", g.users)
    INT_KEY("latency_ms", g.latency_ms)
    INT_KEY("logout_block_ms", g.logout_block_ms)
    INT_KEY("logout_unused_calls", g.logout_unused_calls)
    INT_KEY("logins_in_flight", g.logins_in_flight)
    INT_KEY("max_logins_in_flight", g.max_logins_in_flight)
    INT_KEY("sdk_version", g.sdk_version)
    INT_KEY("build_version", g.build_version)
    INT_KEY("connect_wait_ms", g.connect_wait_ms)
    INT_KEY("connect_tries", g.connect_tries)
    INT_KEY("recv_timeout_ms", g.recv_timeout_ms)
    INT_KEY("reconnect_interval_ms", g.reconnect_interval_ms)
    INT_KEY("reconnect_enabled", g.reconnect_enabled)
    INT_KEY("log_level", g.log_level)
    INT_KEY("log_auto_delete", g.log_auto_delete)
    INT_KEY("init_cfg_calls", g.init_cfg_calls)
    INT_KEY("last_login_port", g.last_login_port)
    INT_KEY("last_login_https", g.last_login_https)
    INT_KEY("last_login_mode", g.last_login_mode)
    INT_KEY("last_login_transport", g.last_login_transport)
    INT_KEY("last_login_proxy_type", g.last_login_proxy_type)
    INT_KEY("last_login_utc", g.last_login_utc)
    INT_KEY("last_login_verify_mode", g.last_login_verify_mode)
    INT_KEY("last_login_proxy_id", g.last_login_proxy_id)
    INT_KEY("last_login_async", g.last_login_async)
    INT_KEY("login_connects", g.login_connects)
#undef INT_KEY
    if (strcmp(key, "devices") == 0) {
        int i, n = 0;
        for (i = 0; i < g.device_count; i++) {
            n += g.devices[i].in_use;
        }
        v = n;
    }
    unlock();
    return v;
}

FAKE_API const char *fake_get_str(const char *key) {
    /* Copied under the lock into a per-thread buffer: valid until this thread's next call. */
    static FAKE_THREAD_LOCAL char buffer[FAKE_PATH_MAX];
    const char *src = NULL;
    ready();
    if (key == NULL) {
        return NULL;
    }
    if (events_get_str(key, buffer, sizeof buffer)) {
        return buffer;
    }
    lock();
    if (strcmp(key, "last_login_function") == 0) {
        src = g.last_login_function;
    } else if (strcmp(key, "last_login_host") == 0) {
        src = g.last_login_host;
    } else if (strcmp(key, "last_login_peer") == 0) {
        src = g.last_login_peer;
    } else if (strcmp(key, "last_login_user") == 0) {
        src = g.last_login_user;
    } else if (strcmp(key, "log_dir") == 0) {
        src = g.log_dir;
    } else if (strcmp(key, "init_folder") == 0) {
        src = g.init_folder;
    } else if (strcmp(key, "sdk_path") == 0) {
        src = g.sdk_path;
    } else if (strcmp(key, "libcrypto_path") == 0) {
        src = g.libcrypto_path;
    } else if (strcmp(key, "libssl_path") == 0) {
        src = g.libssl_path;
    }
    if (src != NULL) {
        copy_text(buffer, sizeof buffer, src, strlen(src));
    }
    unlock();
    return src != NULL ? buffer : NULL;
}
