/*
 * fake_isapi.h - the ISAPI passthrough area (fake_isapi.c): NET_DVR_STDXMLConfig, its two
 * structs (sdk-facts-features.md section 2, natural alignment, field by field as in the vendor's
 * header) and the area's control API. Exported like fake_hcnetsdk.h: what is FAKE_API here leaves
 * the library (it includes fake_hcnetsdk.h for the types and FAKE_API).
 */
#ifndef FAKE_ISAPI_H
#define FAKE_ISAPI_H

#include "fake_hcnetsdk.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NET_DVR_NOSUPPORT 23
#define NET_DVR_DVROPRATEFAILED 29
#define NET_DVR_NETWORK_RECV_TIMEOUT 10
#define NET_DVR_NOENOUGH_BUF 43

/* NET_DVR_STDXMLConfig's input: 72 bytes on LP64, alignment 8. */
typedef struct tagNET_DVR_XML_CONFIG_INPUT {
    DWORD dwSize;
    void *lpRequestUrl; /* "GET /ISAPI/System/deviceInfo": method, space, path (no NUL needed) */
    DWORD dwRequestUrlLen;
    void *lpInBuffer;
    DWORD dwInBufferSize;
    DWORD dwRecvTimeOut; /* ms; 0: the default 5000; the guide gives 0-5000 */
    BYTE byForceEncrpt;
    BYTE byNumOfMultiPart;
    BYTE byMIMEType;
    BYTE byRes1;
    DWORD dwSendTimeOut;
    BYTE byRes[24];
} NET_DVR_XML_CONFIG_INPUT, *LPNET_DVR_XML_CONFIG_INPUT;

/* NET_DVR_STDXMLConfig's output: 72 bytes on LP64, alignment 8. */
typedef struct tagNET_DVR_XML_CONFIG_OUTPUT {
    DWORD dwSize;
    void *lpOutBuffer;
    DWORD dwOutBufferSize;
    DWORD dwReturnedXMLSize; /* the size of the body the device sent */
    void *lpStatusBuffer;    /* the device's ResponseStatus, NUL-terminated, when it sent one */
    DWORD dwStatusSize;
    void *lpDataBuffer;
    BYTE byNumOfMultiPart;
    BYTE byRes[23];
} NET_DVR_XML_CONFIG_OUTPUT, *LPNET_DVR_XML_CONFIG_OUTPUT;

/* ---- SDK function --------------------------------------------------------------------------- */
FAKE_API BOOL NET_DVR_STDXMLConfig(LONG lUserID, NET_DVR_XML_CONFIG_INPUT *lpInputParam,
                                   NET_DVR_XML_CONFIG_OUTPUT *lpOutputParam);

/* ---- control API (0 or a FAKE_ERR_ code) ------------------------------------------------------ */
/* Script the answer of one device to "METHOD path" (the request line as sent; the query string
 * is part of it). sdk_error 0: the call succeeds with body (may be NULL/0) and status (the
 * ResponseStatus text written to the status buffer, or NULL); else it fails with that code and
 * writes only the status. latency_ms: time the device takes (slept outside the lock). Replaces
 * an earlier answer to the same request line. */
FAKE_API int fake_isapi_set_answer(int dev, const char *request_line, int sdk_error,
                                   const void *body, int body_len, const char *status,
                                   int latency_ms);
/* Forget every scripted answer of a device (-1: of all devices); the built-in tree stays. */
FAKE_API int fake_isapi_clear_answers(int dev);
/* The index-th request received (0 = the oldest kept; the last 64 are kept): copies its
 * request line and body; info[] receives: user id, device handle, body length, dwRecvTimeOut,
 * dwOutBufferSize, dwStatusSize, result (0 TRUE, else the error code). Returns the body length,
 * or -1 if there is no such request. */
FAKE_API int fake_isapi_request(int index, char *line, int line_cap, void *body, int body_cap,
                                long long info[7]);
/* How many requests were received since the last fake_reset. */
FAKE_API long long fake_isapi_request_count(void);

#ifdef __cplusplus
}
#endif

#endif /* FAKE_ISAPI_H */
