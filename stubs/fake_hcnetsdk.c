/*
 * fake_hcnetsdk.c - a fake HCNetSDK for tests and the simulator.
 *
 * Behaves like the real library (6.1.9.48) as measured in shared/sdk-facts.md, for the functions
 * the binding uses, with simulated devices instead of a network. It never opens a socket or a
 * file. Behaviour, the control API and the default site are documented in README.md.
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include "fake_hcnetsdk.h"

#include <arpa/inet.h> /* inet_pton only: parsing, no socket */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h> /* AF_INET, AF_INET6 */
#include <time.h>

/* ---- layout checks against the measured facts (x86_64 / LP64 Linux) ------------------------ */
#define FAKE_CHECK_OFFSET(type, field, value) \
    _Static_assert(offsetof(type, field) == (value), #type "." #field " offset")

_Static_assert(sizeof(NET_DVR_DEVICEINFO_V30) == 80, "NET_DVR_DEVICEINFO_V30 size");
_Static_assert(sizeof(NET_DVR_DEVICEINFO_V40) == 344, "NET_DVR_DEVICEINFO_V40 size");
_Static_assert(sizeof(NET_DVR_LOCAL_SDK_PATH) == 384, "NET_DVR_LOCAL_SDK_PATH size");
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, byAlarmInPortNum, 48);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, bySupport2, 61);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, wDevType, 62);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, bySupport3, 64);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, byStartDChan, 66);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, byHighDChanNum, 68);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, byMirrorChanNum, 75);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, wStartMirrorChanNo, 76);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, bySupport7, 78);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V30, byRes2, 79);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, bySupportLock, 80);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, byRetryLoginTime, 81);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, byPasswordLevel, 82);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, dwSurplusLockTime, 84);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, byCharEncodeType, 88);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, dwOEMCode, 92);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, iResidualValidity, 96);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, byResidualValidity, 100);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, byTLSCap, 106);
FAKE_CHECK_OFFSET(NET_DVR_DEVICEINFO_V40, byRes2, 107);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, byUseTransport, 129);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, wPort, 130);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, sUserName, 132);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, sPassword, 196);
#if UINTPTR_MAX == 0xffffffffffffffffu
/* The pointer members make these depend on the word size: checked for 64-bit targets. */
_Static_assert(sizeof(NET_DVR_USER_LOGIN_INFO) == 416, "NET_DVR_USER_LOGIN_INFO size");
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, cbLoginResult, 264);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, pUser, 272);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, bUseAsynLogin, 280);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, byHttps, 287);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, iProxyID, 288);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, byVerifyMode, 292);
FAKE_CHECK_OFFSET(NET_DVR_USER_LOGIN_INFO, byRes3, 293);
#endif

/* ---- thread-local last error ---------------------------------------------------------------- */
#if defined(_MSC_VER)
#define FAKE_THREAD_LOCAL __declspec(thread)
#else
#define FAKE_THREAD_LOCAL __thread
#endif

static FAKE_THREAD_LOCAL DWORD t_last_error;

static BOOL fail_bool(DWORD code) {
    t_last_error = code;
    return FALSE;
}

static BOOL ok_bool(void) {
    t_last_error = NET_DVR_NOERROR;
    return TRUE;
}

/* ---- error texts ------------------------------------------------------------------------------ */
typedef struct {
    DWORD code;
    const char *text;
} error_text;

