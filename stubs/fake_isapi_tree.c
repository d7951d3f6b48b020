/*
 * fake_isapi_tree.c - each simulated device's built-in ISAPI tree (README.md, "ISAPI"): device
 * information and channels from the device's record, the time (a PUT is kept and returned by the
 * next GET), door 1, and /ISAPI/Test/status/2..7, each failing with its status code. Anything
 * else answers 23 with a ResponseStatus 4, notSupport (methodNotAllowed on a known path).
 */
#include "fake_isapi_area.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

void isapi_builtin_locked(const fake_device *d, const char *method, const char *path,
                           const unsigned char *in, size_t in_len, isapi_reply *out) {
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
        if (in_len == 0 || isapi_store_locked((int)(d - g.devices), d->generation, line, 0, in, in_len,
                                        NULL, 0) != FAKE_OK) {
            out->error = NET_DVR_DVROPRATEFAILED;
            out->status = response_status(path, 6, "Invalid XML Content", "badXmlContent", 0,
                                          "no time given");
        } else {
            out->status = response_status(path, 1, "OK", "ok", 0, "");
        }
    } else if (strcmp(path, "/ISAPI/Security/adminAccesses") == 0 && get) {
        /* the service ports (not in the facts: the vendor's documented shape) */
        out->body = text_printf(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AdminAccessProtocolList version=\"2.0\" "
            "xmlns=\"" ISAPI_NS "\">\n"
            "<AdminAccessProtocol><id>1</id><enabled>true</enabled><protocol>HTTP</protocol>"
            "<portNo>80</portNo></AdminAccessProtocol>\n"
            "<AdminAccessProtocol><id>2</id><enabled>true</enabled><protocol>HTTPS</protocol>"
            "<portNo>443</portNo></AdminAccessProtocol>\n"
            "<AdminAccessProtocol><id>3</id><enabled>true</enabled><protocol>DEV_MANAGE</protocol>"
            "<portNo>%d</portNo></AdminAccessProtocol>\n"
            "<AdminAccessProtocol><id>4</id><enabled>true</enabled><protocol>RTSP</protocol>"
            "<portNo>554</portNo></AdminAccessProtocol>\n</AdminAccessProtocolList>\n",
            d->port);
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
