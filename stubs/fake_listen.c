/*
 * fake_listen.c - the alarm listener: NET_DVR_StartListen_V30 / NET_DVR_StopListen_V30.
 *
 * As measured on the real SDK (sdk-facts-features.md 5.7), a listener is a real TCP listener on
 * the given address, with one thread of its own. For each connection it reads one HTTP POST
 * (headers, then Content-Length bytes of body; application/xml, application/json, or
 * multipart/form-data with an XML/JSON part and image parts), answers exactly
 * "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", closes, and calls the listener's callback (or
 * the V50 index-0 callback when it was started with NULL) with COMM_ISAPI_ALARM and a
 * NET_DVR_ALARM_ISAPI_INFO. Anything that is not such a request is closed with a reset, no
 * reply and no callback. Reading and parsing the request is in fake_http.c.
 */
#include "fake_events.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifdef MSG_NOSIGNAL
#define SEND_FLAGS MSG_NOSIGNAL /* a client gone: EPIPE, not SIGPIPE */
#else
#define SEND_FLAGS 0
#endif

static const char k_reply[] = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n";

static void set_flags(int fd, int nonblock) {
    int flags = fcntl(fd, F_GETFD);
    if (flags >= 0) {
        fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
    }
    if (nonblock && (flags = fcntl(fd, F_GETFL)) >= 0) {
        fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    }
}

/* Closed with a TCP reset, as the real SDK closes what it does not accept. */
static void close_reset(int fd) {
    struct linger lg;
    lg.l_onoff = 1;
    lg.l_linger = 0;
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    close(fd);
}

/* ---- one connection -------------------------------------------------------------------------- */
static void peer_sender(const struct sockaddr_storage *ss, ev_sender *s) {
    memset(s, 0, sizeof *s);
    s->family = AF_INET;
    if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;
        if (IN6_IS_ADDR_V4MAPPED(&a->sin6_addr)) {
            inet_ntop(AF_INET, &a->sin6_addr.s6_addr[12], s->ip, sizeof s->ip);
        } else {
            s->family = AF_INET6;
            inet_ntop(AF_INET6, &a->sin6_addr, s->ip, sizeof s->ip);
        }
    } else if (ss->ss_family == AF_INET) {
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr, s->ip, sizeof s->ip);
    }
}

static void serve(int h, int conn, int wake, const struct sockaddr_storage *peer) {
    http_request r;
    MSGCallBack cb;
    void *user;
    unsigned gen;
    unsigned char *payload = NULL;
    size_t size, sent = 0;
    ev_sender sender;
    NET_DVR_ALARMER *alarmer;

    memset(&r, 0, sizeof r);
    r.cap = 4096;
    r.buf = (unsigned char *)malloc(r.cap);
    if (r.buf == NULL || !http_read_request(conn, wake, &r)) {
        close_reset(conn);
        free(r.buf);
        ev_lock();
        ev.listener_rejected++;
        ev_unlock();
        return;
    }
    while (sent < sizeof k_reply - 1) {
        ssize_t n = send(conn, k_reply + sent, sizeof k_reply - 1 - sent, SEND_FLAGS);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        sent += (size_t)n;
    }
    shutdown(conn, SHUT_WR);
    close(conn);

    ev_lock();
    ev.listener_requests++;
    cb = ev.listeners[h].cb;
    user = ev.listeners[h].user;
    if (cb == NULL) { /* measured: a NULL callback delivers to the V50 index-0 one */
        cb = ev.msg_cb[0];
        user = ev.msg_user[0];
    }
    if (ev.listeners[h].state != LISTENER_RUNNING || cb == NULL) {
        if (cb == NULL) {
            ev.dropped_no_callback++;
        }
        ev_unlock();
        free(r.buf);
        return;
    }
    ev.callbacks_in_progress++;
    gen = ev.reset_gen;
    ev_unlock();

    size = http_build_isapi(&r, &payload);
    free(r.buf);
    peer_sender(peer, &sender);
    alarmer = ev_thread_alarmer();
    ev_fill_alarmer(alarmer, &sender, 1);
    if (size != (size_t)-1) {
        cb(COMM_ISAPI_ALARM, alarmer, (char *)payload, (DWORD)sizeof(NET_DVR_ALARM_ISAPI_INFO),
           user);
        ev_scrub(payload, size, alarmer);
    }

    ev_lock();
    ev.callbacks_in_progress--;
    if (gen == ev.reset_gen && size != (size_t)-1) {
        ev.delivered++;
    }
    ev_broadcast();
    ev_unlock();
}