static const error_text k_error_texts[] = {
    {0, "No error."},
    {1, "User name or password error."},
    {2, "Not enough privilege: the user has no right to perform this operation."},
    {3, "SDK is not initialized."},
    {4, "Channel number error: the device has no such channel."},
    {5, "The number of users connected to the device exceeds the maximum."},
    {6, "Version mismatch between the SDK and the device."},
    {7, "Failed to connect to the device: it is offline or the connection timed out."},
    {8, "Failed to send data to the device."},
    {9, "Failed to receive data from the device."},
    {10, "Timed out receiving data from the device."},
    {11, "The data sent to or received from the device is invalid."},
    {12, "Wrong calling order."},
    {13, "No permission for this operation."},
    {14, "The device timed out executing the command."},
    {15, "Serial port number error: the device has no such serial port."},
    {16, "Alarm port number error: the device has no such alarm output."},
    {17, "Parameter error: an input or output parameter of the SDK function is invalid."},
    {18, "The device channel is in an error state."},
    {19, "The device has no hard disk."},
    {20, "Hard disk number error."},
    {21, "The device's hard disk is full."},
    {22, "Hard disk error."},
    {23, "The device does not support this function."},
    {24, "The device is busy."},
    {25, "Failed to modify the device parameter."},
    {26, "Wrong password format."},
    {27, "The hard disk is being formatted; the operation cannot start."},
    {28, "The device is short of resources."},
    {29, "The device operation failed."},
    {30, "Failed to capture local audio or open audio output for two-way audio or broadcast."},
    {31, "The device's two-way audio is already in use."},
    {32, "Time input is not correct."},
    {33, "No such file on the device for playback."},
    {34, "Failed to create a file."},
    {35, "Failed to open a file."},
    {36, "The previous operation has not finished."},
    {37, "Failed to get the current playback time."},
    {38, "Playback error."},
    {39, "Wrong file format."},
    {40, "Wrong path."},
    {41, "SDK resource allocation error."},
    {42, "Sound card mode error."},
    {43, "Buffer too small."},
    {44, "Failed to create a socket."},
    {45, "Failed to set up a socket."},
    {46, "The number reaches the SDK's maximum (logins, previews or other connections)."},
    {47, "The user does not exist: the user ID has logged out or is invalid."},
    {48, "Failed to write flash during upgrade."},
    {49, "Device upgrade failed."},
    {50, "The decoding card has already been initialized."},
    {51, "A call into the player library failed."},
    {52, "The number of users logged in to the device reaches the maximum."},
    {53, "Failed to get the local PC's IP or MAC address."},
    {54, "Encoding is not started on this channel of the device."},
    {55, "IP address mismatch."},
    {56, "MAC address mismatch."},
    {57, "Upgrade file language mismatch."},
    {58, "The number of player ports reaches the maximum."},
    {59, "Not enough space on the backup device."},
    {60, "The backup device was not found."},
    {61, "Picture bit depth mismatch: only 24-bit colour is supported."},
    {62, "Picture dimensions exceed the limit of 128*256."},
    {63, "Picture size exceeds the limit of 100K."},
    {64, "Failed to load the player SDK from the current directory."},
    {65, "A function was not found in the player SDK."},
    {66, "Failed to load the DsSdk from the current directory."},
    {67, "A function was not found in the DsSdk."},
    {68, "A call into the hardware decoding library DsSdk failed."},
    {69, "The sound card is exclusively occupied."},
    {70, "Failed to join the multicast group."},
    {71, "Failed to create the log file directory."},
    {72, "Failed to bind a socket."},
    {73, "The socket connection was interrupted or the destination is unreachable."},
    {74, "The user ID is in use by another operation while logging out."},
    {75, "Socket listen failed."},
    {76, "Program exception."},
    {77, "Failed to write a file."},
    {78, "Formatting a read-only hard disk is forbidden."},
    {79, "The same user name exists in the remote user configuration."},
    {80, "Device model mismatch while importing parameters."},
    {81, "Language mismatch while importing parameters."},
    {82, "Software version mismatch while importing parameters."},
    {83, "The external IP channel is offline."},
    {84, "Failed to load the standard protocol library StreamTransClient."},
    {85, "Failed to load the format conversion library."},
    {86, "Exceeds the maximum number of IP channels."},
    {87, "Exceeds the maximum number of record tags or other items."},
    {88, "Image enhancer: parameter mode error."},
    {89, "The code splitter is offline."},
    {90, "The device is backing up."},
    {91, "The channel does not support this operation."},
    {92, "Height line positions too concentrated or length line not inclined enough."},
    {93, "Cancel calibration conflict."},
    {94, "Calibration point out of range."},
    {95, "The size filter does not meet the requirements."},
    {96, "The device is not registered with DDNS."},
    {97, "DDNS server internal error."},
    {98, "This function is not supported by the operating system."},
    {99, "Decoding channel binding to display output is restricted."},
    {100, "Failed to load the two-way audio library from the current directory."},
    {101, "No correct upgrade package."},
    {102, "The user has not logged in successfully."},
    {103, "The log switch file is in use."},
    {104, "The port pool is exhausted."},
    {105, "Packet type not supported."},
    {106, "IP parameter ID error."},
    {107, "Failed to load the preview component (HCNetSDKCom/libHCPreview)."},
    {108, "Failed to load the voice talk component."},
    {109, "Failed to load the alarm component."},
    {110, "Failed to load the playback component."},
    {111, "Failed to load the display component."},
    {112, "Failed to load the industry component."},
    {113, "Failed to load the general configuration component."},
    {114, "Failed to load the device configuration component."},
    {115, "Failed to load the network utilities component."},
    {121, "Core component version mismatch."},
    {122, "Version mismatch between the core and the preview component."},
    {123, "Version mismatch between the core and the voice talk component."},
    {124, "Version mismatch between the core and the alarm component."},
    {125, "Version mismatch between the core and the playback component."},
    {126, "Version mismatch between the core and the display component."},
    {127, "Version mismatch between the core and the industry component."},
    {128, "Version mismatch between the core and the general configuration component."},
    {136, "Preview component version mismatch."},
    {137, "Voice talk component version mismatch."},
    {138, "Alarm component version mismatch."},
    {139, "Playback component version mismatch."},
    {140, "Display component version mismatch."},
    {141, "Industry component version mismatch."},
    {142, "General configuration component version mismatch."},
    {145, "Failed to import the configuration file."},
    {146, "Failed to export the configuration file."},
    {147, "Certificate file error."},
    {148, "Failed to load the SSL library."},
    {149, "SSL library version mismatch."},
    {150, "Alias is duplicated (EasyDDNS configuration)."},
    {151, "Invalid communication."},
    {152, "The user name does not exist."},
    {153, "The user is locked: too many failed login attempts."},
    {154, "Invalid user ID."},
    {155, "The login version is too low."},
    {156, "Failed to load libeay32 (libcrypto)."},
    {157, "Failed to load ssleay32 (libssl)."},
    {158, "Failed to load libiconv."},
    {159, "SSL connection failed: the device does not speak TLS or the handshake failed."},
    {160, "Multicast address error."},
    {161, "Failed to load zlib."},
    {162, "OpenSSL is not initialized."},
    {200, "The name already exists."},
    {201, "The number of arrays reaches the limit."},
    {202, "The number of virtual disks reaches the limit."},
    {203, "The virtual disk slots are full."},
    {204, "The physical disk needed to rebuild the array is in an error state."},
    {205, "The physical disk needed to rebuild the array is a dedicated spare."},
    {206, "The physical disk needed to rebuild the array is not free."},
    {207, "Cannot migrate from the current array type to the new one."},
    {208, "The migration has been paused."},
    {209, "The migration in progress has been cancelled."},
    {210, "The array has virtual disks and cannot be deleted."},
    {211, "The physical disk is part of a functional virtual disk."},
    {212, "The physical disk is already assigned to a virtual disk."},
    {213, "The number of physical disks does not match the RAID level."},
    {214, "The array is functional and cannot be rebuilt."},
    {215, "A background task is running."},
    {216, "Cannot create a virtual disk with an ATAPI disk."},
    {217, "The array needs no migration."},
    {218, "The physical disks are not of the same type."},
    {219, "No virtual disk: the operation cannot be done."},
    {220, "The disk is too small to be a spare."},
    {221, "The disk is already a spare of another array."},
    {222, "The array is missing a disk."},
    {223, "The name is empty."},
    {224, "Input parameter error."},
    {225, "The physical disk is not available."},
    {226, "The array is not available."},
    {227, "Wrong number of physical disks."},
    {228, "The virtual disk is too small."},
    {229, "Does not exist."},
    {230, "This operation is not supported."},
    {231, "The array is not in a functional state."},
    {232, "The virtual disk device node does not exist."},
    {233, "The number of slots reaches the limit."},
    {234, "No virtual disk exists on the array."},
    {235, "Invalid virtual disk slot."},
    {236, "Not enough space on the physical disks."},
    {237, "Only a functional array can be migrated."},
    {238, "Not enough space in the array."},
    {239, "Safe disk removal or rescan in progress."},
    {240, "Creating an array larger than 16 TB is not supported."},
    {401, "RTSP: no permission (the server returned 401)."},
    {402, "RTSP: failed to allocate resources."},
    {403, "RTSP: parameter error."},
    {404, "RTSP: the URL does not exist (the server returned 404)."},
    {406, "RTSP: the user stopped the operation."},
    {407, "RTSP: failed to get the RTSP port."},
    {410, "RTSP DESCRIBE exchange error."},
    {411, "RTSP DESCRIBE send timeout."},
    {412, "RTSP DESCRIBE send failed."},
    {413, "RTSP DESCRIBE receive timeout."},
    {414, "RTSP DESCRIBE received data error."},
    {415, "RTSP DESCRIBE receive failed."},
    {416, "RTSP DESCRIBE: the server returned an error status."},
    {420, "RTSP SETUP exchange error."},
    {421, "RTSP SETUP send timeout."},
    {422, "RTSP SETUP send error."},
    {423, "RTSP SETUP receive timeout."},
    {424, "RTSP SETUP received data error."},
    {425, "RTSP SETUP receive failed."},
    {426, "RTSP: exceeds the server's maximum connections or the server lacks resources."},
    {427, "RTSP SETUP: the server returned an error status."},
    {430, "RTSP PLAY exchange error."},
    {431, "RTSP PLAY send timeout."},
    {432, "RTSP PLAY send error."},
    {433, "RTSP PLAY receive timeout."},
    {434, "RTSP PLAY received data error."},
    {435, "RTSP PLAY receive failed."},
    {436, "RTSP PLAY: the server returned an error status."},
    {440, "RTSP TEARDOWN exchange error."},
    {441, "RTSP TEARDOWN send timeout."},
    {442, "RTSP TEARDOWN send error."},
    {443, "RTSP TEARDOWN receive timeout."},
    {444, "RTSP TEARDOWN received data error."},
    {445, "RTSP TEARDOWN receive failed."},
    {446, "RTSP TEARDOWN: the server returned an error status."},
    {500, "Player: no error."},
    {501, "Player: invalid input parameter."},
    {502, "Player: wrong calling order."},
    {503, "Player: failed to set the multimedia clock."},
    {504, "Player: video decoding failed."},
    {505, "Player: audio decoding failed."},
    {506, "Player: memory allocation failed."},
    {507, "Player: file operation failed."},
    {508, "Player: failed to create a thread or event."},
    {509, "Player: failed to create DirectDraw."},
    {510, "Player: failed to create the off-screen buffer."},
    {511, "Player: buffer full, stream input failed."},
    {512, "Player: failed to create the audio device."},
    {513, "Player: failed to set the volume."},
    {514, "Player: this function is only for file playback."},
    {515, "Player: this function is only for stream playback."},
    {516, "Player: not supported by the system."},
    {517, "Player: no file header."},
    {518, "Player: decoder and encoder versions do not match."},
    {519, "Player: failed to initialize the decoder."},
    {520, "Player: the file is too short or the stream is not recognized."},
    {521, "Player: failed to initialize the multimedia clock."},
    {522, "Player: bit block transfer failed."},
    {523, "Player: failed to display the overlay."},
    {524, "Player: failed to open the multiplexed stream file."},
    {525, "Player: failed to open the video stream file."},
    {526, "Player: JPEG compression error."},
    {527, "Player: this file version is not supported."},
    {528, "Player: failed to extract file data."},
    {600, "Audio intercom: no error."},
    {601, "Audio intercom: not supported."},
    {602, "Audio intercom: memory allocation error."},
    {603, "Audio intercom: parameter error."},
    {604, "Audio intercom: wrong calling order."},
    {605, "Audio intercom: no device found."},
    {606, "Audio intercom: cannot open the device."},
    {607, "Audio intercom: device context error."},
    {608, "Audio intercom: WAV file error."},
    {609, "Audio intercom: invalid WAV parameter type."},
    {610, "Audio intercom: encoding failed."},
    {611, "Audio intercom: decoding failed."},
    {612, "Audio intercom: playback failed."},
    {613, "Audio intercom: noise reduction failed."},
    {619, "Audio intercom: unknown error."},
    {800, "Network traffic exceeds the device's capability."},
    {801, "The record file is being written and cannot be locked."},
    {802, "The hard disk is too small to be formatted."},
    {803, "N+1: the remote end cannot be connected."},
    {804, "N+1: a spare device cannot add a spare device."},
    {805, "N+1: backup disk exception."},
    {806, "N+1: the number of spare devices reaches the limit."},
    {807, "N+1: the added spare device is a working device."},
    {808, "N+1: wrong adding order."},
    {809, "N+1: a working device cannot add a working device."},
    {810, "N+1: CVR service exception on the working device."},
    {811, "N+1: CVR service exception on the spare device."},
    {812, "N+1: the added working device is a spare device."},
    {813, "N+1: performance reaches the limit."},
    {814, "N+1: the added device already exists."},
    {821, "The channel is not bound to two-way audio or binding failed."},
    {822, "The device is in N+1 mode: cloud storage cannot be set."},
    {823, "Cloud storage mode is already enabled."},
    {824, "The device is taken over in N+0 mode: operation not allowed."},
    {825, "The device is taken over in N+0 mode: get the relocation information."},
    {1000, "Getting this capability node is not supported."},
    {1001, "Not enough output memory."},
    {1002, "Cannot find the matching local XML."},
    {1003, "Error loading the local XML."},
    {1004, "The device capability data format is wrong."},
    {1005, "Wrong capability set type."},
    {1006, "Wrong XML capability node format."},
    {1007, "Wrong input capability XML node value."},
    {1008, "XML version mismatch (or wrong XML data returned)."},
    {1500, "VQD: diagnosis time periods conflict."},
    {1501, "VQD: the diagnosis plan does not exist."},
    {1502, "VQD: the monitoring point does not exist."},
    {1503, "VQD: the number of plans reaches the limit."},
    {1504, "VQD: the number of tasks reaches the limit."},
};

