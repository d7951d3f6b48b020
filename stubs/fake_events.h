/*
 * fake_events.h - what the events area's files share (fake_events.c, fake_events_push.c,
 * fake_listen.c); never installed, never exported. Other areas see only the few hooks declared
 * in fake_internal.h.
 *
 * The area's state is not in g: it is shared with the fake's own threads (the event thread and
 * one thread per listener) and holds threads, sockets and queued events that reset_locked's
 * memset could not reset. It lives in `ev`, guarded by its own mutex (ev_lock). Lock order:
 * lock() (the global one) may be held when ev_lock() is taken, never the other way round. No
 * lock is held while a user callback runs, while a thread is waited for, or while sleeping.
 */
#ifndef FAKE_EVENTS_H
#define FAKE_EVENTS_H

#include "fake_internal.h"

#include <pthread.h> /* before the visibility push: system headers stay default */

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

#define EV_MAX_CHANNELS 2048 /* NET_DVR_SDKABL.dwMaxAlarmChanNum */
#define EV_MAX_LISTENERS 64
#define EV_MESSAGE_INDICES 16 /* SetDVRMessageCallBack_V50: 0..15 */
#define EV_MAX_QUEUED 100000
#define EV_MAX_DATA (16 * 1024 * 1024) /* one body, picture, raw payload or HTTP body */
#define EV_MAX_LIST 4096               /* DWORDs of one V40 alarm */
#define EV_FILL 0xA5                   /* what a payload reads after its callback returned */

typedef void (*exception_callback)(DWORD dwType, LONG lUserID, LONG lHandle, void *pUser);

enum ev_kind {
    EV_ALARM_V30,
    EV_ALARM_V40,
    EV_ISAPI,
    EV_RAW,
    EV_EXCEPTION,
    EV_DROP,
    EV_RESTORE,
    EV_RATE
};

/* One queued event, in one allocation with its data (the pointers point inside it). */
typedef struct ev_item {
    struct ev_item *next;
    int kind;
    LONG user;
    LONG command;          /* EV_RAW */
    DWORD type;            /* alarm type, exception type */
    DWORD input;           /* alarm input (V30; V40 I/O alarms) */
    NET_DVR_TIME_EX time;  /* when it was pushed */
    int count, per_second; /* EV_RATE */
    int data_type;         /* EV_ISAPI: 1 XML, 2 JSON */
    DWORD *list;           /* V30: numbers 1..; V40: DWORDs (I/O: outputs, then channels) */
    int nlist;
    int noutputs; /* V40 I/O alarm: how many of list are alarm outputs */
    unsigned char *data; /* ISAPI body, raw payload */
    size_t len;
    unsigned char *pic; /* ISAPI picture, or NULL */
    size_t pic_len;
    char pic_name[MAX_ISAPI_FILENAME];
} ev_item;

/* The device an alarm channel belongs to, as SetupAlarmChan found it (for NET_DVR_ALARMER). */
typedef struct {
    LONG user;
    BYTE serial[SERIALNO_LEN];
    char ip[NET_DVR_DEV_ADDRESS_MAX_LEN];
    int port;
    int family;
} ev_sender;

typedef struct {
    int open;
    ev_sender sender;
} ev_channel;

enum { LISTENER_FREE = 0, LISTENER_RUNNING, LISTENER_STOPPING };

typedef struct {
    int state;
    unsigned gen;      /* grows when the slot's thread ends: StopListen waits for that */
    int fd;            /* the listening socket (closed by the listener's thread at its end) */
    int wake[2];       /* a pipe: a byte written wakes the thread to stop */
    int port;          /* the port bound */
    MSGCallBack cb;    /* NULL: the V50 index-0 callback */
    void *user;
    int busy;          /* a request accepted and not yet delivered */
} ev_listener;

