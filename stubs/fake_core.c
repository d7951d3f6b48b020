/*
 * fake_core.c - the SDK's core: NET_DVR_Init/Cleanup, versions, settings (connect time, receive
 * timeout, reconnect, log, SetSDKInitCfg), and what every area shares: the state g, the lock,
 * the table of exported functions, reset_locked, and small helpers.
 *
 * Behaves like the real library (6.1.9.48) as measured in shared/sdk-facts.md, for the functions
 * the binding uses, with simulated devices instead of a network. It never opens a socket or a
 * file. Behaviour, the control API and the default site are documented in README.md.
 */
#include "fake_internal.h"

#include <errno.h>
#include <link.h> /* dl_iterate_phdr: the folder this library was loaded from */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h> /* getpid */

/* ---- the exported SDK functions ---------------------------------------------------------------- */
#define FAKE_FN_NAME(name, fallible) "NET_DVR_" #name,
#define FAKE_FN_FALLIBLE(name, fallible) fallible,
const char *const k_function_names[FN_COUNT] = {FAKE_SDK_FUNCTIONS(FAKE_FN_NAME)};
const unsigned char k_function_fallible[FN_COUNT] = {FAKE_SDK_FUNCTIONS(FAKE_FN_FALLIBLE)};
#undef FAKE_FN_NAME
#undef FAKE_FN_FALLIBLE

int function_index(const char *name) {
    int i;
    if (name == NULL) {
        return -1;
    }
    for (i = 0; i < FN_COUNT; i++) {
        if (strcmp(k_function_names[i], name) == 0) {
            return i;
        }
    }
    return -1;
}

/* ---- shared state ------------------------------------------------------------------------------ */
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
fake_state g;

void lock(void) { pthread_mutex_lock(&g_lock); }
void unlock(void) { pthread_mutex_unlock(&g_lock); }

void reset_locked(void) {
    /* Device generations keep growing across resets, so a login sleeping through a reset
     * cannot mistake a new device for the one it found. */
    unsigned generation = g.generation;
    memset(&g, 0, sizeof g);
    g.generation = generation + 1;
    g.sdk_version = DEFAULT_SDK_VERSION;
    g.build_version = DEFAULT_BUILD_VERSION;
    g.connect_wait_ms = 3000;
    g.connect_tries = 3;
    g.recv_timeout_ms = 5000;
    g.reconnect_interval_ms = 30000;
    g.reconnect_enabled = 1;
    g.log_level = 0;
    g.log_auto_delete = 1;
    /* Each area's defaults: a new area with non-zero defaults adds its call here. */
    login_reset_locked();
    site_reset_locked();
    isapi_reset_locked();
}

static void init_once(void) {
    lock();
    reset_locked();
    unlock();
}

void ready(void) { pthread_once(&g_once, init_once); }

DWORD enter_locked(int fn) {
    DWORD code = g.fail_next[fn];
    g.calls[fn]++;
    g.fail_next[fn] = 0;
    return code;
}

DWORD begin_initialized_locked(int fn) {
    DWORD code = enter_locked(fn);
    if (code == 0 && !g.initialized) {
        code = NET_DVR_NOINIT;
    }
    return code;
}

/* ---- helpers ----------------------------------------------------------------------------------- */
double monotonic_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void sleep_ms(int ms) {
    struct timespec ts;
    if (ms <= 0) {
        return;
    }
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
    }
}

