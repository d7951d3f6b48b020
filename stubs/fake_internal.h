/*
 * fake_internal.h - what the fake HCNetSDK's source files share; never installed, never exported.
 *
 * The fake is one shared library built from every .c file in this folder (see README.md, "The
 * house"). Each .c file holds one SDK area and includes this header first. Here are the shared
 * state, the lock, the last-error helpers, the table of exported SDK functions, and the functions
 * one area offers the others. Everything declared here is hidden: only what fake_hcnetsdk.h
 * marks FAKE_API leaves the library.
 *
 * Adding an area (say isapi): write fake_isapi.c, starting with #include "fake_internal.h";
 * declare its SDK functions and control functions in fake_hcnetsdk.h; add its NET_DVR_ functions
 * to FAKE_SDK_FUNCTIONS below; add its state to fake_state under a comment naming the area, and
 * if that state needs non-zero defaults, an isapi_reset_locked() declared below and called from
 * reset_locked() in fake_core.c. The build picks up the new file by itself.
 */
#ifndef FAKE_INTERNAL_H
#define FAKE_INTERNAL_H

/* Before any system header: clock_gettime, nanosleep, strnlen, inet_pton (POSIX), and
 * struct dl_phdr_info for dl_iterate_phdr (glibc declares it only with _GNU_SOURCE; musl and the
 * BSDs declare it anyway). */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif
#if !defined(_WIN32) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE
#endif

#include "fake_hcnetsdk.h"

#include <stddef.h>
#include <stdint.h>

/* Internal declarations are hidden even if a build forgets -fvisibility=hidden. No system header
 * may be included between push and pop: its declarations would become hidden too. */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

#if defined(_MSC_VER)
#define FAKE_THREAD_LOCAL __declspec(thread)
#else
#define FAKE_THREAD_LOCAL __thread
#endif

/* ---- exported SDK functions (fake_core.c) --------------------------------------------------- */
/* Every NET_DVR_ function the fake exports, once: X(name without NET_DVR_, fallible). Fallible
 * ones report failure (BOOL or LONG) and can be targeted by fake_fail_next. Every one is counted
 * ("calls:NET_DVR_<name>" in fake_get_int). A new SDK function gets one line here. */
#define FAKE_SDK_FUNCTIONS(X) \
    X(Init, 1)                \
    X(Cleanup, 1)             \
    X(GetLastError, 0)        \
    X(GetErrorMsg, 0)         \
    X(GetSDKVersion, 0)       \
    X(GetSDKBuildVersion, 0)  \
    X(SetConnectTime, 1)      \
    X(SetRecvTimeOut, 1)      \
    X(SetReconnect, 1)        \
    X(SetLogToFile, 1)        \
    X(SetSDKInitCfg, 1)       \
    X(Login_V40, 1)           \
    X(Login_V30, 1)           \
    X(Logout, 1)              \
    X(SetDVRMessageCallBack_V50, 1) \
    X(SetupAlarmChan_V50, 1)  \
    X(CloseAlarmChan_V30, 1)  \
    X(SetExceptionCallBack_V30, 1) \
    X(StartListen_V30, 1)     \
    X(StopListen_V30, 1)      \
    X(GetDVRConfig, 1)        \
    X(SetDVRConfig, 1)        \
    X(RebootDVR, 1)           \
    X(CaptureJPEGPicture_NEW, 1) \
    X(FindFile_V40, 1)        \
    X(FindNextFile_V40, 1)    \
    X(FindClose_V30, 1)       \
    X(GetFileByTime_V40, 1)   \
    X(GetFileByName, 1)       \
    X(PlayBackControl_V40, 1) \
    X(GetDownloadPos, 1)      \
    X(StopGetFile, 1)         \
    X(RealPlay_V40, 1)        \
    X(StopRealPlay, 1)        \
    X(PTZControlWithSpeed_Other, 1) \
    X(PTZPreset_Other, 1)     \
    X(STDXMLConfig, 1)

#define FAKE_FN_ENUM(name, fallible) FN_##name,
enum { FAKE_SDK_FUNCTIONS(FAKE_FN_ENUM) FN_COUNT };
#undef FAKE_FN_ENUM

extern const char *const k_function_names[FN_COUNT]; /* "NET_DVR_Init", ... */
extern const unsigned char k_function_fallible[FN_COUNT];

/* The FN_ index of a "NET_DVR_..." name, or -1. */
int function_index(const char *name);

/* ---- limits and defaults ------------------------------------------------------------------ */
#define FAKE_MAX_DEVICES 1024
#define FAKE_PATH_MAX 4096
#define DEFAULT_SDK_VERSION 0x00060001u   /* 6.1: major in the high word */
#define DEFAULT_BUILD_VERSION 0x06010930u /* 6.1.9.48: one byte per part */
#define DEFAULT_LOGOUT_BLOCK_MS 5000
#define FAKE_EXTRA_USERS 8 /* users of a device besides its first (fake_kit.c) */

/* A slot is FREED after its Logout, and also when a synchronous login that took it failed:
 * Logout of a freed slot gives 47, of a never-used one blocks (sdk-facts-features.md 1.3, 1.4). */
