/*
 * fake_events.c - the events area's core: its state `ev` and lock, the queue, and the event
 * thread that calls the callbacks (fake_events.h).
 *
 * Events come from the control API (fake_events_push.c) through a queue to one event thread per
 * process, which calls the callbacks, as the real SDK calls them from its own threads: never from
 * the caller's thread, never with a lock held. An alarm goes to the V50 index-0 callback once per
 * open alarm channel of its user id; its payload is overwritten (EV_FILL) as soon as the callback
 * returned. The SDK functions are in fake_alarm.c (alarm channels, callbacks) and fake_listen.c
 * (the listener).
 */
#include "fake_events.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h> /* getpid */

ev_state ev;
FAKE_THREAD_LOCAL int t_fake_thread;
FAKE_THREAD_LOCAL int t_listener;

/* ---- the lock and the one condition variable ----------------------------------------------- */
static pthread_mutex_t ev_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ev_cond;
static pthread_once_t ev_once = PTHREAD_ONCE_INIT;
static clockid_t ev_clock = CLOCK_REALTIME;

static void ev_init(void) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
#if !defined(__APPLE__)
    if (pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0) {
        ev_clock = CLOCK_MONOTONIC; /* deadlines immune to changes of the wall clock */
    }
#endif
    pthread_cond_init(&ev_cond, &attr);
    pthread_condattr_destroy(&attr);
    ev.delivering = -1;
}

void ev_lock(void) {
    pthread_once(&ev_once, ev_init);
    pthread_mutex_lock(&ev_mutex);
}

void ev_unlock(void) { pthread_mutex_unlock(&ev_mutex); }

void ev_broadcast(void) { pthread_cond_broadcast(&ev_cond); }