static void *listener_thread(void *arg) {
    int h = (int)(intptr_t)arg;
    ev_listener *l = &ev.listeners[h];
    int fd, wake, wake_write;
    t_fake_thread = 2;
    t_listener = h;
    ev_lock();
    fd = l->fd;
    wake = l->wake[0];
    wake_write = l->wake[1];
    ev_unlock();
    for (;;) {
        struct pollfd p[2];
        struct sockaddr_storage peer;
        socklen_t peer_len = sizeof peer;
        int running, conn, n;
        p[0].fd = fd;
        p[0].events = POLLIN;
        p[1].fd = wake;
        p[1].events = POLLIN;
        p[0].revents = p[1].revents = 0;
        n = poll(p, 2, -1);
        ev_lock();
        running = l->state == LISTENER_RUNNING;
        ev_unlock();
        if (!running) {
            break;
        }
        if (n <= 0 || (p[0].revents & POLLIN) == 0) {
            continue;
        }
        conn = accept(fd, (struct sockaddr *)&peer, &peer_len);
        if (conn < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                sleep_ms(10); /* out of descriptors: do not spin */
            }
            continue;
        }
        set_flags(conn, 0);
        ev_lock();
        l->busy = 1;
        ev.listeners_busy++;
        ev_unlock();
        serve(h, conn, wake, &peer);
        ev_lock();
        l->busy = 0;
        ev.listeners_busy--;
        ev_broadcast();
        ev_unlock();
    }
    /* Stopped: nobody writes to the pipe any more (only a RUNNING listener is woken). */
    close(fd);
    close(wake);
    close(wake_write);
    ev_buffer_free();
    ev_lock();
    l->state = LISTENER_FREE;
    l->fd = -1;
    l->gen++;
    ev_broadcast();
    ev_unlock();
    return NULL;
}

/* ---- hooks (fake_events.h) ------------------------------------------------------------------- */
static void stop_locked(ev_listener *l) {
    l->state = LISTENER_STOPPING;
    ev.listeners_open--;
    if (write(l->wake[1], "x", 1) < 0) {
        /* the pipe is non-blocking and full: the thread is awake already */
    }
    ev_broadcast();
}

void listen_stop_all_locked(void) {
    int h;
    for (h = 0; h < EV_MAX_LISTENERS; h++) {
        if (ev.listeners[h].state == LISTENER_RUNNING) {
            stop_locked(&ev.listeners[h]);
        }
    }
}

void listen_wait_all_locked(void) {
    int h;
    for (h = 0; h < EV_MAX_LISTENERS; h++) {
        while (ev.listeners[h].state != LISTENER_FREE) {
            ev_wait_until(0);
        }
    }
}

