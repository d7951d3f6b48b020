/*
 * fake_errors.c - the last error and its text: NET_DVR_GetLastError, NET_DVR_GetErrorMsg.
 *
 * The last error is thread-local, as in the real SDK: each thread reads its own. Every other area
 * sets it through set_last_error, fail_bool and ok_bool (fake_internal.h). Most of this file is
 * the table of English texts GetErrorMsg hands out (data, not logic).
 */
#include "fake_internal.h"

static FAKE_THREAD_LOCAL DWORD t_last_error;

void set_last_error(DWORD code) { t_last_error = code; }

BOOL fail_bool(DWORD code) {
    t_last_error = code;
    return FALSE;
}

BOOL ok_bool(void) {
    t_last_error = NET_DVR_NOERROR;
    return TRUE;
}

BOOL fail_stale_handle(void) {
    if (t_last_error == NET_DVR_NOERROR) {
        t_last_error = NET_DVR_ORDER_ERROR;
    }
    return FALSE;
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

/* ---- SDK: the last error -------------------------------------------------------------------- */
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
