/*
 * fake_isapi.c - ISAPI passthrough: NET_DVR_STDXMLConfig, each simulated device's small ISAPI
 * tree, and the area's control API (scripted answers, the requests received).
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
#include "fake_internal.h"

#include "fake_isapi.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

#define ISAPI_LINE_MAX 1024               /* chosen: the binding's limit too */
#define ISAPI_TIMEOUT_MAX 5000            /* the guide's range for dwRecvTimeOut */
#define ISAPI_BODY_MAX (64 * 1024 * 1024) /* a scripted body or status */
#define ISAPI_MAX_ANSWERS 256
#define ISAPI_KEPT_REQUESTS 64
#define ISAPI_NS "http://www.hikvision.com/ver20/XMLSchema"

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
static void *dup_bytes(const void *src, size_t n) {
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

static int store_locked(int dev, unsigned generation, const char *line, DWORD error,
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
    a->body = dup_bytes(body, body_len);
    a->status = status != NULL ? dup_bytes(status, strlen(status)) : NULL;
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

/* XML text: & < > " escaped. */
static void xml_escape(char *out, size_t cap, const char *in) {
    size_t n = 0;
    for (; *in != 0 && n + 7 < cap; in++) {
        const char *rep = *in == '&' ? "&amp;" : *in == '<' ? "&lt;" : *in == '>' ? "&gt;"
                        : *in == '"' ? "&quot;" : NULL;
        if (rep != NULL) {
            memcpy(out + n, rep, strlen(rep));
            n += strlen(rep);
        } else {
            out[n++] = *in;
        }
    }
    out[n] = 0;
}

static char *response_status(const char *path, int code, const char *string, const char *sub,
                             unsigned error_code, const char *error_msg) {
    char url[2 * ISAPI_LINE_MAX], *text = malloc(8192);
    if (text == NULL) {
        return NULL;
    }
    xml_escape(url, sizeof url, path);
    snprintf(text, 8192,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<ResponseStatus version=\"2.0\" xmlns=\"" ISAPI_NS "\">\n"
             "<requestURL>%s</requestURL>\n<statusCode>%d</statusCode>\n"
             "<statusString>%s</statusString>\n<subStatusCode>%s</subStatusCode>\n"
             "<errorCode>%u</errorCode>\n<errorMsg>%s</errorMsg>\n</ResponseStatus>\n",
             url, code, string, sub, error_code, error_msg);
    return text;
}

/* ---- the built-in tree ------------------------------------------------------------------------ */
typedef struct {
    DWORD error;
    char *body; /* malloc'd text, or NULL */
    char *status;
    int latency_ms;
} answer;

static char *text_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));
static char *text_printf(const char *format, ...) {
    va_list args;
    char *text = malloc(65536);
    if (text != NULL) {
        va_start(args, format);
        vsnprintf(text, 65536, format, args);
        va_end(args);
    }
    return text;
}

static char *channel_list(const char *list, const char *item, int first, int count) {
    char *text = malloc(65536);
    size_t n;
    int i;
    if (text == NULL) {
        return NULL;
    }
    n = (size_t)snprintf(text, 65536, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<%s "
                         "version=\"2.0\" xmlns=\"" ISAPI_NS "\">\n", list);
    for (i = 0; i < count && n < 60000; i++) {
        n += (size_t)snprintf(text + n, 65536 - n,
                              "<%s><id>%d</id><name>Camera %02d</name><enabled>true</enabled>"
                              "</%s>\n", item, first + i, i + 1, item);
    }
    snprintf(text + n, 65536 - n, "</%s>\n", list);
    return text;
}

static const struct {
    int code;
    const char *string, *sub;
    unsigned error_code;
    const char *msg;
} k_status_cases[] = {
    {2, "Device Busy", "deviceBusy", 0x20000001u, "the device is busy"},
    {3, "Device Error", "deviceError", 0x30000001u, "the device failed"},
    {4, "Invalid Operation", "invalidOperation", 0x40000001u, "invalid operation"},
    {5, "Invalid XML Format", "badXmlFormat", 0x50000001u, "the XML is malformed"},
    {6, "Invalid XML Content", "badXmlContent", 0x60000001u, "a value is out of range"},
    {7, "Reboot Required", "rebootRequired", 0x70000001u, "reboot to apply"},
};

