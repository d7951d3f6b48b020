/*
 * fake_ptz.h - the PTZ area of the fake HCNetSDK: the SDK's declarations of
 * NET_DVR_PTZControlWithSpeed_Other and NET_DVR_PTZPreset_Other (as in the vendor's 6.1.9.x
 * header, sdk-facts-features.md 8) and the area's control API (fake_ptz_*), which reads back
 * the simulated camera's state. Defined in fake_ptz.c.
 */
#ifndef FAKE_PTZ_H
#define FAKE_PTZ_H

#include "fake_hcnetsdk.h"

#ifdef __cplusplus
extern "C" {
#endif

/* dwPTZPresetCmd (the header's one command table) */
#define SET_PRESET 8
#define CLE_PRESET 9
#define GOTO_PRESET 39
#define FAKE_PTZ_MAX_PRESET 300 /* MAX_PRESET_V30 */

FAKE_API BOOL NET_DVR_PTZControlWithSpeed_Other(LONG lUserID, LONG lChannel, DWORD dwPTZCommand,
                                                DWORD dwStop, DWORD dwSpeed);
FAKE_API BOOL NET_DVR_PTZPreset_Other(LONG lUserID, LONG lChannel, DWORD dwPTZPresetCmd,
                                      DWORD dwPresetIndex);

/* ---- control API (fake_ptz.c) ---- */
#define FAKE_PTZ_STATE_FIELDS 8
/* The state of a device's channel (dev: fake_add_device's handle) into out[0..n-1]: moving
 * command (0: still), its speed, last command, last dwStop, last speed, commands received,
 * last preset gone to (0: none), presets set. The number of fields written, or -1 when the
 * channel never received a command. */
FAKE_API int fake_ptz_state(int dev, int channel, long long *out, int n);
/* 1 if preset `index` is set on that channel, else 0. */
FAKE_API int fake_ptz_preset_is_set(int dev, int channel, int index);
/* How many PTZ calls succeeded since the reset (the log keeps the last 1024). */
FAKE_API long long fake_ptz_log_count(void);
/* Call `i` (0: the oldest kept) into out[0..6]: device, channel, kind (0 control, 1 preset),
 * command, dwStop or preset index, speed (0 for presets), user id. 0, or -1 if not kept. */
FAKE_API int fake_ptz_log(long long i, long long *out, int n);

#ifdef __cplusplus
}
#endif

#endif /* FAKE_PTZ_H */