static const char k_unknown_error_text[] = "Unknown error.";

static const char *error_text_for(DWORD code) {
    size_t i;
    for (i = 0; i < sizeof k_error_texts / sizeof k_error_texts[0]; i++) {
        if (k_error_texts[i].code == code) {
            return k_error_texts[i].text;
        }
    }
    return k_unknown_error_text;
}

/* ---- struct field tables (names -> offset/size) -------------------------------------------- */
enum field_kind { KIND_UNSIGNED, KIND_SIGNED, KIND_BYTES, KIND_POINTER, KIND_STRUCT };

typedef struct {
    const char *name;
    size_t offset;
    size_t size;
    int kind;
} field_desc;

#define FIELD(type, member, kind) \
    { #member, offsetof(type, member), sizeof(((type *)0)->member), kind }

static const field_desc k_v30_fields[] = {
    FIELD(NET_DVR_DEVICEINFO_V30, sSerialNumber, KIND_BYTES),
    FIELD(NET_DVR_DEVICEINFO_V30, byAlarmInPortNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byAlarmOutPortNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byDiskNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byDVRType, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byStartChan, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byAudioChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byIPChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byZeroChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byMainProto, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySubProto, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport1, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport2, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, wDevType, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport3, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byMultiStreamProto, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byStartDChan, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byStartDTalkChan, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byHighDChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport4, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byLanguageType, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byVoiceInChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byStartVoiceInChanNo, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport5, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport6, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byMirrorChanNum, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, wStartMirrorChanNo, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, bySupport7, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V30, byRes2, KIND_UNSIGNED),
};

static const field_desc k_v40_fields[] = {
    FIELD(NET_DVR_DEVICEINFO_V40, struDeviceV30, KIND_STRUCT),
    FIELD(NET_DVR_DEVICEINFO_V40, bySupportLock, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byRetryLoginTime, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byPasswordLevel, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byProxyType, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, dwSurplusLockTime, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byCharEncodeType, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, bySupportDev5, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, bySupport, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byLoginMode, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, dwOEMCode, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, iResidualValidity, KIND_SIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byResidualValidity, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, bySingleStartDTalkChan, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, bySingleDTalkChanNums, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byPassWordResetLevel, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, bySupportStreamEncrypt, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byMarketType, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byTLSCap, KIND_UNSIGNED),
    FIELD(NET_DVR_DEVICEINFO_V40, byRes2, KIND_BYTES),
};

static const field_desc k_login_info_fields[] = {
    FIELD(NET_DVR_USER_LOGIN_INFO, sDeviceAddress, KIND_BYTES),
    FIELD(NET_DVR_USER_LOGIN_INFO, byUseTransport, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, wPort, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, sUserName, KIND_BYTES),
    FIELD(NET_DVR_USER_LOGIN_INFO, sPassword, KIND_BYTES),
    FIELD(NET_DVR_USER_LOGIN_INFO, cbLoginResult, KIND_POINTER),
    FIELD(NET_DVR_USER_LOGIN_INFO, pUser, KIND_POINTER),
    FIELD(NET_DVR_USER_LOGIN_INFO, bUseAsynLogin, KIND_SIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, byProxyType, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, byUseUTCTime, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, byLoginMode, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, byHttps, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, iProxyID, KIND_SIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, byVerifyMode, KIND_UNSIGNED),
    FIELD(NET_DVR_USER_LOGIN_INFO, byRes3, KIND_BYTES),
};

static const field_desc k_sdk_path_fields[] = {
    FIELD(NET_DVR_LOCAL_SDK_PATH, sPath, KIND_BYTES),
    FIELD(NET_DVR_LOCAL_SDK_PATH, byRes, KIND_BYTES),
};

typedef struct {
    const char *name;
    size_t size;
    const field_desc *fields;
    size_t count;
} struct_desc;

#define STRUCT(type, table) {#type, sizeof(type), table, sizeof table / sizeof table[0]}

static const struct_desc k_structs[] = {
    STRUCT(NET_DVR_USER_LOGIN_INFO, k_login_info_fields),
    STRUCT(NET_DVR_DEVICEINFO_V30, k_v30_fields),
    STRUCT(NET_DVR_DEVICEINFO_V40, k_v40_fields),
    STRUCT(NET_DVR_LOCAL_SDK_PATH, k_sdk_path_fields),
};

static const struct_desc *find_struct(const char *name) {
    size_t i;
    if (name == NULL) {
        return NULL;
    }
    for (i = 0; i < sizeof k_structs / sizeof k_structs[0]; i++) {
        if (strcmp(k_structs[i].name, name) == 0) {
            return &k_structs[i];
        }
    }
    return NULL;
}

static const field_desc *find_field(const field_desc *table, size_t count, const char *name) {
    size_t i;
    for (i = 0; i < count; i++) {
        if (strcmp(table[i].name, name) == 0) {
            return &table[i];
        }
    }
    return NULL;
}

static const char k_v30_prefix[] = "struDeviceV30.";

/* A field of NET_DVR_DEVICEINFO_V40 by name: its own fields, the V30 fields by their bare name,
 * or "struDeviceV30.<name>". The offset is relative to the V40 struct (the V30 part is at 0). */
static const field_desc *find_device_field(const char *name) {
    const field_desc *f;
    if (name == NULL) {
        return NULL;
    }
    if (strncmp(name, k_v30_prefix, sizeof k_v30_prefix - 1) == 0) {
        return find_field(k_v30_fields, sizeof k_v30_fields / sizeof k_v30_fields[0],
                          name + sizeof k_v30_prefix - 1);
    }
    f = find_field(k_v40_fields, sizeof k_v40_fields / sizeof k_v40_fields[0], name);
    if (f != NULL) {
        return f;
    }
    return find_field(k_v30_fields, sizeof k_v30_fields / sizeof k_v30_fields[0], name);
}

/* ---- shared state ------------------------------------------------------------------------------ */
enum {
    FN_Init,
    FN_Cleanup,
    FN_GetLastError,
    FN_GetErrorMsg,
    FN_GetSDKVersion,
    FN_GetSDKBuildVersion,
    FN_SetConnectTime,
    FN_SetRecvTimeOut,
    FN_SetReconnect,
    FN_SetLogToFile,
    FN_SetSDKInitCfg,
    FN_Login_V40,
    FN_Login_V30,
    FN_Logout,
    FN_COUNT
};

static const char *const k_function_names[FN_COUNT] = {
    "NET_DVR_Init",          "NET_DVR_Cleanup",        "NET_DVR_GetLastError",
    "NET_DVR_GetErrorMsg",   "NET_DVR_GetSDKVersion",  "NET_DVR_GetSDKBuildVersion",
    "NET_DVR_SetConnectTime", "NET_DVR_SetRecvTimeOut", "NET_DVR_SetReconnect",
    "NET_DVR_SetLogToFile",  "NET_DVR_SetSDKInitCfg",  "NET_DVR_Login_V40",
    "NET_DVR_Login_V30",     "NET_DVR_Logout",
};

/* Functions that report failure (BOOL or LONG): the ones fake_fail_next can target. */
static const unsigned char k_function_fallible[FN_COUNT] = {
    1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
};

#define FAKE_MAX_DEVICES 1024
#define FAKE_PATH_MAX 4096
#define DEFAULT_SDK_VERSION 0x00060001u       /* 6.1: major in the high word */
#define DEFAULT_BUILD_VERSION 0x06010930u     /* 6.1.9.48: one byte per part */
#define DEFAULT_LOGOUT_BLOCK_MS 5000

enum slot_state { SLOT_NEVER_USED = 0, SLOT_IN_USE = 1, SLOT_FREED = 2 };

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
} fake_device;