static void builtin_locked(const fake_device *d, const char *method, const char *path,
                           const unsigned char *in, size_t in_len, answer *out) {
    const NET_DVR_DEVICEINFO_V30 *v30 = &d->info.struDeviceV30;
    char serial[SERIALNO_LEN + 1], model[SERIALNO_LEN + 1], *cut;
    int get = strcmp(method, "GET") == 0, put = strcmp(method, "PUT") == 0;
    size_t i;
    copy_text(serial, sizeof serial, (const char *)v30->sSerialNumber,
              strnlen((const char *)v30->sSerialNumber, SERIALNO_LEN));
    copy_text(model, sizeof model, serial, strlen(serial));
    cut = strstr(model, "2023");
    if (cut != NULL) {
        *cut = 0;
    }
    if (strcmp(path, "/ISAPI/System/deviceInfo") == 0 && get) {
        out->body = text_printf(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DeviceInfo version=\"2.0\" xmlns=\"" ISAPI_NS
            "\">\n<deviceName>%s</deviceName>\n<deviceID>%s</deviceID>\n<model>%s</model>\n"
            "<serialNumber>%s</serialNumber>\n<firmwareVersion>V4.62.210</firmwareVersion>\n"
            "<deviceType>%s</deviceType>\n</DeviceInfo>\n",
            v30->byIPChanNum || v30->byHighDChanNum ? "Network Video Recorder" : "IP Camera",
            serial, model, serial, v30->byIPChanNum || v30->byHighDChanNum ? "NVR" : "IPCamera");
    } else if (strcmp(path, "/ISAPI/System/time") == 0 && get) {
        char when[32];
        time_t now = time(NULL);
        struct tm utc;
        gmtime_r(&now, &utc);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
        out->body = text_printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Time version=\"2.0\" "
                                "xmlns=\"" ISAPI_NS "\">\n<timeMode>NTP</timeMode>\n<localTime>%s"
                                "</localTime>\n<timeZone>CST+0:00:00</timeZone>\n</Time>\n", when);
    } else if (strcmp(path, "/ISAPI/System/time") == 0 && put) {
        /* The device keeps what was put: the next GET returns it. */
        char line[64];
        snprintf(line, sizeof line, "GET %s", path);
        if (in_len == 0 || store_locked((int)(d - g.devices), d->generation, line, 0, in, in_len,
                                        NULL, 0) != FAKE_OK) {
            out->error = NET_DVR_DVROPRATEFAILED;
            out->status = response_status(path, 6, "Invalid XML Content", "badXmlContent", 0,
                                          "no time given");
        } else {
            out->status = response_status(path, 1, "OK", "ok", 0, "");
        }
    } else if (strcmp(path, "/ISAPI/System/Video/inputs/channels") == 0 && get) {
        out->body = channel_list("VideoInputChannelList", "VideoInputChannel", v30->byStartChan,
                                 v30->byChanNum);
    } else if (strcmp(path, "/ISAPI/ContentMgmt/InputProxy/channels") == 0 && get) {
        out->body = channel_list("InputProxyChannelList", "InputProxyChannel", v30->byStartDChan,
                                 v30->byIPChanNum + 256 * v30->byHighDChanNum);
    } else if (strcmp(path, "/ISAPI/AccessControl/RemoteControl/door/1") == 0 && put) {
        if (in_len > 0 && memmem(in, in_len, "<cmd>", 5) != NULL) {
            out->status = response_status(path, 1, "OK", "ok", 0, "");
        } else {
            out->error = NET_DVR_DVROPRATEFAILED;
            out->status = response_status(path, 5, "Invalid XML Format", "badXmlFormat",
                                          0x50000001u, "expected <cmd>");
        }
    } else if (strcmp(path, "/ISAPI/AccessControl/Door/param/1?format=json") == 0 && get) {
        out->body = text_printf("{\"DoorParam\": {\"doorName\": \"Door 1\", \"openDuration\": 5, "
                                "\"magneticType\": \"alwaysClose\"}}");
    } else if (strncmp(path, "/ISAPI/Test/status/", 19) == 0 && get) {
        for (i = 0; i < sizeof k_status_cases / sizeof k_status_cases[0]; i++) {
            if (atoi(path + 19) == k_status_cases[i].code) {
                out->error = NET_DVR_DVROPRATEFAILED;
                out->status = response_status(path, k_status_cases[i].code,
                                              k_status_cases[i].string, k_status_cases[i].sub,
                                              k_status_cases[i].error_code, k_status_cases[i].msg);
                return;
            }
        }
    }
    if (out->body == NULL && out->status == NULL) {
        int known = strcmp(path, "/ISAPI/System/deviceInfo") == 0 ||
                    strcmp(path, "/ISAPI/System/time") == 0;
        out->error = NET_DVR_NOSUPPORT;
        out->status = response_status(path, 4, "Invalid Operation",
                                      known ? "methodNotAllowed" : "notSupport", 0x40000002u,
                                      known ? "method not allowed" : "not supported");
    }
}

/* ---- SDK ------------------------------------------------------------------------------------- */
static void record_locked(const char *line, const NET_DVR_XML_CONFIG_INPUT *in,
                          const NET_DVR_XML_CONFIG_OUTPUT *out, LONG user, int dev, int *slot) {
    isapi_request *r = &s_requests[s_request_count % ISAPI_KEPT_REQUESTS];
    size_t len = in->lpInBuffer != NULL ? in->dwInBufferSize : 0;
    free(r->body);
    memset(r, 0, sizeof *r);
    copy_text(r->line, sizeof r->line, line, strlen(line));
    r->body = dup_bytes(in->lpInBuffer, len);
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
    answer a = {0, NULL, NULL, 0};
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
                a.body = dup_bytes(s->body, s->body_len);
                a.status = s->status != NULL ? dup_bytes(s->status, strlen(s->status)) : NULL;
                a.latency_ms = s->latency_ms;
                body_len = s->body_len; /* reused below as the answer's length */
            } else {
                builtin_locked(d, method, path, body, body_len, &a);
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
                   : store_locked(dev, d->generation, request_line, (DWORD)sdk_error, body,
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
