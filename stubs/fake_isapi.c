/*
 * fake_isapi.c - ISAPI passthrough: NET_DVR_STDXMLConfig and the area's control API (scripted
 * answers, the requests received); each device's built-in tree is in fake_isapi_tree.c.
 *
 * Follows sdk-facts-features.md section 2: the two structs as laid out there (checked below), the
 * user id checked before any argument (47 / 17), the request line "METHOD /path" of
 * dwRequestUrlLen bytes, dwRecvTimeOut in ms with 0 for the default 5000, the device's
 * ResponseStatus in the status buffer (not filled when a GET succeeds), an output buffer too
 * small failing with 43 and the output left untouched on failure. What the facts leave open is
 * chosen and listed in README.md ("ISAPI").
 *
 * State: the scripted answers and the last requests live here, under the global lock; the
 * device's latency is slept outside it. fake_reset clears them (isapi_reset_locked).
 */
#include "fake_isapi_area.h"

#include <stdlib.h>
#include <string.h>

#if UINTPTR_MAX == 0xffffffffffffffffu
_Static_assert(sizeof(NET_DVR_XML_CONFIG_INPUT) == 72, "NET_DVR_XML_CONFIG_INPUT size");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_INPUT, lpRequestUrl) == 8, "lpRequestUrl");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_INPUT, dwRequestUrlLen) == 16, "dwRequestUrlLen");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_INPUT, lpInBuffer) == 24, "lpInBuffer");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_INPUT, dwInBufferSize) == 32, "dwInBufferSize");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_INPUT, dwRecvTimeOut) == 36, "dwRecvTimeOut");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_INPUT, byForceEncrpt) == 40, "byForceEncrpt");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_INPUT, byMIMEType) == 42, "byMIMEType");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_INPUT, dwSendTimeOut) == 44, "dwSendTimeOut");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_INPUT, byRes) == 48, "input byRes");
_Static_assert(sizeof(NET_DVR_XML_CONFIG_OUTPUT) == 72, "NET_DVR_XML_CONFIG_OUTPUT size");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_OUTPUT, lpOutBuffer) == 8, "lpOutBuffer");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_OUTPUT, dwOutBufferSize) == 16, "dwOutBufferSize");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_OUTPUT, dwReturnedXMLSize) == 20, "dwReturnedXMLSize");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_OUTPUT, lpStatusBuffer) == 24, "lpStatusBuffer");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_OUTPUT, dwStatusSize) == 32, "dwStatusSize");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_OUTPUT, lpDataBuffer) == 40, "lpDataBuffer");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_OUTPUT, byNumOfMultiPart) == 48, "byNumOfMultiPart");
_Static_assert(offsetof(NET_DVR_XML_CONFIG_OUTPUT, byRes) == 49, "output byRes");
#endif


typedef struct {
    int in_use, dev;
    unsigned generation;
    char line[ISAPI_LINE_MAX + 1];
    DWORD error;
    unsigned char *body;
    size_t body_len;
    char *status;
    int latency_ms;
} isapi_answer;

typedef struct {
    char line[ISAPI_LINE_MAX + 1];
    unsigned char *body;
    long long info[7];
} isapi_request;

static isapi_answer s_answers[ISAPI_MAX_ANSWERS];
static isapi_request s_requests[ISAPI_KEPT_REQUESTS];
static long long s_request_count; /* ever received; the last 64 are kept */

/* ---- small helpers ------------------------------------------------------------------------- */
void *isapi_dup_bytes(const void *src, size_t n) {
    unsigned char *p = malloc(n + 1); /* +1: a NUL after text, and never malloc(0) */
    if (p != NULL) {
        if (n > 0) {
            memcpy(p, src, n);
        }
        p[n] = 0;
    }
    return p;
}

static void free_answer(isapi_answer *a) {
    free(a->body);
    free(a->status);
    memset(a, 0, sizeof *a);
}

void isapi_reset_locked(void) {
    int i;
    for (i = 0; i < ISAPI_MAX_ANSWERS; i++) {
        free_answer(&s_answers[i]);
    }
    for (i = 0; i < ISAPI_KEPT_REQUESTS; i++) {
        free(s_requests[i].body);
    }
    memset(s_requests, 0, sizeof s_requests);
    s_request_count = 0;
}

static isapi_answer *scripted_locked(int dev, unsigned generation, const char *line) {
    int i;
    for (i = 0; i < ISAPI_MAX_ANSWERS; i++) {
        isapi_answer *a = &s_answers[i];
        if (a->in_use && a->dev == dev && a->generation == generation &&
            strcmp(a->line, line) == 0) {
            return a;
        }
    }
    return NULL;
}