int ev_wait_until(double deadline) {
    struct timespec ts;
    double at;
    if (deadline <= 0) {
        return pthread_cond_wait(&ev_cond, &ev_mutex);
    }
    at = deadline;
    if (ev_clock != CLOCK_MONOTONIC) {
        clock_gettime(ev_clock, &ts);
        at += (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 - monotonic_seconds();
    }
    ts.tv_sec = (time_t)at;
    ts.tv_nsec = (long)((at - (double)ts.tv_sec) * 1e9);
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return pthread_cond_timedwait(&ev_cond, &ev_mutex, &ts);
}

int ev_next_channel_locked(LONG user, int after) {
    int h;
    for (h = after + 1; h < EV_MAX_CHANNELS; h++) {
        if (ev.channels[h].open && ev.channels[h].sender.user == user) {
            return h;
        }
    }
    return -1;
}

/* ---- delivery (on the event thread) ---------------------------------------------------------- */
static LONG command_of(const ev_item *item) {
    switch (item->kind) {
    case EV_ALARM_V30:
        return COMM_ALARM_V30;
    case EV_ALARM_V40:
        return COMM_ALARM_V40;
    case EV_ISAPI:
        return COMM_ISAPI_ALARM;
    default:
        return item->command;
    }
}

/* One alarm to every open channel of its user: 0 if a reset stopped it. */
static int deliver_alarm(const ev_item *item, unsigned gen) {
    int h = -1, found = 0;
    for (;;) {
        MSGCallBack cb;
        void *user;
        ev_sender sender;
        unsigned char *payload = NULL;
        size_t size;
        DWORD reported = 0;
        NET_DVR_ALARMER *alarmer;

        ev_lock();
        if (gen != ev.reset_gen) {
            ev_unlock();
            return 0;
        }
        h = ev_next_channel_locked(item->user, h);
        if (h < 0 || ev.offline[item->user]) {
            if (h >= 0) {
                ev.dropped_offline++; /* fake_drop_connection: the device is unreachable */
            } else if (!found) {
                ev.dropped_no_channel++;
            }
            ev_unlock();
            return 1;
        }
        found = 1;
        cb = ev.msg_cb[0];
        user = ev.msg_user[0];
        if (cb == NULL) {
            ev.dropped_no_callback++;
            ev_unlock();
            continue;
        }
        sender = ev.channels[h].sender;
        ev.delivering = h; /* CloseAlarmChan_V30(h) waits until it is -1 again */
        ev.callbacks_in_progress++;
        ev_unlock();

        size = ev_build_payload(item, &payload, &reported);
        alarmer = ev_thread_alarmer();
        ev_fill_alarmer(alarmer, &sender, 0);
        if (size != (size_t)-1) {
            cb(command_of(item), alarmer, (char *)payload, reported, user);
            ev_scrub(payload, size, alarmer);
        }

        ev_lock();
        ev.delivering = -1;
        ev.callbacks_in_progress--;
        if (gen == ev.reset_gen && size != (size_t)-1) {
            ev.delivered++;
        }
        ev_broadcast();
        ev_unlock();
    }
}

static void deliver_exception(const ev_item *item, unsigned gen) {
    exception_callback cb;
    void *user;
    DWORD type = item->type;
    LONG handle;
    ev_lock();
    if (gen != ev.reset_gen) {
        ev_unlock();
        return;
    }
    if (item->kind == EV_DROP) {
        ev.offline[item->user] = 1;
        type = EXCEPTION_ALARM;
    } else if (item->kind == EV_RESTORE) {
        ev.offline[item->user] = 0;
        type = ALARM_RECONNECTSUCCESS;
    }
    handle = ev_next_channel_locked(item->user, -1);
    cb = ev.exc_cb;
    user = ev.exc_user;
    if (cb == NULL) {
        ev.dropped_no_callback++;
        ev_unlock();
        return;
    }
    ev.callbacks_in_progress++;
    ev_unlock();

    cb(type, item->user, handle, user);

    ev_lock();
    ev.callbacks_in_progress--;
    if (gen == ev.reset_gen) {
        ev.exceptions_delivered++;
    }
    ev_broadcast();
    ev_unlock();
}

/* fake_event_rate: count small motion alarms (COMM_ALARM_V30, type 3, channel 1, the sequence
 * number 0.. in dwAlarmInputNumber), paced from the start (0 per second: at once). */
static void run_rate(const ev_item *item, unsigned gen) {
    ev_item one;
    DWORD channel = 1;
    double start = monotonic_seconds();
    int i, stopped = 0;
    memset(&one, 0, sizeof one);
    one.kind = EV_ALARM_V30;
    one.user = item->user;
    one.type = 3;
    one.list = &channel;
    one.nlist = 1;
    for (i = 0; i < item->count && !stopped; i++) {
        if (item->per_second > 0) {
            double due = start + (double)i / (double)item->per_second;
            ev_lock();
            while (gen == ev.reset_gen && monotonic_seconds() < due) {
                ev_wait_until(due);
            }
            stopped = gen != ev.reset_gen;
            ev_unlock();
        }
        one.input = (DWORD)i;
        if (!stopped) {
            stopped = !deliver_alarm(&one, gen);
        }
    }
}

static void *event_thread(void *arg) {
    (void)arg;
    t_fake_thread = 1;
    ev_lock();
    for (;;) {
        ev_item *item;
        unsigned gen;
        while (ev.head == NULL) {
            ev_wait_until(0);
        }
        item = ev.head;
        ev.head = item->next;
        if (ev.head == NULL) {
            ev.tail = NULL;
        }
        ev.queued--;
        ev.processing = 1;
        gen = ev.reset_gen;
        ev_unlock();

        if (item->kind == EV_RATE) {
            run_rate(item, gen);
        } else if (item->kind == EV_EXCEPTION || item->kind == EV_DROP ||
                   item->kind == EV_RESTORE) {
            deliver_exception(item, gen);
        } else {
            deliver_alarm(item, gen);
        }
        free(item);

        ev_lock();
        ev.processing = 0;
        ev_broadcast();
    }
    return NULL;
}

int ev_enqueue(ev_item *item) {
    int rc = FAKE_OK;
    long pid = (long)getpid();
    ev_lock();
    if (ev.queued >= EV_MAX_QUEUED) {
        rc = FAKE_ERR_QUEUE_FULL;
    } else if (!ev.thread_started || ev.thread_pid != pid) {
        pthread_t thread;
        pthread_attr_t attr;
        /* First event, or a child of fork(), which has none of the parent's threads. */
        ev.processing = 0;
        ev.delivering = -1;
        ev.callbacks_in_progress = 0;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&thread, &attr, event_thread, NULL) != 0) {
            rc = FAKE_ERR_RESOURCE;
        } else {
            ev.thread_started = 1;
            ev.thread_pid = pid;
        }
        pthread_attr_destroy(&attr);
    }
    if (rc == FAKE_OK) {
        item->next = NULL;
        if (ev.tail != NULL) {
            ev.tail->next = item;
        } else {
            ev.head = item;
        }
        ev.tail = item;
        ev.queued++;
        ev_broadcast();
    }
    ev_unlock();
    if (rc != FAKE_OK) {
        free(item);
    }
    return rc;
}