typedef struct {
    unsigned reset_gen; /* grows at every events_reset: work of an older generation stops */

    MSGCallBack msg_cb[EV_MESSAGE_INDICES];
    void *msg_user[EV_MESSAGE_INDICES];
    exception_callback exc_cb;
    void *exc_user;

    ev_channel channels[EV_MAX_CHANNELS];
    int channels_open;
    unsigned char offline[MAX_LOGIN_USERS]; /* fake_drop_connection: alarms not delivered */

    ev_listener listeners[EV_MAX_LISTENERS];
    int listeners_open;

    ev_item *head, *tail;
    int queued;
    int thread_started;
    long thread_pid; /* a child of fork() has no event thread: it starts its own */
    int processing;  /* the event thread holds an item */
    int delivering;  /* the channel whose callback runs on the event thread, or -1 */
    int callbacks_in_progress;
    int listeners_busy;

    long long delivered, dropped_no_channel, dropped_offline, dropped_no_callback;
    long long exceptions_delivered, listener_requests, listener_rejected;

    /* the last successful NET_DVR_SetupAlarmChan_V50 */
    int last_level, last_info_type, last_ret_v40, last_deploy_type, last_subscription;
    long long last_sub_len;
    char last_sub[FAKE_PATH_MAX];
} ev_state;

extern ev_state ev; /* touch only with ev_lock() held */

/* The lowest open alarm channel of user after `after` (-1: from the first), or -1. Lock held. */
int ev_next_channel_locked(LONG user, int after);

void ev_lock(void);
void ev_unlock(void);
void ev_broadcast(void);                 /* something changed: wake every waiter; lock held */
int ev_wait_until(double deadline);      /* monotonic seconds, <= 0: forever; 0 or ETIMEDOUT */

/* Which fake thread runs the caller: 0 none (the caller's own), 1 the event thread, 2 a
 * listener's thread (t_listener = its slot). */
extern FAKE_THREAD_LOCAL int t_fake_thread;
extern FAKE_THREAD_LOCAL int t_listener;

/* Queues an item for the event thread (starting it if needed); takes ownership. 0 or a
 * FAKE_ERR_ code (then the item is freed). */
int ev_enqueue(ev_item *item);

/* A growing buffer of the calling thread, for a payload (NULL if out of memory); a listener's
 * thread gives its buffer back with ev_buffer_free when it ends. */
unsigned char *ev_buffer(size_t size);
void ev_buffer_free(void);

/* Builds the payload of an alarm item into the calling thread's buffer: its size, the size
 * reported as dwBufLen (*reported), and *out; (size_t)-1 if out of memory. */
size_t ev_build_payload(const ev_item *item, unsigned char **out, DWORD *reported);

/* Fills an alarmer for a channel's device (byUserIDValid ...) or a listener's client. */
void ev_fill_alarmer(NET_DVR_ALARMER *a, const ev_sender *s, int from_listener);

/* Overwrites what a callback was given, once it returned (a binding that kept the pointers
 * reads EV_FILL until the thread's next event). */
void ev_scrub(void *payload, size_t len, NET_DVR_ALARMER *alarmer);

/* The calling thread's NET_DVR_ALARMER, handed to its callbacks. */
NET_DVR_ALARMER *ev_thread_alarmer(void);

/* The time now, for NET_DVR_TIME_EX (local time). */
void ev_now(NET_DVR_TIME_EX *t);

/* ---- the listener's HTTP (fake_http.c) ---- */
typedef struct { /* one request, read whole */
    unsigned char *buf;
    size_t len, cap;
    size_t body; /* offset of the body */
    size_t body_len;
    char content_type[256];
} http_request;

/* Reads one request whole from conn (wake readable: give up): 1, or 0 for garbage, too big, too
 * slow. r->buf must hold r->cap > 0 bytes; it may grow. */
int http_read_request(int conn, int wake, http_request *r);

/* The request's NET_DVR_ALARM_ISAPI_INFO (with its pictures and data after it) in the calling
 * thread's buffer: its size, or (size_t)-1 if out of memory. */
size_t http_build_isapi(const http_request *r, unsigned char **out);

/* Listener hooks (fake_listen.c): every listener asked to stop; lock held. */
void listen_stop_all_locked(void);
/* Waits until every listener's thread has ended (not from a listener's thread); lock held. */
void listen_wait_all_locked(void);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* FAKE_EVENTS_H */