enum slot_state { SLOT_NEVER_USED = 0, SLOT_IN_USE = 1, SLOT_FREED = 2 };

/* ---- shared state ------------------------------------------------------------------------- */
/* One simulated device (fake_site.c). */
typedef struct {
    int in_use;
    unsigned generation;
    int family;
    unsigned char addr[16];
    int port;
    char ip_text[NET_DVR_DEV_ADDRESS_MAX_LEN];
    char user[NET_DVR_LOGIN_USERNAME_MAX_LEN];
    size_t user_len;
    char password[NET_DVR_LOGIN_PASSWD_MAX_LEN];
    size_t password_len;
    NET_DVR_DEVICEINFO_V40 info;
    int max_attempts;  /* 0: no lock policy */
    int lock_seconds;
    int failed_attempts;
    double locked_until; /* monotonic seconds, 0: not locked */
    DWORD fail_code;     /* 0: logins are not forced to fail */
    int latency_ms;      /* -1: the global latency */
    /* kit (fake_kit.c): more users, a scripted next login, what logins reached the device */
    int extra_users;
    char extra_user[FAKE_EXTRA_USERS][NET_DVR_LOGIN_USERNAME_MAX_LEN];
    size_t extra_user_len[FAKE_EXTRA_USERS];
    char extra_password[FAKE_EXTRA_USERS][NET_DVR_LOGIN_PASSWD_MAX_LEN];
    size_t extra_password_len[FAKE_EXTRA_USERS];
    DWORD fail_next_login; /* 0: none; consumed by the next login reaching the device */
    long long login_attempts; /* logins that reached the device (after its latency) */
    long long logins_ok;
} fake_device;

/* Everything the fake remembers, per process. Guarded by lock(); reset_locked() zeroes it and
 * sets the defaults. Each area's fields sit under its name. */
typedef struct {
    /* core: lifecycle, versions */
    int initialized;
    long init_pid; /* getpid() at the Init that initialised: Cleanup in a forked child crashes */
    long long init_calls;
    long long cleanup_calls;
    DWORD sdk_version;
    DWORD build_version;

    /* core: settings */
    DWORD connect_wait_ms;
    DWORD connect_tries;
    DWORD recv_timeout_ms;
    DWORD reconnect_interval_ms;
    int reconnect_enabled;
    DWORD log_level;
    char log_dir[FAKE_PATH_MAX];
    int log_auto_delete;
    char sdk_path[sizeof(((NET_DVR_LOCAL_SDK_PATH *)0)->sPath) + 1];
    int sdk_path_set; /* SetSDKInitCfg type 2 was called: Init reads the folder from sdk_path */
    char init_folder[FAKE_PATH_MAX]; /* the SDK folder the last Init read ("" before any) */
    char libcrypto_path[FAKE_PATH_MAX];
    char libssl_path[FAKE_PATH_MAX];
    long long init_cfg_calls;

    /* core: calls counted and failures scheduled by fake_fail_next */
    long long calls[FN_COUNT];
    DWORD fail_next[FN_COUNT];

    /* login: latency, logout, the user table, the last login */
    int latency_ms;
    int logout_block_ms;
    long long logout_unused_calls;
    int logins_in_flight;
    int max_logins_in_flight;

    char last_login_function[32];
    char last_login_host[NET_DVR_DEV_ADDRESS_MAX_LEN + 1];
    char last_login_peer[64]; /* where it connected ("" if the host string was refused) */
    long long login_connects; /* logins whose host string was accepted: they connected */
    int last_login_port;
    char last_login_user[NET_DVR_LOGIN_USERNAME_MAX_LEN + 1];
    int last_login_https;
    int last_login_mode;
    int last_login_transport;
    int last_login_proxy_type;
    int last_login_utc;
    int last_login_verify_mode;
    long long last_login_proxy_id;
    long long last_login_async;

    unsigned char slot_state[MAX_LOGIN_USERS];
    int slot_device[MAX_LOGIN_USERS];
    int users;

    /* site: the device table */
    fake_device devices[FAKE_MAX_DEVICES];
    int device_count; /* high-water mark of the device table */
    unsigned generation;
} fake_state;

extern fake_state g; /* the one shared state (fake_core.c); touch it only with the lock held */

/* ---- core (fake_core.c) ------------------------------------------------------------------- */
/* Every exported function starts with ready() (the first call sets up the default state), then
 * takes the lock for the shortest time: never across a sleep or a call back into the caller. */
void ready(void);
void lock(void);
void unlock(void);

/* Everything back to the state after loading. Lock held. */
void reset_locked(void);

/* Counts the call and consumes a failure scheduled by fake_fail_next. Lock held. */
DWORD enter_locked(int fn);

/* Common start of a function that needs Init: 0 to go on, else the failure code. Lock held. */
DWORD begin_initialized_locked(int fn);

double monotonic_seconds(void);
void sleep_ms(int ms);