int isapi_store_locked(int dev, unsigned generation, const char *line, DWORD error,
                        const void *body, size_t body_len, const char *status, int latency_ms) {
    isapi_answer *a = scripted_locked(dev, generation, line);
    int i;
    for (i = 0; a == NULL && i < ISAPI_MAX_ANSWERS; i++) {
        if (!s_answers[i].in_use) {
            a = &s_answers[i];
        }
    }
    if (a == NULL) {
        return FAKE_ERR_RESOURCE;
    }
    free_answer(a);
    a->body = isapi_dup_bytes(body, body_len);
    a->status = status != NULL ? isapi_dup_bytes(status, strlen(status)) : NULL;
    if (a->body == NULL || (status != NULL && a->status == NULL)) {
        free_answer(a);
        return FAKE_ERR_RESOURCE;
    }
    a->in_use = 1;
    a->dev = dev;
    a->generation = generation;
    copy_text(a->line, sizeof a->line, line, strlen(line));
    a->error = error;
    a->body_len = body_len;
    a->latency_ms = latency_ms;
    return FAKE_OK;
}

/* ---- SDK ------------------------------------------------------------------------------------- */
static void record_locked(const char *line, const NET_DVR_XML_CONFIG_INPUT *in,
                          const NET_DVR_XML_CONFIG_OUTPUT *out, LONG user, int dev, int *slot) {
    isapi_request *r = &s_requests[s_request_count % ISAPI_KEPT_REQUESTS];
    size_t len = in->lpInBuffer != NULL ? in->dwInBufferSize : 0;
    free(r->body);
    memset(r, 0, sizeof *r);
    copy_text(r->line, sizeof r->line, line, strlen(line));
    r->body = isapi_dup_bytes(in->lpInBuffer, len);
    r->info[0] = user;
    r->info[1] = dev;
    r->info[2] = r->body != NULL ? (long long)len : 0;
    r->info[3] = in->dwRecvTimeOut;
    r->info[4] = out->dwOutBufferSize;
    r->info[5] = out->dwStatusSize;
    *slot = (int)(s_request_count % ISAPI_KEPT_REQUESTS);
    s_request_count++;
}

static int parse_line(const char *line, char *method, size_t cap, const char **path) {
    const char *space = strchr(line, ' ');
    static const char *const k_methods[] = {"GET", "PUT", "POST", "DELETE"};
    size_t i;
    if (space == NULL || (size_t)(space - line) >= cap || space[1] != '/') {
        return 0;
    }
    memcpy(method, line, (size_t)(space - line));
    method[space - line] = 0;
    *path = space + 1;
    for (i = 0; i < 4; i++) {
        if (strcmp(method, k_methods[i]) == 0) {
            return strpbrk(*path, " \r\n") == NULL;
        }
    }
    return 0;
}

FAKE_API BOOL NET_DVR_STDXMLConfig(LONG lUserID, NET_DVR_XML_CONFIG_INPUT *lpInputParam,
                                   NET_DVR_XML_CONFIG_OUTPUT *lpOutputParam) {
    DWORD code, timeout;
    char line[ISAPI_LINE_MAX + 1], method[8];
    const char *path = NULL;
    isapi_reply a = {0, NULL, NULL, 0};
    const unsigned char *body = NULL;
    size_t body_len = 0;
    int slot = -1;
    ready();
    lock();
    code = begin_initialized_locked(FN_STDXMLConfig);
    /* Measured: the id first, whatever the structs hold (section 2). */
    if (code == 0 && (lUserID < 0 || lUserID >= MAX_LOGIN_USERS)) {
        code = NET_DVR_PARAMETER_ERROR;
    } else if (code == 0 && g.slot_state[lUserID] != SLOT_IN_USE) {
        code = NET_DVR_USERNOTEXIST;
    }
    if (code == 0 &&
        (lpInputParam == NULL || lpOutputParam == NULL ||
         lpInputParam->dwSize != sizeof *lpInputParam ||
         lpOutputParam->dwSize != sizeof *lpOutputParam || lpInputParam->lpRequestUrl == NULL ||
         lpInputParam->dwRequestUrlLen == 0 || lpInputParam->dwRequestUrlLen > ISAPI_LINE_MAX ||
         (lpInputParam->dwInBufferSize > 0 && lpInputParam->lpInBuffer == NULL) ||
         lpInputParam->dwRecvTimeOut > ISAPI_TIMEOUT_MAX)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) {
        copy_text(line, sizeof line, lpInputParam->lpRequestUrl, lpInputParam->dwRequestUrlLen);
        if (strlen(line) != lpInputParam->dwRequestUrlLen ||
            !parse_line(line, method, sizeof method, &path)) {
            code = NET_DVR_PARAMETER_ERROR; /* a NUL inside, or not "METHOD /path" */
        }
    }
    if (code == 0) {
        const fake_device *d = device_at(g.slot_device[lUserID]);
        if (d == NULL) {
            code = NET_DVR_NETWORK_FAIL_CONNECT;
        } else {
            const isapi_answer *s = scripted_locked((int)(d - g.devices), d->generation, line);
            body = lpInputParam->lpInBuffer;
            body_len = body != NULL ? lpInputParam->dwInBufferSize : 0;
            record_locked(line, lpInputParam, lpOutputParam, lUserID, (int)(d - g.devices), &slot);
            if (s != NULL) {
                a.error = s->error;
                a.body = isapi_dup_bytes(s->body, s->body_len);
                a.status = s->status != NULL ? isapi_dup_bytes(s->status, strlen(s->status)) : NULL;
                a.latency_ms = s->latency_ms;
                body_len = s->body_len; /* reused below as the answer's length */
            } else {
                isapi_builtin_locked(d, method, path, body, body_len, &a);
                body_len = a.body != NULL ? strlen(a.body) : 0;
            }
            if ((s != NULL && a.body == NULL) || (a.body == NULL && a.status == NULL)) {
                code = NET_DVR_ALLOC_RESOURCE_ERROR;
            }
        }
    }
    timeout = code == 0 && lpInputParam->dwRecvTimeOut != 0 ? lpInputParam->dwRecvTimeOut : 5000;
    unlock();
    if (code == 0 && a.latency_ms > 0) {
        if ((DWORD)a.latency_ms > timeout) {
            sleep_ms((int)timeout);
            code = NET_DVR_NETWORK_RECV_TIMEOUT;
        } else {
            sleep_ms(a.latency_ms);
        }
    }
    if (code == 0) {
        size_t status_len = a.status != NULL ? strlen(a.status) : 0;
        if (a.status != NULL &&
            (lpOutputParam->lpStatusBuffer == NULL || status_len + 1 > lpOutputParam->dwStatusSize)) {
            code = NET_DVR_NOENOUGH_BUF;
        } else if (a.error == 0 && body_len > 0 &&
                   (lpOutputParam->lpOutBuffer == NULL || body_len > lpOutputParam->dwOutBufferSize)) {
            code = NET_DVR_NOENOUGH_BUF;
        } else {
            if (a.status != NULL) {
                memcpy(lpOutputParam->lpStatusBuffer, a.status, status_len + 1);
            }
            if (a.error == 0) {
                if (body_len > 0) {
                    memcpy(lpOutputParam->lpOutBuffer, a.body, body_len);
                }
                if (body_len < lpOutputParam->dwOutBufferSize) {
                    ((char *)lpOutputParam->lpOutBuffer)[body_len] = 0;
                }
                lpOutputParam->dwReturnedXMLSize = (DWORD)body_len;
            }
            code = a.error;
        }
    }
    free(a.body);
    free(a.status);
    if (slot >= 0) {
        lock();
        s_requests[slot].info[6] = code;
        unlock();
    }
    return code != 0 ? fail_bool(code) : ok_bool();
}