/* ---- SDK ------------------------------------------------------------------------------------- */
FAKE_API LONG NET_DVR_StartListen_V30(char *sLocalIP, WORD wLocalPort, MSGCallBack DataCallback,
                                      void *pUserData) {
    DWORD code;
    int family = AF_INET, fd, h, one = 1, wake[2];
    unsigned char addr[16];
    struct sockaddr_storage ss;
    socklen_t len;
    pthread_t thread;
    pthread_attr_t attr;
    ready();
    lock();
    code = begin_initialized_locked(FN_StartListen_V30);
    unlock();
    if (code != 0) {
        set_last_error(code);
        return -1;
    }
    memset(addr, 0, sizeof addr); /* NULL: 0.0.0.0 (measured) */
    if (sLocalIP != NULL && (strnlen(sLocalIP, NET_DVR_DEV_ADDRESS_MAX_LEN) >=
                                 NET_DVR_DEV_ADDRESS_MAX_LEN ||
                             !parse_ip(sLocalIP, &family, addr))) {
        set_last_error(NET_DVR_PARAMETER_ERROR); /* measured: "not-an-ip" */
        return -1;
    }
    memset(&ss, 0, sizeof ss);
    if (family == AF_INET6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(wLocalPort);
        memcpy(&a->sin6_addr, addr, 16);
        len = sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_port = htons(wLocalPort);
        memcpy(&a->sin_addr, addr, 4);
        len = sizeof *a;
    }
    fd = socket(family, SOCK_STREAM, 0);
    if (fd < 0) {
        set_last_error(NET_DVR_CREATESOCKET_ERROR);
        return -1;
    }
    set_flags(fd, 1); /* accept() never blocks: poll() said there is a connection */
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&ss, len) != 0) {
        close(fd);
        set_last_error(NET_DVR_PARAMETER_ERROR); /* measured: the same port again */
        return -1;
    }
    if (listen(fd, SOMAXCONN) != 0 || getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
        close(fd);
        set_last_error(NET_DVR_SOCKETLISTEN_ERROR);
        return -1;
    }
    if (pipe(wake) != 0) {
        close(fd);
        set_last_error(NET_DVR_ALLOC_RESOURCE_ERROR);
        return -1;
    }
    set_flags(wake[0], 1);
    set_flags(wake[1], 1);

    ev_lock();
    for (h = 0; h < EV_MAX_LISTENERS && ev.listeners[h].state != LISTENER_FREE; h++) {
    }
    code = h == EV_MAX_LISTENERS ? NET_DVR_MAX_NUM : 0;
    if (code == 0) {
        ev_listener *l = &ev.listeners[h];
        l->state = LISTENER_RUNNING;
        l->fd = fd;
        l->wake[0] = wake[0];
        l->wake[1] = wake[1];
        l->port = family == AF_INET6 ? ntohs(((struct sockaddr_in6 *)&ss)->sin6_port)
                                     : ntohs(((struct sockaddr_in *)&ss)->sin_port);
        l->cb = DataCallback; /* NULL accepted (measured) */
        l->user = pUserData;
        l->busy = 0;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&thread, &attr, listener_thread, (void *)(intptr_t)h) != 0) {
            l->state = LISTENER_FREE;
            code = NET_DVR_ALLOC_RESOURCE_ERROR;
        } else {
            ev.listeners_open++;
        }
        pthread_attr_destroy(&attr);
    }
    ev_unlock();
    if (code != 0) {
        close(fd);
        close(wake[0]);
        close(wake[1]);
        set_last_error(code);
        return -1;
    }
    set_last_error(NET_DVR_NOERROR);
    return (LONG)h;
}

FAKE_API BOOL NET_DVR_StopListen_V30(LONG lListenHandle) {
    DWORD code;
    unsigned gen;
    ready();
    lock();
    code = begin_initialized_locked(FN_StopListen_V30);
    unlock();
    if (code != 0) {
        return fail_bool(code);
    }
    ev_lock();
    if (lListenHandle < 0 || lListenHandle >= EV_MAX_LISTENERS ||
        ev.listeners[lListenHandle].state != LISTENER_RUNNING) {
        ev_unlock();
        return fail_stale_handle(); /* measured: 12, or the previous error (1.3) */
    }
    gen = ev.listeners[lListenHandle].gen;
    stop_locked(&ev.listeners[lListenHandle]);
    /* The port is closed and the last callback returned when the thread ends; from inside this
     * listener's own callback, the thread ends after it returns. */
    while (!(t_fake_thread == 2 && t_listener == lListenHandle) &&
           ev.listeners[lListenHandle].gen == gen) {
        ev_wait_until(0);
    }
    ev_unlock();
    return ok_bool();
}