/* Copies at most cap-1 bytes of src (NUL-terminated, or exactly n bytes) and terminates. */
void copy_text(char *dst, size_t cap, const char *src, size_t n);

/* ---- hosts (fake_hosts.c) ---------------------------------------------------------------- */
/* Where the real SDK connects for a host string (sdk-facts.md, "Host strings"): 1 and the
 * address (family AF_INET or AF_INET6, address in network order), or 0 for a string it refuses
 * with 17. Never resolves a name. */
int resolve_host(const char *text, int *family, unsigned char addr[16]);

/* The address as text ("127.0.0.1", "::1"); cap >= 46. */
void format_address(int family, const unsigned char addr[16], char *out, size_t cap);

/* A strict IP literal (inet_pton, IPv4 or IPv6), for the control API's device addresses. */
int parse_ip(const char *text, int *family, unsigned char addr[16]);

/* ---- last error (fake_errors.c): thread-local, like the SDK's ----------------------------- */
void set_last_error(DWORD code);
BOOL fail_bool(DWORD code); /* sets code, returns FALSE */
BOOL ok_bool(void);         /* sets 0, returns TRUE */
/* A handle function given a bad handle (StopListen_V30, CloseAlarmChan_V30, ...): FALSE, and
 * the previous error stays unless it was 0, then 12 (sdk-facts-features.md 1.3). */
BOOL fail_stale_handle(void);

/* ---- struct layouts (fake_layout.c) ------------------------------------------------------- */
enum field_kind { KIND_UNSIGNED, KIND_SIGNED, KIND_BYTES, KIND_POINTER, KIND_STRUCT };

typedef struct {
    const char *name;
    size_t offset;
    size_t size;
    int kind;
} field_desc;

/* A field of NET_DVR_DEVICEINFO_V40 by name: its own fields, the V30 fields by their bare name,
 * or "struDeviceV30.<name>". The offset is relative to the V40 struct (the V30 part is at 0). */
const field_desc *find_device_field(const char *name);

/* ---- login (fake_login.c) ----------------------------------------------------------------- */
void login_reset_locked(void);     /* login defaults; lock held */
void free_all_slots_locked(void);  /* every user id unused again (Init, Cleanup); lock held */

/* ---- events (fake_events.c): its state lives there, under its own lock (order: lock() first,
 * then the events lock; never lock() while holding the events lock) --------------------------- */
void events_user_gone_locked(LONG user_id); /* Logout: the user's alarm channels close; lock held */
void events_forget_all_locked(void); /* Init, Cleanup: channels, listeners, callbacks; lock held */
void events_reset(void);             /* fake_reset, before reset_locked; lock NOT held */
int events_get_int(const char *key, long long *value); /* 1 if the key is the events area's */
int events_get_str(const char *key, char *out, size_t cap);

/* ---- configuration and snapshots (fake_config.c, fake_snapshot.c; their own header is
 * fake_config.h) ------------------------------------------------------------------------------ */
void config_reset_locked(void);                         /* fake_reset; lock held */
int config_get_int(const char *key, long long *value); /* 1 if the key is the area's; lock NOT held */
/* The layout of one of the area's structs for fake_sizeof/fake_offsetof: 1 if known. */
int config_struct_layout(const char *name, const char **found, size_t *size,
                         const field_desc **fields, size_t *count);
/* ---- playback (fake_playback.c): its state lives there, under lock() ---------------------- */
void playback_reset(void); /* fake_reset: stops every download's thread; lock NOT held */
int playback_get_int(const char *key, long long *value); /* 1 if the key is the playback area's */
/* ---- stream (fake_stream.c): its state lives there, under its own lock (order: lock() first,
 * then the stream lock) ------------------------------------------------------------------------ */
void stream_user_gone_locked(LONG user_id); /* Logout: the id's streams stop; lock held */
void stream_forget_all_locked(void);        /* Init, Cleanup: every stream stops; lock held */
void stream_reset(void);  /* fake_reset: streams stopped and waited for; lock NOT held */
int stream_get_int(const char *key, long long *value); /* 1 if the key is the stream area's */
/* Whether the device has that channel (analog from byStartChan, IP from byStartDChan). */
int device_has_channel(const fake_device *d, LONG channel);

/* ---- ptz (fake_ptz.c) --------------------------------------------------------------------- */
void ptz_reset_locked(void); /* fake_reset: no state, empty log; lock held */

/* ---- isapi (fake_isapi.c) --------------------------------------------------------------- */
void isapi_reset_locked(void); /* scripted answers and recorded requests freed; lock held */

/* ---- site (fake_site.c) ------------------------------------------------------------------- */
void site_reset_locked(void); /* the default site; lock held */
fake_device *device_at(int dev); /* NULL if no device has that handle; lock held */
int find_device_locked(int family, const unsigned char addr[16], int port);

/* ---- kit (fake_kit.c) ---------------------------------------------------------------------- */
/* 1 if (user, password) is one of the device's accounts. Lock held. */
int device_accepts_locked(const fake_device *d, const char *user, size_t user_len,
                          const char *password, size_t password_len);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* FAKE_INTERNAL_H */