/* ---- control API ------------------------------------------------------------------------------ */
FAKE_API int fake_isapi_set_answer(int dev, const char *request_line, int sdk_error,
                                   const void *body, int body_len, const char *status,
                                   int latency_ms) {
    int rc;
    const fake_device *d;
    ready();
    if (request_line == NULL || strlen(request_line) == 0 ||
        strlen(request_line) > ISAPI_LINE_MAX || sdk_error < 0 || body_len < 0 ||
        body_len > ISAPI_BODY_MAX || (body == NULL && body_len > 0) || latency_ms < 0 ||
        (status != NULL && strlen(status) > ISAPI_BODY_MAX)) {
        return FAKE_ERR_VALUE;
    }
    lock();
    d = device_at(dev);
    rc = d == NULL ? FAKE_ERR_NO_DEVICE
                   : isapi_store_locked(dev, d->generation, request_line, (DWORD)sdk_error, body,
                                  (size_t)body_len, status, latency_ms);
    unlock();
    return rc;
}

FAKE_API int fake_isapi_clear_answers(int dev) {
    int i;
    ready();
    lock();
    for (i = 0; i < ISAPI_MAX_ANSWERS; i++) {
        if (s_answers[i].in_use && (dev < 0 || s_answers[i].dev == dev)) {
            free_answer(&s_answers[i]);
        }
    }
    unlock();
    return FAKE_OK;
}

FAKE_API int fake_isapi_request(int index, char *line, int line_cap, void *body, int body_cap,
                                long long info[7]) {
    long long kept, first;
    const isapi_request *r;
    int n = -1;
    ready();
    lock();
    kept = s_request_count < ISAPI_KEPT_REQUESTS ? s_request_count : ISAPI_KEPT_REQUESTS;
    first = s_request_count - kept;
    if (index >= 0 && index < kept) {
        r = &s_requests[(first + index) % ISAPI_KEPT_REQUESTS];
        if (line != NULL && line_cap > 0) {
            copy_text(line, (size_t)line_cap, r->line, strlen(r->line));
        }
        n = (int)r->info[2];
        if (body != NULL && body_cap > 0 && r->body != NULL) {
            memcpy(body, r->body, (size_t)(n < body_cap ? n : body_cap));
        }
        if (info != NULL) {
            memcpy(info, r->info, sizeof r->info);
        }
    }
    unlock();
    return n;
}

FAKE_API long long fake_isapi_request_count(void) {
    long long n;
    ready();
    lock();
    n = s_request_count;
    unlock();
    return n;
}
