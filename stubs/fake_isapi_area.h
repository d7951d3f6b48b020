/*
 * fake_isapi_area.h - what the ISAPI area's files share (fake_isapi.c: the SDK function, the
 * scripted answers, the requests kept, the control API; fake_isapi_tree.c: each device's
 * built-in ISAPI tree); never installed, never exported.
 */
#ifndef FAKE_ISAPI_AREA_H
#define FAKE_ISAPI_AREA_H

#include "fake_internal.h"

#include "fake_isapi.h"

#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

#define ISAPI_LINE_MAX 1024               /* chosen: the binding's limit too */
#define ISAPI_TIMEOUT_MAX 5000            /* the guide's range for dwRecvTimeOut */
#define ISAPI_BODY_MAX (64 * 1024 * 1024) /* a scripted body or status */
#define ISAPI_MAX_ANSWERS 256
#define ISAPI_KEPT_REQUESTS 64
#define ISAPI_NS "http://www.hikvision.com/ver20/XMLSchema"

/* What a device answers to one request. */
typedef struct {
    DWORD error;  /* 0: the call succeeds */
    char *body;   /* malloc'd, or NULL */
    char *status; /* malloc'd ResponseStatus text, or NULL */
    int latency_ms;
} isapi_reply;

/* n bytes copied into a new allocation with a NUL after them (never malloc(0)); NULL if none. */
void *isapi_dup_bytes(const void *src, size_t n);

/* Keep an answer of device dev (of that generation) to one request line. Lock held. */
int isapi_store_locked(int dev, unsigned generation, const char *line, DWORD error,
                       const void *body, size_t body_len, const char *status, int latency_ms);

/* The device's built-in answer to METHOD path (body: the request's). Lock held. */
void isapi_builtin_locked(const fake_device *d, const char *method, const char *path,
                          const unsigned char *in, size_t in_len, isapi_reply *out);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif /* FAKE_ISAPI_AREA_H */