typedef struct {
    int initialized;
    long long init_calls;
    long long cleanup_calls;
    DWORD sdk_version;
    DWORD build_version;
    int latency_ms;
    int logout_block_ms;
    long long logout_unused_calls;
    int logins_in_flight;
    int max_logins_in_flight;

    DWORD connect_wait_ms;
    DWORD connect_tries;
    DWORD recv_timeout_ms;
    DWORD reconnect_interval_ms;
    int reconnect_enabled;
    DWORD log_level;
    char log_dir[FAKE_PATH_MAX];
    int log_auto_delete;
    char sdk_path[sizeof(((NET_DVR_LOCAL_SDK_PATH *)0)->sPath) + 1];
    char libcrypto_path[FAKE_PATH_MAX];
    char libssl_path[FAKE_PATH_MAX];
    long long init_cfg_calls;

    char last_login_function[32];
    char last_login_host[NET_DVR_DEV_ADDRESS_MAX_LEN + 1];
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

    long long calls[FN_COUNT];
    DWORD fail_next[FN_COUNT];

    unsigned char slot_state[MAX_LOGIN_USERS];
    int slot_device[MAX_LOGIN_USERS];
    int users;

    fake_device devices[FAKE_MAX_DEVICES];
    int device_count; /* high-water mark of the device table */
    unsigned generation;
} fake_state;

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static fake_state g;

static void lock(void) { pthread_mutex_lock(&g_lock); }
static void unlock(void) { pthread_mutex_unlock(&g_lock); }