/* Copies at most cap-1 bytes of src (NUL-terminated, or exactly n bytes) and terminates. */
void copy_text(char *dst, size_t cap, const char *src, size_t n) {
    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* ---- the SDK's folder, as Init reads it -------------------------------------------------------- */
/* Any object of this library: its address tells which loaded file is this one. */
static const char k_self_marker = 0;

typedef struct {
    uintptr_t address; /* an address inside this library */
    char *folder;
    size_t cap;
} self_search;

static int find_self(struct dl_phdr_info *info, size_t size, void *data) {
    self_search *search = (self_search *)data;
    const char *name, *slash;
    size_t i, n;
    (void)size;
    for (i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t start = (uintptr_t)(info->dlpi_addr + ph->p_vaddr);
        if (ph->p_type != PT_LOAD || search->address < start ||
            search->address - start >= (uintptr_t)ph->p_memsz) {
            continue;
        }
        name = info->dlpi_name != NULL ? info->dlpi_name : "";
        slash = strrchr(name, '/');
        if (slash == NULL) {
            n = 0; /* a bare file name: no folder known */
        } else if (slash == name) {
            n = 1; /* "/libhcnetsdk.so": the root */
        } else {
            n = (size_t)(slash - name);
        }
        copy_text(search->folder, search->cap, name, n);
        return 1;
    }
    return 0;
}

/* The folder this library was loaded from (the path given to dlopen, without the file name);
 * "" if unknown. Where the real SDK looks for its parts when SetSDKInitCfg type 2 gave none. */
static void library_folder(char *folder, size_t cap) {
    self_search search;
    search.address = (uintptr_t)&k_self_marker;
    search.folder = folder;
    search.cap = cap;
    folder[0] = '\0';
    dl_iterate_phdr(find_self, &search);
}

/* The signal the real SDK's Init dies of for this SDK folder, or 0 (sdk-facts.md, "Paths"):
 * given with SetSDKInitCfg type 2, a folder of 247-250 bytes crashes with SIGSEGV and one of
 * 251-255 bytes with SIGILL; without that call (the library's own folder), 247 bytes crash
 * (the facts do not name that signal: SIGSEGV, as for 247 with the call) and 248-255 work. */
static int init_crash_signal(size_t folder_len, int given) {
    if (folder_len >= 247 && folder_len <= 250 && (given || folder_len == 247)) {
        return SIGSEGV;
    }
    if (folder_len >= 251 && folder_len <= 255 && given) {
        return SIGILL;
    }
    return 0;
}

/* Dies of sig, as the real library does of a fault. A handler that returns (or an ignored
 * signal) cannot save the process: a real fault would come back at once. */
static void crash_with(int sig) {
    raise(sig);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* ---- SDK: lifecycle, versions ------------------------------------------------------------------ */
FAKE_API BOOL NET_DVR_Init(void) {
    DWORD forced;
    char folder[FAKE_PATH_MAX];
    int crash = 0;
    ready();
    library_folder(folder, sizeof folder);
    lock();
    forced = enter_locked(FN_Init);
    g.init_calls++;
    if (forced != 0) {
        unlock();
        return fail_bool(forced);
    }
    if (!g.initialized) {
        const char *used = g.sdk_path_set ? g.sdk_path : folder;
        copy_text(g.init_folder, sizeof g.init_folder, used, strlen(used));
        crash = init_crash_signal(strlen(used), g.sdk_path_set);
    }
    if (crash == 0 && !g.initialized) {
        g.initialized = 1;
        g.init_pid = (long)getpid();
        free_all_slots_locked();
    }
    unlock();
    if (crash != 0) {
        crash_with(crash); /* the process dies here, as with the real library */
    }
    return ok_bool();
}

FAKE_API BOOL NET_DVR_Cleanup(void) {
    DWORD forced;
    int forked;
    ready();
    lock();
    forced = enter_locked(FN_Cleanup);
    g.cleanup_calls++;
    if (forced == 0 && !g.initialized) {
        forced = NET_DVR_NOINIT;
    }
    if (forced != 0) {
        unlock();
        return fail_bool(forced);
    }
    /* Measured: Cleanup in a child forked after Init crashes it with SIGSEGV (30 of 30); the
     * SDK's ~130 threads did not survive the fork. Everything else works in the child. */
    forked = g.init_pid != (long)getpid();
    if (!forked) {
        g.initialized = 0;
        free_all_slots_locked();
    }
    unlock();
    if (forked) {
        crash_with(SIGSEGV);
    }
    /* Measured: right after a successful Cleanup, GetLastError reads 3 (sdk-facts-features.md
     * 1.3 and 9.4). */
    set_last_error(NET_DVR_NOINIT);
    return TRUE;
}

static DWORD read_version(int fn, const DWORD *value) {
    DWORD result = 0;
    int initialized;
    ready();
    lock();
    g.calls[fn]++;
    initialized = g.initialized;
    if (initialized) {
        result = *value;
    }
    unlock();
    if (!initialized) {
        set_last_error(NET_DVR_NOINIT);
    }
    return result;
}

FAKE_API DWORD NET_DVR_GetSDKVersion(void) {
    return read_version(FN_GetSDKVersion, &g.sdk_version);
}

FAKE_API DWORD NET_DVR_GetSDKBuildVersion(void) {
    return read_version(FN_GetSDKBuildVersion, &g.build_version);
}

/* ---- SDK: settings ----------------------------------------------------------------------------- */
FAKE_API BOOL NET_DVR_SetConnectTime(DWORD dwWaitTime, DWORD dwTryTimes) {
    DWORD code;
    ready();
    lock();
    code = begin_initialized_locked(FN_SetConnectTime);
    if (code == 0) {
        g.connect_wait_ms = dwWaitTime;
        g.connect_tries = dwTryTimes;
    }
    unlock();
    return code != 0 ? fail_bool(code) : ok_bool();
}

FAKE_API BOOL NET_DVR_SetRecvTimeOut(DWORD nRecvTimeOut) {
    DWORD code;
    ready();
    lock();
    code = begin_initialized_locked(FN_SetRecvTimeOut);
    if (code == 0) {
        g.recv_timeout_ms = nRecvTimeOut;
    }
    unlock();
    return code != 0 ? fail_bool(code) : ok_bool();
}

FAKE_API BOOL NET_DVR_SetReconnect(DWORD dwInterval, BOOL bEnableRecon) {
    DWORD code;
    ready();
    lock();
    code = begin_initialized_locked(FN_SetReconnect);
    if (code == 0) {
        g.reconnect_interval_ms = dwInterval;
        g.reconnect_enabled = bEnableRecon != 0;
    }
    unlock();
    return code != 0 ? fail_bool(code) : ok_bool();
}

FAKE_API BOOL NET_DVR_SetLogToFile(DWORD nLogLevel, char *strLogDir, BOOL bAutoDel) {
    DWORD code;
    size_t dir_len = 0;
    ready();
    lock();
    code = begin_initialized_locked(FN_SetLogToFile);
    if (code == 0 && strLogDir != NULL) {
        dir_len = strnlen(strLogDir, FAKE_PATH_MAX);
    }
    if (code == 0 && (nLogLevel > 3 || dir_len >= FAKE_PATH_MAX)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) {
        g.log_level = nLogLevel;
        copy_text(g.log_dir, sizeof g.log_dir, strLogDir != NULL ? strLogDir : "", dir_len);
        g.log_auto_delete = bAutoDel != 0;
    }
    unlock();
    return code != 0 ? fail_bool(code) : ok_bool();
}

/* Meant to be called before NET_DVR_Init, and works then; accepted after Init too. */
FAKE_API BOOL NET_DVR_SetSDKInitCfg(int enumType, void *const lpInBuff) {
    DWORD code;
    ready();
    lock();
    code = enter_locked(FN_SetSDKInitCfg);
    if (code == 0 && (lpInBuff == NULL || enumType < NET_SDK_INIT_CFG_TYPE_CHECK_MODULE_COM ||
                      enumType > NET_SDK_INIT_CFG_SSLEAY_PATH)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0 && enumType == NET_SDK_INIT_CFG_SDK_PATH) {
        const NET_DVR_LOCAL_SDK_PATH *p = (const NET_DVR_LOCAL_SDK_PATH *)lpInBuff;
        copy_text(g.sdk_path, sizeof g.sdk_path, p->sPath, strnlen(p->sPath, sizeof p->sPath));
        g.sdk_path_set = 1;
    } else if (code == 0 && (enumType == NET_SDK_INIT_CFG_LIBEAY_PATH ||
                             enumType == NET_SDK_INIT_CFG_SSLEAY_PATH)) {
        const char *path = (const char *)lpInBuff;
        size_t n = strnlen(path, FAKE_PATH_MAX);
        if (n >= FAKE_PATH_MAX) {
            code = NET_DVR_PARAMETER_ERROR;
        } else if (enumType == NET_SDK_INIT_CFG_LIBEAY_PATH) {
            copy_text(g.libcrypto_path, sizeof g.libcrypto_path, path, n);
        } else {
            copy_text(g.libssl_path, sizeof g.libssl_path, path, n);
        }
    }
    if (code == 0) {
        g.init_cfg_calls++;
    }
    unlock();
    return code != 0 ? fail_bool(code) : ok_bool();
}

/* ---- control API: versions --------------------------------------------------------------------- */
FAKE_API void fake_set_build_version(DWORD version) {
    ready();
    lock();
    g.build_version = version;
    unlock();
}

FAKE_API void fake_set_sdk_version(DWORD version) {
    ready();
    lock();
    g.sdk_version = version;
    unlock();
}