static double monotonic_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ms(int ms) {
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
static void copy_text(char *dst, size_t cap, const char *src, size_t n) {
    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Parses an IP literal the way the SDK accepts hosts: IPv4 dotted quad or IPv6, no names. */
static int parse_ip(const char *text, int *family, unsigned char addr[16]) {
    memset(addr, 0, 16);
    if (inet_pton(AF_INET, text, addr) == 1) {
        *family = AF_INET;
        return 1;
    }
    if (inet_pton(AF_INET6, text, addr) == 1) {
        *family = AF_INET6;
        return 1;
    }
    return 0;
}

/* ---- devices --------------------------------------------------------------------------------- */
static fake_device *device_at(int dev) {
    if (dev < 0 || dev >= g.device_count || !g.devices[dev].in_use) {
        return NULL;
    }
    return &g.devices[dev];
}

static int find_device_locked(int family, const unsigned char addr[16], int port) {
    int i;
    for (i = 0; i < g.device_count; i++) {
        const fake_device *d = &g.devices[i];
        if (d->in_use && d->family == family && d->port == port &&
            memcmp(d->addr, addr, 16) == 0) {
            return i;
        }
    }
    return -1;
}

static void set_serial(NET_DVR_DEVICEINFO_V40 *info, const char *serial) {
    /* 48 bytes, NUL-padded; a 48-byte serial has no terminating NUL, as on the device. */
    memset(info->struDeviceV30.sSerialNumber, 0, sizeof info->struDeviceV30.sSerialNumber);
    memcpy(info->struDeviceV30.sSerialNumber, serial,
           strnlen(serial, sizeof info->struDeviceV30.sSerialNumber));
}

/* A plain IP camera: what fake_add_device creates before any fake_device_set. */
static void default_camera_info(NET_DVR_DEVICEINFO_V40 *info) {
    NET_DVR_DEVICEINFO_V30 *v30 = &info->struDeviceV30;
    memset(info, 0, sizeof *info);
    set_serial(info, "DS-2CD2143G2-I20230410AAWRL00000000");
    v30->byAlarmInPortNum = 1;
    v30->byAlarmOutPortNum = 1;
    v30->byDiskNum = 0;
    v30->byDVRType = 31;
    v30->byChanNum = 1;
    v30->byStartChan = 1;
    v30->byAudioChanNum = 1;
    v30->byIPChanNum = 0;
    v30->byZeroChanNum = 0;
    v30->wDevType = 0x2143;
    v30->byStartDChan = 0;
    v30->byStartDTalkChan = 0;
    v30->byHighDChanNum = 0;
    v30->byLanguageType = 2; /* English */
    info->byPasswordLevel = 2; /* valid password */
    info->byCharEncodeType = 6; /* UTF-8 */
    info->byLoginMode = 0;
    info->iResidualValidity = 0;
    info->byResidualValidity = 0;
    info->byTLSCap = 1;
}

static int add_device_locked(const char *ip, int port, const char *user, const char *password) {
    int family;
    unsigned char addr[16];
    size_t user_len, password_len;
    int idx, i;
    fake_device *d;

    if (ip == NULL || user == NULL || password == NULL || port < 0 || port > 65535) {
        return -1;
    }
    if (strnlen(ip, NET_DVR_DEV_ADDRESS_MAX_LEN) >= NET_DVR_DEV_ADDRESS_MAX_LEN ||
        !parse_ip(ip, &family, addr)) {
        return -1;
    }
    user_len = strnlen(user, NET_DVR_LOGIN_USERNAME_MAX_LEN + 1);
    password_len = strnlen(password, NET_DVR_LOGIN_PASSWD_MAX_LEN + 1);
    if (user_len > NET_DVR_LOGIN_USERNAME_MAX_LEN || password_len > NET_DVR_LOGIN_PASSWD_MAX_LEN) {
        return -1;
    }
    idx = find_device_locked(family, addr, port);
    if (idx < 0) {
        for (i = 0; i < FAKE_MAX_DEVICES; i++) {
            if (!g.devices[i].in_use) {
                idx = i;
                break;
            }
        }
        if (idx < 0) {
            return -1;
        }
        if (idx >= g.device_count) {
            g.device_count = idx + 1;
        }
    }
    d = &g.devices[idx];
    memset(d, 0, sizeof *d);
    d->in_use = 1;
    d->generation = ++g.generation;
    d->family = family;
    memcpy(d->addr, addr, sizeof d->addr);
    d->port = port;
    copy_text(d->ip_text, sizeof d->ip_text, ip, strlen(ip));
    memcpy(d->user, user, user_len);
    d->user_len = user_len;
    memcpy(d->password, password, password_len);
    d->password_len = password_len;
    default_camera_info(&d->info);
    d->latency_ms = -1;
    return idx;
}

static void clear_devices_locked(void) {
    memset(g.devices, 0, sizeof g.devices);
    g.device_count = 0;
    g.generation++;
}

typedef struct {
    int port;
    const char *serial;
    BYTE chan_num, start_chan, ip_chan_num, start_dchan, zero_chan_num, disks, alarm_in,
        alarm_out, dvr_type;
    WORD dev_type;
    BYTE password_level;
    int residual_validity;
} default_device;

/* The default simulated site (documented in README.md). */
static const default_device k_default_site[] = {
    {8000, "DS-7608NI-K20820230410CCRRF00000001WCVU", 0, 1, 8, 33, 1, 1, 4, 1, 75, 0x7608, 1, 0},
    {8001, "DS-2CD2143G2-I20230410AAWRL00000001", 1, 1, 0, 0, 0, 0, 1, 1, 31, 0x2143, 1, 0},
    {8002, "DS-2CD2387G2-LU20230410AAWRL00000002", 1, 1, 0, 0, 0, 0, 1, 1, 31, 0x2387, 1, 0},
    {8003, "DS-2DE4425IW-DE20230410AAWRL00000003", 1, 1, 0, 0, 0, 0, 2, 1, 31, 0x4425, 1, 0},
    {8004, "DS-2CD2T47G2-L20230410AAWRL00000004", 1, 1, 0, 0, 0, 0, 0, 0, 31, 0x2747, 1, 0},
};

static void add_default_site_locked(void) {
    size_t i;
    for (i = 0; i < sizeof k_default_site / sizeof k_default_site[0]; i++) {
        const default_device *s = &k_default_site[i];
        int idx = add_device_locked("127.0.0.1", s->port, "admin", "12345");
        fake_device *d = &g.devices[idx];
        NET_DVR_DEVICEINFO_V30 *v30 = &d->info.struDeviceV30;
        set_serial(&d->info, s->serial);
        v30->byChanNum = s->chan_num;
        v30->byStartChan = s->start_chan;
        v30->byIPChanNum = s->ip_chan_num;
        v30->byStartDChan = s->start_dchan;
        v30->byZeroChanNum = s->zero_chan_num;
        v30->byDiskNum = s->disks;
        v30->byAlarmInPortNum = s->alarm_in;
        v30->byAlarmOutPortNum = s->alarm_out;
        v30->byDVRType = s->dvr_type;
        v30->wDevType = s->dev_type;
        d->info.byPasswordLevel = s->password_level;
        d->info.iResidualValidity = s->residual_validity;
        d->max_attempts = 5;
        d->lock_seconds = 1800;
    }
}

/* Everything back to the state after loading. Called with the lock held. */
static void reset_locked(void) {
    /* Device generations keep growing across resets, so a login sleeping through a reset
     * cannot mistake a new device for the one it found. */
    unsigned generation = g.generation;
    memset(&g, 0, sizeof g);
    g.generation = generation + 1;
    g.sdk_version = DEFAULT_SDK_VERSION;
    g.build_version = DEFAULT_BUILD_VERSION;
    g.logout_block_ms = DEFAULT_LOGOUT_BLOCK_MS;
    g.connect_wait_ms = 3000;
    g.connect_tries = 3;
    g.recv_timeout_ms = 5000;
    g.reconnect_interval_ms = 30000;
    g.reconnect_enabled = 1;
    g.log_level = 0;
    g.log_auto_delete = 1;
    g.last_login_port = -1;
    add_default_site_locked();
}

static void init_once(void) {
    lock();
    reset_locked();
    unlock();
}

static void ready(void) { pthread_once(&g_once, init_once); }

/* Counts the call and consumes a failure scheduled by fake_fail_next. Lock held. */
static DWORD enter_locked(int fn) {
    DWORD code = g.fail_next[fn];
    g.calls[fn]++;
    g.fail_next[fn] = 0;
    return code;
}

static void free_all_slots_locked(void) {
    memset(g.slot_state, 0, sizeof g.slot_state);
    memset(g.slot_device, 0, sizeof g.slot_device);
    g.users = 0;
}

/* ---- SDK: lifecycle, errors, versions -------------------------------------------------------- */
FAKE_API BOOL NET_DVR_Init(void) {
    DWORD forced;
    ready();
    lock();
    forced = enter_locked(FN_Init);
    g.init_calls++;
    if (forced != 0) {
        unlock();
        return fail_bool(forced);
    }
    if (!g.initialized) {
        g.initialized = 1;
        free_all_slots_locked();
    }
    unlock();
    return ok_bool();
}

FAKE_API BOOL NET_DVR_Cleanup(void) {
    DWORD forced;
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
    g.initialized = 0;
    free_all_slots_locked();
    unlock();
    return ok_bool();
}

FAKE_API DWORD NET_DVR_GetLastError(void) {
    ready();
    lock();
    g.calls[FN_GetLastError]++;
    unlock();
    return t_last_error;
}

FAKE_API char *NET_DVR_GetErrorMsg(LONG *pErrorNo) {
    int initialized;
    DWORD code;
    ready();
    lock();
    g.calls[FN_GetErrorMsg]++;
    initialized = g.initialized;
    unlock();
    if (!initialized) {
        t_last_error = NET_DVR_NOINIT;
        return NULL;
    }
    code = t_last_error;
    if (pErrorNo != NULL) {
        *pErrorNo = (LONG)code;
    }
    /* The SDK hands out a pointer to its own text; callers must not write through it. */
    return (char *)error_text_for(code);
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
        t_last_error = NET_DVR_NOINIT;
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
/* Common start of a BOOL function that needs Init: 0 to go on, else the failure code. */
static DWORD begin_initialized_locked(int fn) {
    DWORD code = enter_locked(fn);
    if (code == 0 && !g.initialized) {
        code = NET_DVR_NOINIT;
    }
    return code;
}

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

/* ---- SDK: login / logout ---------------------------------------------------------------------- */
typedef struct {
    int https, login_mode, transport, proxy_type, utc, verify_mode;
    long long proxy_id, async;
} login_options;

/* The part of a login after the function's own argument checks: find the device, wait the
 * simulated latency outside the lock, then check credentials and allocate a user id. */
static LONG login_common(int fn, const char *host, int port, const char *user, size_t user_len,
                         const char *password, size_t password_len, const login_options *opts,
                         NET_DVR_DEVICEINFO_V40 *out40, NET_DVR_DEVICEINFO_V30 *out30) {
    int family, idx, latency, slot;
    unsigned generation;
    unsigned char addr[16];
    fake_device *d;
    DWORD code = 0;
    NET_DVR_DEVICEINFO_V40 info;
    double now;

    if (!parse_ip(host, &family, addr)) {
        t_last_error = NET_DVR_PARAMETER_ERROR;
        return -1;
    }

    lock();
    copy_text(g.last_login_function, sizeof g.last_login_function, k_function_names[fn],
              strlen(k_function_names[fn]));
    copy_text(g.last_login_host, sizeof g.last_login_host, host, strlen(host));
    g.last_login_port = port;
    copy_text(g.last_login_user, sizeof g.last_login_user, user, user_len);
    g.last_login_https = opts->https;
    g.last_login_mode = opts->login_mode;
    g.last_login_transport = opts->transport;
    g.last_login_proxy_type = opts->proxy_type;
    g.last_login_utc = opts->utc;
    g.last_login_verify_mode = opts->verify_mode;
    g.last_login_proxy_id = opts->proxy_id;
    g.last_login_async = opts->async;
    idx = find_device_locked(family, addr, port);
    if (idx < 0) {
        unlock();
        t_last_error = NET_DVR_NETWORK_FAIL_CONNECT; /* like a closed port: at once */
        return -1;
    }
    generation = g.devices[idx].generation;
    latency = g.devices[idx].latency_ms >= 0 ? g.devices[idx].latency_ms : g.latency_ms;
    g.logins_in_flight++;
    if (g.logins_in_flight > g.max_logins_in_flight) {
        g.max_logins_in_flight = g.logins_in_flight;
    }
    unlock();

    sleep_ms(latency); /* outside the lock: parallel logins overlap */

    lock();
    if (g.logins_in_flight > 0) { /* fake_reset may have zeroed it meanwhile */
        g.logins_in_flight--;
    }
    d = device_at(idx);
    if (!g.initialized) {
        code = NET_DVR_NOINIT; /* NET_DVR_Cleanup ran meanwhile */
    } else if (d == NULL || d->generation != generation) {
        code = NET_DVR_NETWORK_FAIL_CONNECT; /* the device went away meanwhile */
    } else if (d->fail_code != 0) {
        code = d->fail_code;
    }
    if (code != 0) {
        unlock();
        t_last_error = code;
        return -1;
    }

    now = monotonic_seconds();
    if (d->locked_until != 0.0 && d->locked_until <= now) {
        d->locked_until = 0.0;
        d->failed_attempts = 0;
    }
    if (d->locked_until != 0.0) {
        double left = d->locked_until - now;
        DWORD seconds = (DWORD)left;
        if ((double)seconds < left) {
            seconds++;
        }
        if (out40 != NULL) {
            out40->bySupportLock = 1;
            out40->byRetryLoginTime = 0;
            out40->dwSurplusLockTime = seconds;
        }
        unlock();
        t_last_error = NET_DVR_USER_LOCKED;
        return -1;
    }
    if (user_len != d->user_len || memcmp(user, d->user, user_len) != 0 ||
        password_len != d->password_len || memcmp(password, d->password, password_len) != 0) {
        code = NET_DVR_PASSWORD_ERROR;
        if (d->max_attempts > 0) {
            int left;
            d->failed_attempts++;
            left = d->max_attempts - d->failed_attempts;
            if (left <= 0) {
                /* The attempt that uses up the last try locks the account at once. */
                d->locked_until = now + (double)d->lock_seconds;
                code = NET_DVR_USER_LOCKED;
                left = 0;
            }
            if (out40 != NULL) {
                out40->bySupportLock = 1;
                out40->byRetryLoginTime = (BYTE)(left > 255 ? 255 : left);
                out40->dwSurplusLockTime =
                    code == NET_DVR_USER_LOCKED ? (DWORD)d->lock_seconds : 0;
            }
        } else if (out40 != NULL) {
            out40->bySupportLock = 0;
        }
        unlock();
        t_last_error = code;
        return -1;
    }

    for (slot = 0; slot < MAX_LOGIN_USERS; slot++) {
        if (g.slot_state[slot] != SLOT_IN_USE) {
            break;
        }
    }
    if (slot == MAX_LOGIN_USERS) {
        unlock();
        t_last_error = NET_DVR_MAX_NUM; /* the SDK's own table is full */
        return -1;
    }
    g.slot_state[slot] = SLOT_IN_USE;
    g.slot_device[slot] = idx;
    g.users++;
    d->failed_attempts = 0;
    info = d->info;
    info.bySupportLock = d->max_attempts > 0 ? 1 : 0;
    info.byRetryLoginTime = (BYTE)(d->max_attempts > 255 ? 255 : d->max_attempts);
    info.dwSurplusLockTime = 0;
    unlock();

    if (out40 != NULL) {
        *out40 = info;
    }
    if (out30 != NULL) {
        *out30 = info.struDeviceV30;
    }
    t_last_error = NET_DVR_NOERROR;
    return (LONG)slot;
}

/* Common start of a LONG function that needs Init: 0 to go on, else the failure code. */
static DWORD begin_login(int fn) {
    DWORD code;
    ready();
    lock();
    code = begin_initialized_locked(fn);
    unlock();
    return code;
}

FAKE_API LONG NET_DVR_Login_V40(LPNET_DVR_USER_LOGIN_INFO pLoginInfo,
                                LPNET_DVR_DEVICEINFO_V40 lpDeviceInfo) {
    char host[NET_DVR_DEV_ADDRESS_MAX_LEN + 1];
    login_options opts;
    DWORD code = begin_login(FN_Login_V40);
    if (code == 0 && (pLoginInfo == NULL || lpDeviceInfo == NULL)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0 && pLoginInfo->bUseAsynLogin != 0) {
        code = NET_DVR_PARAMETER_ERROR; /* asynchronous login is not simulated */
    }
    if (code != 0) {
        t_last_error = code;
        return -1;
    }
    /* The SDK's char arrays need not be NUL-terminated: read each within its size. */
    copy_text(host, sizeof host, pLoginInfo->sDeviceAddress,
              strnlen(pLoginInfo->sDeviceAddress, sizeof pLoginInfo->sDeviceAddress));
    opts.https = pLoginInfo->byHttps;
    opts.login_mode = pLoginInfo->byLoginMode;
    opts.transport = pLoginInfo->byUseTransport;
    opts.proxy_type = pLoginInfo->byProxyType;
    opts.utc = pLoginInfo->byUseUTCTime;
    opts.verify_mode = pLoginInfo->byVerifyMode;
    opts.proxy_id = pLoginInfo->iProxyID;
    opts.async = pLoginInfo->bUseAsynLogin;
    return login_common(FN_Login_V40, host, pLoginInfo->wPort, pLoginInfo->sUserName,
                        strnlen(pLoginInfo->sUserName, sizeof pLoginInfo->sUserName),
                        pLoginInfo->sPassword,
                        strnlen(pLoginInfo->sPassword, sizeof pLoginInfo->sPassword), &opts,
                        lpDeviceInfo, NULL);
}

FAKE_API LONG NET_DVR_Login_V30(char *sDVRIP, WORD wDVRPort, char *sUserName, char *sPassword,
                                LPNET_DVR_DEVICEINFO_V30 lpDeviceInfo) {
    size_t user_len = 0, password_len = 0;
    login_options opts;
    DWORD code = begin_login(FN_Login_V30);
    if (code == 0 && (sDVRIP == NULL || sUserName == NULL || sPassword == NULL ||
                      lpDeviceInfo == NULL)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code == 0) {
        user_len = strnlen(sUserName, NET_DVR_LOGIN_USERNAME_MAX_LEN);
        password_len = strnlen(sPassword, PASSWD_LEN + 1);
        /* Measured: a user name of 64+ bytes or a password of 17+ bytes is rejected. */
        if (user_len >= NET_DVR_LOGIN_USERNAME_MAX_LEN || password_len > PASSWD_LEN ||
            strnlen(sDVRIP, NET_DVR_DEV_ADDRESS_MAX_LEN) >= NET_DVR_DEV_ADDRESS_MAX_LEN) {
            code = NET_DVR_PARAMETER_ERROR;
        }
    }
    if (code != 0) {
        t_last_error = code;
        return -1;
    }
    memset(&opts, 0, sizeof opts);
    return login_common(FN_Login_V30, sDVRIP, wDVRPort, sUserName, user_len, sPassword,
                        password_len, &opts, NULL, lpDeviceInfo);
}

FAKE_API BOOL NET_DVR_Logout(LONG lUserID) {
    DWORD code;
    int block_ms;
    ready();
    lock();
    code = begin_initialized_locked(FN_Logout);
    if (code == 0 && (lUserID < 0 || lUserID >= MAX_LOGIN_USERS)) {
        code = NET_DVR_PARAMETER_ERROR;
    }
    if (code != 0) {
        unlock();
        return fail_bool(code);
    }
    if (g.slot_state[lUserID] == SLOT_IN_USE) {
        g.slot_state[lUserID] = SLOT_FREED;
        g.users--;
        unlock();
        return ok_bool();
    }
    if (g.slot_state[lUserID] == SLOT_FREED) {
        unlock();
        return fail_bool(NET_DVR_USERNOTEXIST);
    }
    /* Never used: the real SDK blocks (about 5 s) and leaves the last error as it was. */
    g.logout_unused_calls++;
    block_ms = g.logout_block_ms;
    unlock();
    sleep_ms(block_ms);
    return FALSE;
}

/* ---- control API -------------------------------------------------------------------------------- */
FAKE_API void fake_reset(void) {
    ready();
    lock();
    reset_locked();
    unlock();
    t_last_error = NET_DVR_NOERROR;
}

FAKE_API void fake_clear_devices(void) {
    ready();
    lock();
    clear_devices_locked();
    unlock();
}

FAKE_API int fake_add_device(const char *ip, int port, const char *user, const char *password) {
    int idx;
    ready();
    lock();
    idx = add_device_locked(ip, port, user, password);
    unlock();
    return idx;
}

FAKE_API int fake_find_device(const char *ip, int port) {
    int family, idx = -1;
    unsigned char addr[16];
    ready();
    if (ip == NULL || strnlen(ip, NET_DVR_DEV_ADDRESS_MAX_LEN) >= NET_DVR_DEV_ADDRESS_MAX_LEN ||
        !parse_ip(ip, &family, addr)) {
        return -1;
    }
    lock();
    idx = find_device_locked(family, addr, port);
    unlock();
    return idx;
}

static int is_lock_field(const field_desc *f) {
    return strcmp(f->name, "bySupportLock") == 0 || strcmp(f->name, "byRetryLoginTime") == 0 ||
           strcmp(f->name, "dwSurplusLockTime") == 0;
}

FAKE_API int fake_device_set(int dev, const char *field, long long value) {
    const field_desc *f = find_device_field(field);
    fake_device *d;
    unsigned char *at;
    int rc = FAKE_OK;
    ready();
    lock();
    d = device_at(dev);
    if (d == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else if (f == NULL) {
        rc = FAKE_ERR_NO_FIELD;
    } else if (is_lock_field(f)) {
        rc = FAKE_ERR_DERIVED;
    } else if (f->kind == KIND_UNSIGNED &&
               (value < 0 || (f->size < 8 && value >= (1LL << (8 * f->size))))) {
        rc = FAKE_ERR_VALUE;
    } else if (f->kind == KIND_SIGNED && (value < INT32_MIN || value > INT32_MAX)) {
        rc = FAKE_ERR_VALUE;
    } else if (f->kind != KIND_UNSIGNED && f->kind != KIND_SIGNED) {
        rc = FAKE_ERR_VALUE; /* arrays and structs: use fake_device_set_bytes */
    } else {
        at = (unsigned char *)&d->info + f->offset;
        if (f->size == 1) {
            *at = (BYTE)value;
        } else if (f->size == 2) {
            WORD w = (WORD)value;
            memcpy(at, &w, sizeof w);
        } else if (f->kind == KIND_SIGNED) {
            int32_t i = (int32_t)value;
            memcpy(at, &i, sizeof i);
        } else {
            DWORD u = (DWORD)value;
            memcpy(at, &u, sizeof u);
        }
    }
    unlock();
    return rc;
}

FAKE_API int fake_device_set_bytes(int dev, const char *field, const void *data, int len) {
    const field_desc *f = find_device_field(field);
    fake_device *d;
    int rc = FAKE_OK;
    ready();
    lock();
    d = device_at(dev);
    if (d == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else if (f == NULL) {
        rc = FAKE_ERR_NO_FIELD;
    } else if (is_lock_field(f)) {
        rc = FAKE_ERR_DERIVED;
    } else if (len < 0 || (size_t)len > f->size || (data == NULL && len > 0)) {
        rc = FAKE_ERR_VALUE;
    } else {
        unsigned char *at = (unsigned char *)&d->info + f->offset;
        memset(at, 0, f->size);
        if (len > 0) {
            memcpy(at, data, (size_t)len);
        }
    }
    unlock();
    return rc;
}

FAKE_API int fake_device_set_lock_policy(int dev, int max_attempts, int lock_seconds) {
    fake_device *d;
    int rc = FAKE_OK;
    ready();
    lock();
    d = device_at(dev);
    if (d == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else if (max_attempts < 0 || max_attempts > 255 || lock_seconds < 0) {
        rc = FAKE_ERR_VALUE;
    } else {
        d->max_attempts = max_attempts;
        d->lock_seconds = lock_seconds;
        d->failed_attempts = 0;
        d->locked_until = 0.0;
    }
    unlock();
    return rc;
}

FAKE_API int fake_device_fail_login(int dev, int code) {
    fake_device *d;
    int rc = FAKE_OK;
    ready();
    lock();
    d = device_at(dev);
    if (d == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else if (code < 0) {
        rc = FAKE_ERR_VALUE;
    } else {
        d->fail_code = (DWORD)code;
    }
    unlock();
    return rc;
}

FAKE_API int fake_device_set_latency_ms(int dev, int ms) {
    fake_device *d;
    int rc = FAKE_OK;
    ready();
    lock();
    d = device_at(dev);
    if (d == NULL) {
        rc = FAKE_ERR_NO_DEVICE;
    } else {
        d->latency_ms = ms < 0 ? -1 : ms;
    }
    unlock();
    return rc;
}

static int function_index(const char *name) {
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

FAKE_API int fake_fail_next(const char *function, int code) {
    int fn = function_index(function);
    if (fn < 0 || !k_function_fallible[fn] || code < 0) {
        return -1;
    }
    ready();
    lock();
    g.fail_next[fn] = (DWORD)code;
    unlock();
    return 0;
}

FAKE_API void fake_set_latency_ms(int ms) {
    ready();
    lock();
    g.latency_ms = ms < 0 ? 0 : ms;
    unlock();
}

FAKE_API void fake_set_logout_block_ms(int ms) {
    ready();
    lock();
    g.logout_block_ms = ms < 0 ? 0 : ms;
    unlock();
}

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

static const char k_calls_prefix[] = "calls:";

FAKE_API long long fake_get_int(const char *key) {
    long long v = FAKE_NO_SUCH_KEY;
    ready();
    if (key == NULL) {
        return v;
    }
    lock();
    if (strncmp(key, k_calls_prefix, sizeof k_calls_prefix - 1) == 0) {
        int fn = function_index(key + sizeof k_calls_prefix - 1);
        if (fn >= 0) {
            v = g.calls[fn];
        }
    }
#define INT_KEY(name, expr) else if (strcmp(key, name) == 0) v = (long long)(expr);
    INT_KEY("initialized", g.initialized)
    INT_KEY("init_calls", g.init_calls)
    INT_KEY("cleanup_calls", g.cleanup_calls)
    INT_KEY("logged_in_users", g.users)
    INT_KEY("latency_ms", g.latency_ms)
    INT_KEY("logout_block_ms", g.logout_block_ms)
    INT_KEY("logout_unused_calls", g.logout_unused_calls)
    INT_KEY("logins_in_flight", g.logins_in_flight)
    INT_KEY("max_logins_in_flight", g.max_logins_in_flight)
    INT_KEY("sdk_version", g.sdk_version)
    INT_KEY("build_version", g.build_version)
    INT_KEY("connect_wait_ms", g.connect_wait_ms)
    INT_KEY("connect_tries", g.connect_tries)
    INT_KEY("recv_timeout_ms", g.recv_timeout_ms)
    INT_KEY("reconnect_interval_ms", g.reconnect_interval_ms)
    INT_KEY("reconnect_enabled", g.reconnect_enabled)
    INT_KEY("log_level", g.log_level)
    INT_KEY("log_auto_delete", g.log_auto_delete)
    INT_KEY("init_cfg_calls", g.init_cfg_calls)
    INT_KEY("last_login_port", g.last_login_port)
    INT_KEY("last_login_https", g.last_login_https)
    INT_KEY("last_login_mode", g.last_login_mode)
    INT_KEY("last_login_transport", g.last_login_transport)
    INT_KEY("last_login_proxy_type", g.last_login_proxy_type)
    INT_KEY("last_login_utc", g.last_login_utc)
    INT_KEY("last_login_verify_mode", g.last_login_verify_mode)
    INT_KEY("last_login_proxy_id", g.last_login_proxy_id)
    INT_KEY("last_login_async", g.last_login_async)
#undef INT_KEY
    if (strcmp(key, "devices") == 0) {
        int i, n = 0;
        for (i = 0; i < g.device_count; i++) {
            n += g.devices[i].in_use;
        }
        v = n;
    }
    unlock();
    return v;
}

FAKE_API const char *fake_get_str(const char *key) {
    /* Copied under the lock into a per-thread buffer: valid until this thread's next call. */
    static FAKE_THREAD_LOCAL char buffer[FAKE_PATH_MAX];
    const char *src = NULL;
    ready();
    if (key == NULL) {
        return NULL;
    }
    lock();
    if (strcmp(key, "last_login_function") == 0) {
        src = g.last_login_function;
    } else if (strcmp(key, "last_login_host") == 0) {
        src = g.last_login_host;
    } else if (strcmp(key, "last_login_user") == 0) {
        src = g.last_login_user;
    } else if (strcmp(key, "log_dir") == 0) {
        src = g.log_dir;
    } else if (strcmp(key, "sdk_path") == 0) {
        src = g.sdk_path;
    } else if (strcmp(key, "libcrypto_path") == 0) {
        src = g.libcrypto_path;
    } else if (strcmp(key, "libssl_path") == 0) {
        src = g.libssl_path;
    }
    if (src != NULL) {
        copy_text(buffer, sizeof buffer, src, strlen(src));
    }
    unlock();
    return src != NULL ? buffer : NULL;
}

FAKE_API int fake_sizeof(const char *struct_name) {
    const struct_desc *s = find_struct(struct_name);
    return s != NULL ? (int)s->size : -1;
}

FAKE_API int fake_offsetof(const char *struct_name, const char *field) {
    const struct_desc *s = find_struct(struct_name);
    const field_desc *f;
    if (s == NULL || field == NULL) {
        return -1;
    }
    if (strcmp(s->name, "NET_DVR_DEVICEINFO_V40") == 0) {
        f = find_device_field(field);
    } else {
        f = find_field(s->fields, s->count, field);
    }
    return f != NULL ? (int)f->offset : -1;
}
