# ruff: noqa: E501
"""The error-code table as data (hand-written; the contract is the documented error table).

Every row of the documented error table (255 codes in 8 sections; a copy is kept as test data in
``tests/data/hcnetsdk-error-codes.md``) is here as
``(code, name, categories, description, description_zh)``:

* ``name`` is the SDK constant exactly as the table spells it (including the SDK's own
  misspellings: NET_AUDIOINTECOM_*, NET_PALYM4_*, XML_NANLYZE_*, *_EXCETP);
* ``categories`` is a space-separated list of semantic category keys (see ``CATEGORY_KEYS``);
* ``description`` is our English text; ``description_zh`` is the table's Chinese text, verbatim.

``EXTRA`` adds codes outside the table that users meet often (at login, mostly); they get their own
exception classes too. ``HINTS`` holds structured troubleshooting hints. Nothing here imports
anything heavy: this module is loaded with ``import hcnetsdk``.
"""

from __future__ import annotations

from typing import NamedTuple

Row = tuple[int, str, str, str, str]


class Hints(NamedTuple):
    """Troubleshooting hints for one code: possible causes and solutions, English and Chinese.

    The Chinese fields are filled only where the documented error table gives the text (codes 1,
    5, 7).
    """

    causes: tuple[str, ...] = ()
    """What usually leads to the code."""
    solutions: tuple[str, ...] = ()
    """What to do, first things first."""
    note: str = ""
    """A remark on the code as a whole ("" for none)."""
    causes_zh: tuple[str, ...] = ()
    """``causes`` in the documented table's Chinese."""
    solutions_zh: tuple[str, ...] = ()
    """``solutions`` in the documented table's Chinese."""
    note_zh: str = ""
    """``note`` in the documented table's Chinese."""


# Section key -> (English title, the table's Chinese heading without its number).
SECTIONS: dict[str, tuple[str, str]] = {
    "network_library": ("Network library", "网络通讯库错误码"),
    "raid": ("RAID array", "阵列错误码"),
    "n_plus_one": ("N+1", "N+1 功能错误码"),
    "ability_xml": ("Ability XML", "能力集错误码"),
    "vqd": ("VQD (video quality diagnostics)", "VQD 错误码"),
    "rtsp": ("RTSP", "RTSP 通讯库错误码"),
    "playm4": ("Soft decoding (PlayM4)", "软解码库错误码"),
    "audio_intercom": ("Audio intercom", "语音对讲库错误码"),
}

# Semantic category key -> one-line meaning. The classes are in ``_base``.
CATEGORY_KEYS: dict[str, str] = {
    "network": "network I/O with the device failed",
    "connection": "no connection to the device, or it broke (also ConnectionError)",
    "timeout": "the network peer did not answer in time (also TimeoutError)",
    "auth": "login credentials or account state",
    "permission": "the user lacks the privilege (also PermissionError)",
    "device": "the device failed or is in a state that prevents the operation",
    "busy": "the device or resource is busy with something else",
    "device_timeout": "the device did not finish a command in time (also TimeoutError)",
    "resource": "a limit was reached or resources are exhausted",
    "unsupported": "the device, channel or SDK does not support this",
    "storage": "disks, arrays, backup devices, cloud storage",
    "file": "local or remote files and paths",
    "upgrade": "firmware upgrade",
    "usage": "the SDK was called in the wrong order or state",
    "parameter": "an argument or value is invalid",
    "component": "a library or SDK component failed to load",
    "media": "playback, decoding, audio and video devices",
}

# fmt: off
NETWORK_LIBRARY: tuple[Row, ...] = (
    (0, "NET_DVR_NOERROR", "", "no error", "没有错误"),
    (1, "NET_DVR_PASSWORD_ERROR", "auth", "user name or password is wrong", "用户名密码错误。注册时输入的用户名或者密码错误"),
    (2, "NET_DVR_NOENOUGHPRI", "permission", "insufficient privileges: this user may not perform the operation on the device", "权限不足。该注册用户没有权限执行当前对设备的操作，可以与远程用户参数配置做对比"),
    (3, "NET_DVR_NOINIT", "usage", "the SDK is not initialised", "SDK 未初始化"),
    (4, "NET_DVR_CHANNEL_ERROR", "parameter", "wrong channel number: the device has no such channel", "通道号错误。设备没有对应的通道号"),
    (5, "NET_DVR_OVER_MAXLINK", "resource", "too many users are connected to the device", "连接到设备的用户个数超过最大"),
    (6, "NET_DVR_VERSIONNOMATCH", "unsupported", "the SDK version does not match the device", "版本不匹配。SDK 和设备的版本不匹配"),
    (7, "NET_DVR_NETWORK_FAIL_CONNECT", "connection", "failed to connect to the device: it is offline, or the connection timed out", "连接设备失败。设备不在线或网络原因引起的连接超时等"),
    (8, "NET_DVR_NETWORK_SEND_ERROR", "connection", "failed to send data to the device", "向设备发送失败"),
    (9, "NET_DVR_NETWORK_RECV_ERROR", "connection", "failed to receive data from the device", "从设备接收数据失败"),
    (10, "NET_DVR_NETWORK_RECV_TIMEOUT", "timeout", "timed out receiving data from the device", "从设备接收数据超时"),
    (11, "NET_DVR_NETWORK_ERRORDATA", "network parameter", "the data sent to or received from the device is wrong (for example a value the device does not support)", "传送的数据有误。发送给设备或者从设备接收到的数据错误，如远程参数配置时输入设备不支持的值"),
    (12, "NET_DVR_ORDER_ERROR", "usage", "functions were called in the wrong order", "调用次序错误"),
    (13, "NET_DVR_OPERNOPERMIT", "permission", "no permission for this operation", "无此权限"),
    (14, "NET_DVR_COMMANDTIMEOUT", "device_timeout", "the device timed out executing the command", "设备命令执行超时"),
    (15, "NET_DVR_ERRORSERIALPORT", "parameter", "wrong serial port number: the device has no such serial port", "串口号错误。指定的设备串口号不存在"),
    (16, "NET_DVR_ERRORALARMPORT", "parameter", "wrong alarm port: the device has no such alarm output port", "报警端口错误。指定的设备报警输出端口不存在"),
    (17, "NET_DVR_PARAMETER_ERROR", "parameter", "invalid parameter: an input or output argument of the SDK function is empty or invalid", "参数错误。SDK 接口中给入的输入或输出参数为空"),
    (18, "NET_DVR_CHAN_EXCEPTION", "device", "the device channel is in an error state", "设备通道处于错误状态"),
    (19, "NET_DVR_NODISK", "storage", "the device has no hard disk", "设备无硬盘。当设备无硬盘时，对设备的录像文件、硬盘配置等操作失败"),
    (20, "NET_DVR_ERRORDISKNUM", "storage parameter", "wrong hard disk number: the device has no such disk", "硬盘号错误。当对设备进行硬盘管理操作时，指定的硬盘号不存在时返回该错误"),
    (21, "NET_DVR_DISK_FULL", "storage", "the device's hard disk is full", "设备硬盘满"),
    (22, "NET_DVR_DISK_ERROR", "storage", "hard disk error on the device", "设备硬盘出错"),
    (23, "NET_DVR_NOSUPPORT", "unsupported", "the device does not support this", "设备不支持"),
    (24, "NET_DVR_BUSY", "busy", "the device is busy", "设备忙"),
    (25, "NET_DVR_MODIFY_FAIL", "device", "the device failed to apply the change", "设备修改不成功"),
    (26, "NET_DVR_PASSWORD_FORMAT_ERROR", "parameter", "the password format is invalid", "密码输入格式不正确"),
    (27, "NET_DVR_DISK_FORMATING", "storage busy", "a hard disk is being formatted; the operation cannot start", "硬盘正在格式化，不能启动操作"),
    (28, "NET_DVR_DVRNORESOURCE", "resource", "the device does not have enough resources", "设备资源不足"),
    (29, "NET_DVR_DVROPRATEFAILED", "device", "the device operation failed", "设备操作失败"),
    (30, "NET_DVR_OPENHOSTSOUND_FAIL", "media", "failed to capture local audio or open the audio output (voice talk or broadcast)", "语音对讲、语音广播操作中采集本地音频或打开音频输出失败"),
    (31, "NET_DVR_DVRVOICEOPENED", "busy", "the device's voice talk is already in use", "设备语音对讲被占用"),
    (32, "NET_DVR_TIMEINPUTERROR", "parameter", "the time given is invalid", "时间输入不正确"),
    (33, "NET_DVR_NOSPECFILE", "file", "the device has no such file to play back", "回放时设备没有指定的文件"),
    (34, "NET_DVR_CREATEFILE_ERROR", "file", "failed to create a local file (recording, picture, configuration or download)", "创建文件出错。本地录像、保存图片、获取配置文件和远程下载录像时创建文件失败"),
    (35, "NET_DVR_FILEOPENFAIL", "file", "failed to open a file (configuration, upgrade or upload file)", "打开文件出错。设置配置文件、设备升级、上传审讯文件时打开文件失败"),
    (36, "NET_DVR_OPERNOTFINISH", "busy", "the previous operation has not finished", "上次的操作还没有完成"),
    (37, "NET_DVR_GETPLAYTIMEFAIL", "media", "failed to get the current playing time", "获取当前播放的时间出错"),
    (38, "NET_DVR_PLAYFAIL", "media", "playback failed", "播放出错"),
    (39, "NET_DVR_FILEFORMAT_ERROR", "file", "the file format is wrong", "文件格式不正确"),
    (40, "NET_DVR_DIR_ERROR", "file", "path error", "路径错误"),
    (41, "NET_DVR_ALLOC_RESOURCE_ERROR", "resource", "the SDK failed to allocate a resource", "SDK 资源分配错误"),
    (42, "NET_DVR_AUDIO_MODE_ERROR", "media", "sound card mode error: the sound playing mode does not match the mode set", "声卡模式错误。当前打开声音播放模式与实际设置的模式不符出错"),
    (43, "NET_DVR_NOENOUGH_BUF", "parameter", "buffer too small for the device data or picture", "缓冲区太小。接收设备数据的缓冲区或存放图片缓冲区不足"),
    (44, "NET_DVR_CREATESOCKET_ERROR", "network", "failed to create a socket", "创建 SOCKET 出错"),
    (45, "NET_DVR_SETSOCKET_ERROR", "network", "failed to set a socket option", "设置 SOCKET 出错"),
    (46, "NET_DVR_MAX_NUM", "resource", "maximum reached: the SDK's login or preview connections are all in use", "个数达到最大。分配的注册连接数、预览连接数超过 SDK 支持的最大数"),
    (47, "NET_DVR_USERNOTEXIST", "usage", "the user does not exist: the user ID was logged out or is not valid", "用户不存在。注册的用户 ID 已注销或不可用"),
    (48, "NET_DVR_WRITEFLASHERROR", "upgrade", "failed to write the flash memory during upgrade", "写 FLASH 出错。设备升级时写 FLASH 失败"),
    (49, "NET_DVR_UPGRADEFAIL", "upgrade", "the device upgrade failed (network problem or upgrade file language mismatch)", "设备升级失败。网络或升级文件语言不匹配等原因升级失败"),
    (50, "NET_DVR_CARDHAVEINIT", "usage", "the decoder card is already initialised", "解码卡已经初始化过"),
    (51, "NET_DVR_PLAYERFAILED", "media", "a player library function failed", "调用播放库中某个函数失败"),
    (52, "NET_DVR_MAX_USERNUM", "resource", "the maximum number of users logged in to the device was reached", "登录设备的用户数达到最大"),
    (53, "NET_DVR_GETLOCALIPANDMACFAIL", "network", "failed to get the local PC's IP or MAC address", "获得本地 PC 的 IP 地址或物理地址失败"),
    (54, "NET_DVR_NOENCODEING", "device", "this channel of the device is not encoding", "设备该通道没有启动编码"),
    (55, "NET_DVR_IPMISMATCH", "parameter", "IP address mismatch", "IP 地址不匹配"),
    (56, "NET_DVR_MACMISMATCH", "parameter", "MAC address mismatch", "MAC 地址不匹配"),
    (57, "NET_DVR_UPGRADELANGMISMATCH", "upgrade", "the upgrade file's language does not match the device", "升级文件语言不匹配"),
    (58, "NET_DVR_MAX_PLAYERPORT", "resource", "the maximum number of player ports was reached", "播放器路数达到最大"),
    (59, "NET_DVR_NOSPACEBACKUP", "storage", "not enough space on the backup device", "备份设备中没有足够空间进行备份"),
    (60, "NET_DVR_NODEVICEBACKUP", "storage", "the backup device was not found", "没有找到指定的备份设备"),
    (61, "NET_DVR_PICTURE_BITS_ERROR", "parameter", "picture colour depth mismatch: only 24-bit colour is supported", "图像素位数不符，限 24 色"),
    (62, "NET_DVR_PICTURE_DIMENSION_ERROR", "parameter", "picture height x width too large: the limit is 128*256", "图片高*宽超限，限 128*256"),
    (63, "NET_DVR_PICTURE_SIZ_ERROR", "parameter", "picture file too large: the limit is 100K", "图片大小超限，限 100K"),
    (64, "NET_DVR_LOADPLAYERSDKFAILED", "component", "failed to load the player SDK (PlayCtrl) from the current directory", "载入当前目录下 Player Sdk 出错"),
    (65, "NET_DVR_LOADPLAYERSDKPROC_ERROR", "component", "a function entry point is missing from the player SDK", "找不到 Player Sdk 中某个函数入口"),
    (66, "NET_DVR_LOADDSSDKFAILED", "component", "failed to load the DsSdk hardware decoding library from the current directory", "载入当前目录下 DSsdk 出错"),
    (67, "NET_DVR_LOADDSSDKPROC_ERROR", "component", "a function entry point is missing from DsSdk", "找不到 DsSdk 中某个函数入口"),
    (68, "NET_DVR_DSSDK_ERROR", "media", "a function of the DsSdk hardware decoding library failed", "调用硬解码库 DsSdk 中某个函数失败"),
    (69, "NET_DVR_VOICEMONOPOLIZE", "media busy", "the sound card is held exclusively by another program", "声卡被独占"),
    (70, "NET_DVR_JOINMULTICASTFAILED", "network", "failed to join the multicast group", "加入多播组失败"),
    (71, "NET_DVR_CREATEDIR_ERROR", "file", "failed to create the log file directory", "建立日志文件目录失败"),
    (72, "NET_DVR_BINDSOCKET_ERROR", "network", "failed to bind a socket", "绑定套接字失败"),
    (73, "NET_DVR_SOCKETCLOSE_ERROR", "connection", "the socket connection was interrupted (connection broken or destination unreachable)", "socket 连接中断，此错误通常是由于连接中断或目的地不可达"),
    (74, "NET_DVR_USERID_ISUSING", "busy", "the user ID is still in use by an operation while logging out", "注销时用户 ID 正在进行某操作"),
    (75, "NET_DVR_SOCKETLISTEN_ERROR", "network", "failed to listen on a socket", "监听失败"),
    (76, "NET_DVR_PROGRAM_EXCEPTION", "", "program exception inside the SDK", "程序异常"),
    (77, "NET_DVR_WRITEFILE_FAILED", "file", "failed to write a file (local recording, remote download, picture download)", "写文件失败。本地录像、远程下载录像、下载图片等操作时写文件失败"),
    (78, "NET_DVR_FORMAT_READONLY", "storage", "formatting a read-only hard disk is not allowed", "禁止格式化只读硬盘"),
    (79, "NET_DVR_WITHSAMEUSERNAME", "parameter", "the remote user configuration contains a duplicate user name", "远程用户配置结构中存在相同的用户名"),
    (80, "NET_DVR_DEVICETYPE_ERROR", "parameter", "importing parameters: the device model does not match", "导入参数时设备型号不匹配"),
    (81, "NET_DVR_LANGUAGE_ERROR", "parameter", "importing parameters: the language does not match", "导入参数时语言不匹配"),
    (82, "NET_DVR_PARAVERSION_ERROR", "parameter", "importing parameters: the software version does not match", "导入参数时软件版本不匹配"),
    (83, "NET_DVR_IPCHAN_NOTALIVE", "device", "the external IP channel is offline (preview)", "预览时外接 IP 通道不在线"),
    (84, "NET_DVR_RTSP_SDK_ERROR", "component", "failed to load the standard-protocol library StreamTransClient", "加载标准协议通讯库 StreamTransClient 失败"),
    (85, "NET_DVR_CONVERT_SDK_ERROR", "component", "failed to load the stream conversion (remuxing) library", "加载转封装库失败"),
    (86, "NET_DVR_IPC_COUNT_OVERFLOW", "resource", "the maximum number of IP channels was exceeded", "超出最大的 IP 接入通道数"),
    (87, "NET_DVR_MAX_ADD_NUM", "resource", "the maximum number of record tags (or similar items) was exceeded", "添加录像标签或者其他操作超出最多支持的个数"),
    (88, "NET_DVR_PARAMMODE_ERROR", "parameter", "image enhancer: wrong parameter mode (software setting while in hardware mode)", "图像增强仪，参数模式错误（用于硬件设置时，客户端进行软件设置时错误值）"),
    (89, "NET_DVR_CODESPITTER_OFFLINE", "device", "the code splitter is offline", "码分器不在线"),
    (90, "NET_DVR_BACKUP_COPYING", "busy", "the device is backing up", "设备正在备份"),
    (91, "NET_DVR_CHAN_NOTSUPPORT", "unsupported", "the channel does not support this operation", "通道不支持该操作"),
    (92, "NET_DVR_CALLINEINVALID", "parameter", "calibration: the height lines are too concentrated or the length line is not inclined enough", "高度线位置太集中或长度线不够倾斜"),
    (93, "NET_DVR_CALCANCELCONFLICT", "parameter", "calibration cannot be cancelled: rules or global size filters use it", "取消标定冲突，如果设置了规则及全局的实际大小尺寸过滤"),
    (94, "NET_DVR_CALPOINTOUTRANGE", "parameter", "calibration point out of range", "标定点超出范围"),
    (95, "NET_DVR_FILTERRECTINVALID", "parameter", "the size filter does not meet the requirements", "尺寸过滤器不符合要求"),
    (96, "NET_DVR_DDNS_DEVOFFLINE", "network", "the device is not registered with DDNS", "设备没有注册到 ddns 上"),
    (97, "NET_DVR_DDNS_INTER_ERROR", "network", "internal error of the DDNS server", "DDNS 服务器内部错误"),
    (100, "NET_DVR_INTERCOM_SDK_ERROR", "component", "failed to load the voice intercom library from the current directory", "加载当前目录下的语音对讲库失败"),
    (101, "NET_DVR_NO_CURRENT_UPDATEFILE", "upgrade", "no valid upgrade package", "没有正确的升级包"),
    (150, "NET_DVR_ALIAS_DUPLICATE", "parameter", "duplicate alias (EasyDDNS configuration)", "别名重复（EasyDDNS 的配置）"),
    (800, "NET_DVR_DEV_NET_OVERFLOW", "resource", "network traffic exceeds the device's capacity", "网络流量超过设备能力上限"),
    (801, "NET_DVR_STATUS_RECORDFILE_WRITING_NOT_LOCK", "storage busy", "the record file is being written and cannot be locked", "录像文件在录像，无法被锁定"),
    (802, "NET_DVR_STATUS_CANT_FORMAT_LITTLE_DISK", "storage", "the hard disk is too small to be formatted", "由于硬盘太小无法格式化"),
    (821, "NET_SDK_ERR_CHAN_AUDIO_BIND", "media", "the channel is not bound, or binding the voice talk failed", "通道未绑定或绑定语音对讲失败"),
    (822, "NET_DVR_N_PLUS_ONE_MODE", "unsupported", "the device is in N+1 mode, which does not support cloud storage settings", "设备当前处于 N+1 模式，不支持设置云存储"),
    (823, "NET_DVR_CLOUD_STORAGE_OPENED", "storage", "cloud storage mode is already enabled", "云存储模式已开启"),
    (824, "NET_DVR_ERR_OPER_NOT_ALLOWED", "device", "the device is taken over (N+0) and does not allow this operation", "设备处于 N+0 被接管状态，不允许该操作"),
    (825, "NET_DVR_ERR_NEED_RELOCATE", "device", "the device is taken over (N+0): get the redirection information and retry", "设备处于 N+0 被接管状态，需要获取重定向信息，再重新操作"),
)

RAID: tuple[Row, ...] = (
    (200, "NET_DVR_NAME_NOT_ONLY", "storage parameter", "the name already exists", "名称已存在"),
    (201, "NET_DVR_OVER_MAX_ARRAY", "storage resource", "the maximum number of arrays was reached", "阵列达到上限"),
    (202, "NET_DVR_OVER_MAX_VD", "storage resource", "the maximum number of virtual disks was reached", "虚拟磁盘达到上限"),
    (203, "NET_DVR_VD_SLOT_EXCEED", "storage resource", "the virtual disk slots are full", "虚拟磁盘槽位已满"),
    (204, "NET_DVR_PD_STATUS_INVALID", "storage", "a physical disk needed to rebuild the array is in a wrong state", "重建阵列所需物理磁盘状态错误"),
    (205, "NET_DVR_PD_BE_DEDICATE_SPARE", "storage", "a physical disk needed to rebuild the array is a dedicated hot spare", "重建阵列所需物理磁盘为指定热备"),
    (206, "NET_DVR_PD_NOT_FREE", "storage", "a physical disk needed to rebuild the array is not free", "重建阵列所需物理磁盘非空闲"),
    (207, "NET_DVR_CANNOT_MIG2NEWMODE", "storage unsupported", "cannot migrate from the current array type to the new one", "不能从当前的阵列类型迁移到新的阵列类型"),
    (208, "NET_DVR_MIG_PAUSE", "storage", "the migration is paused", "迁移操作已暂停"),
    (209, "NET_DVR_MIG_CANCEL", "storage", "the running migration was cancelled", "正在执行的迁移操作已取消"),
    (210, "NET_DVR_EXIST_VD", "storage", "the array has virtual disks and cannot be deleted", "阵列上存在虚拟磁盘，无法删除阵列"),
    (211, "NET_DVR_TARGET_IN_LD_FUNCTIONAL", "storage", "the target physical disk belongs to a working virtual disk", "对象物理磁盘为虚拟磁盘组成部分且工作正常"),
    (212, "NET_DVR_HD_IS_ASSIGNED_ALREADY", "storage", "the physical disk is already assigned to a virtual disk", "指定的物理磁盘被分配为虚拟磁盘"),
    (213, "NET_DVR_INVALID_HD_COUNT", "storage parameter", "the number of physical disks does not match the RAID level", "物理磁盘数量与指定的 RAID 等级不匹配"),
    (214, "NET_DVR_LD_IS_FUNCTIONAL", "storage", "the array is working normally and cannot be rebuilt", "阵列正常，无法重建"),
    (215, "NET_DVR_BGA_RUNNING", "storage busy", "a background task is running", "存在正在执行的后台任务"),
    (216, "NET_DVR_LD_NO_ATAPI", "storage unsupported", "cannot create a virtual disk on an ATAPI disk", "无法用 ATAPI 盘创建虚拟磁盘"),
    (217, "NET_DVR_MIGRATION_NOT_NEED", "storage", "the array does not need migration", "阵列无需迁移"),
    (218, "NET_DVR_HD_TYPE_MISMATCH", "storage", "the physical disks are not of the same type", "物理磁盘不属于同意类型"),
    (219, "NET_DVR_NO_LD_IN_DG", "storage", "no virtual disk: the operation is not possible", "无虚拟磁盘，无法进行此项操作"),
    (220, "NET_DVR_NO_ROOM_FOR_SPARE", "storage", "the disk is too small to be a hot spare", "磁盘空间过小，无法被指定为热备盘"),
    (221, "NET_DVR_SPARE_IS_IN_MULTI_DG", "storage", "the disk is already a hot spare of an array", "磁盘已被分配为某阵列热备盘"),
    (222, "NET_DVR_DG_HAS_MISSING_PD", "storage", "the array is missing a disk", "阵列缺少盘"),
    (223, "NET_DVR_NAME_EMPTY", "storage parameter", "the name is empty", "名称为空"),
    (224, "NET_DVR_INPUT_PARAM", "storage parameter", "wrong input parameter", "输入参数有误"),
    (225, "NET_DVR_PD_NOT_AVAILABLE", "storage", "the physical disk is not available", "物理磁盘不可用"),
    (226, "NET_DVR_ARRAY_NOT_AVAILABLE", "storage", "the array is not available", "阵列不可用"),
    (227, "NET_DVR_PD_COUNT", "storage parameter", "wrong number of physical disks", "物理磁盘数不正确"),
    (228, "NET_DVR_VD_SMALL", "storage", "the virtual disk is too small", "虚拟磁盘太小"),
    (229, "NET_DVR_NO_EXIST", "storage", "does not exist", "不存在"),
    (230, "NET_DVR_NOT_SUPPORT", "storage unsupported", "the operation is not supported", "不支持该操作"),
    (231, "NET_DVR_NOT_FUNCTIONAL", "storage", "the array is not in the normal state", "阵列状态不是正常状态"),
    (232, "NET_DVR_DEV_NODE_NOT_FOUND", "storage", "the virtual disk's device node does not exist", "虚拟磁盘设备节点不存在"),
    (233, "NET_DVR_SLOT_EXCEED", "storage resource", "the maximum number of slots was reached", "槽位达到上限"),
    (234, "NET_DVR_NO_VD_IN_ARRAY", "storage", "the array has no virtual disk", "阵列上不存在虚拟磁盘"),
    (235, "NET_DVR_VD_SLOT_INVALID", "storage parameter", "invalid virtual disk slot", "虚拟磁盘槽位无效"),
    (236, "NET_DVR_PD_NO_ENOUGH_SPACE", "storage", "not enough space on the required physical disks", "所需物理磁盘空间不足"),
    (237, "NET_DVR_ARRAY_NONFUNCTION", "storage", "only an array in the normal state can be migrated", "只有处于正常状态的阵列才能进行迁移"),
    (238, "NET_DVR_ARRAY_NO_ENOUGH_SPACE", "storage", "not enough space in the array", "阵列空间不足"),
    (239, "NET_DVR_STOPPING_SCANNING_ARRAY", "storage busy", "a safe disk removal or a rescan is in progress", "正在执行安全拔盘或重新扫描"),
    (240, "NET_DVR_NOT_SUPPORT_16T", "storage unsupported", "arrays larger than 16 TB are not supported", "不支持创建大于 16T 的阵列"),
)

N_PLUS_ONE: tuple[Row, ...] = (
    (803, "NET_SDK_ERR_REMOTE_DISCONNEC", "connection", "the remote end cannot be connected", "远端无法连接"),
    (804, "NET_SDK_ERR_RD_ADD_RD", "parameter", "a redundant (backup) device cannot add a redundant device", "备机不能添加备机"),
    (805, "NET_SDK_ERR_BACKUP_DISK_EXCEPT", "storage", "backup disk exception", "备份盘异常"),
    (806, "NET_SDK_ERR_RD_LIMIT", "resource", "the maximum number of redundant devices was reached", "备机数已达上限"),
    (807, "NET_SDK_ERR_ADDED_RD_IS_WD", "parameter", "the redundant device being added is a working device", "添加的备机是工作机"),
    (808, "NET_SDK_ERR_ADD_ORDER_WRONG", "usage", "wrong adding order (for example adding a working device before being added as its redundant device)", "添加顺序出错，比如没有被工作机添加为备机，就添加工作机"),
    (809, "NET_SDK_ERR_WD_ADD_WD", "parameter", "a working device cannot add a working device", "工作机不能添加工作机"),
    (810, "NET_SDK_ERR_WD_SERVICE_EXCETP", "device", "CVR service exception on the working device", "工作机 CVR 服务异常"),
    (811, "NET_SDK_ERR_RD_SERVICE_EXCETP", "device", "CVR service exception on the redundant device", "备机 CVR 服务异常"),
    (812, "NET_SDK_ERR_ADDED_WD_IS_RD", "parameter", "the working device being added is a redundant device", "添加的工作机是备机"),
    (813, "NET_SDK_ERR_PERFORMANCE_LIMIT", "resource", "the performance limit was reached", "性能达到上限"),
    (814, "NET_SDK_ERR_ADDED_DEVICE_EXIST", "parameter", "the device being added already exists", "添加的设备已经存在"),
)

ABILITY_XML: tuple[Row, ...] = (
    (1000, "XML_ABILITY_NOTSUPPORT", "unsupported", "getting this ability node is not supported", "不支持能力节点获取"),
    (1001, "XML_ANALYZE_NOENOUGH_BUF", "parameter", "the output buffer is too small", "输出内存不足"),
    (1002, "XML_ANALYZE_FIND_LOCALXML_ERROR", "file", "cannot find the corresponding local XML file", "无法找到对应的本地 xml"),
    (1003, "XML_ANALYZE_LOAD_LOCALXML_ERROR", "file", "failed to load the local XML file", "加载本地 xml 出错"),
    (1004, "XML_NANLYZE_DVR_DATA_FORMAT_ERROR", "device", "the device's ability data has a wrong format", "设备能力数据格式错误"),
    (1005, "XML_ANALYZE_TYPE_ERROR", "parameter", "wrong ability type", "能力集类型错误"),
    (1006, "XML_ANALYZE_XML_NODE_ERROR", "parameter", "wrong format of an XML ability node", "XML 能力节点格式错误"),
    (1007, "XML_INPUT_PARAM_ERROR", "parameter", "wrong value of an input ability XML node", "输入的能力 XML 节点值错误"),
    (1008, "XML_VERSION_MISMATCH", "unsupported", "XML version mismatch (6.1.9.x headers name this code NET_DVR_ERR_RETURNED_XML_DATA: error in the returned XML data)", "XML 版本不匹配"),
)

VQD: tuple[Row, ...] = (
    (1500, "NET_ERR_VQD_TIME_CONFLICT", "parameter", "VQD diagnosis time periods conflict", "VQD 诊断时间段冲突"),
    (1501, "NET_ERR_VQD_PLAN_NO_EXIST", "parameter", "the VQD diagnosis plan does not exist", "VQD 诊断计划不存在"),
    (1502, "NET_ERR_VQD_CHAN_NO_EXIST", "parameter", "the VQD monitoring point does not exist", "VQD 监控点不存在"),
    (1503, "NET_ERR_VQD_CHAN_MAX", "resource", "the maximum number of VQD plans was reached", "VQD 计划数已达上限"),
    (1504, "NET_ERR_VQD_TASK_MAX", "resource", "the maximum number of VQD tasks was reached", "VQD 任务数已达上限"),
)

RTSP: tuple[Row, ...] = (
    (401, "NET_DVR_RTSP_ERROR_NOENOUGHPRI", "permission", "no permission: the RTSP server answered 401", "无权限：服务器返回 401 时，转成这个错误码"),
    (402, "NET_DVR_RTSP_ERROR_ALLOC_RESOURCE", "resource", "failed to allocate resources", "分配资源失败"),
    (403, "NET_DVR_RTSP_ERROR_PARAMETER", "parameter", "parameter error", "参数错误"),
    (404, "NET_DVR_RTSP_ERROR_NO_URL", "parameter", "the URL does not exist: the RTSP server answered 404 (for example an unavailable channel, or a sub-stream the channel does not support)", "指定的 URL 地址不存在：服务器返回 404 时，转成这个错误码，例如请求不可用的通道号预览、请求不支持子码流的通道预览"),
    (406, "NET_DVR_RTSP_ERROR_FORCE_STOP", "", "the user stopped the operation midway", "用户中途强行退出"),
    (407, "NET_DVR_RTSP_GETPORTFAILED", "network", "failed to get the RTSP port", "获取 RTSP 端口错误"),
    (410, "NET_DVR_RTSP_DESCRIBERROR", "network", "RTSP DESCRIBE exchange failed", "RTSP DECRIBE 交互错误"),
    (411, "NET_DVR_RTSP_DESCRIBESENDTIMEOUT", "timeout", "RTSP DESCRIBE send timed out", "RTSP DECRIBE 发送超时"),
    (412, "NET_DVR_RTSP_DESCRIBESENDERROR", "network", "RTSP DESCRIBE send failed", "RTSP DECRIBE 发送失败"),
    (413, "NET_DVR_RTSP_DESCRIBERECVTIMEOUT", "timeout", "RTSP DESCRIBE receive timed out", "RTSP DECRIBE 接收超时"),
    (414, "NET_DVR_RTSP_DESCRIBERECVDATALOST", "network", "RTSP DESCRIBE received bad data", "RTSP DECRIBE 接收数据错误"),
    (415, "NET_DVR_RTSP_DESCRIBERECVERROR", "network", "RTSP DESCRIBE receive failed", "RTSP DECRIBE 接收失败"),
    (416, "NET_DVR_RTSP_DESCRIBESERVERERR", "device", "RTSP DESCRIBE: the server returned an error status (400, for example, may mean the sub-stream is not supported)", "RTSP DECRIBE 服务器返回错误状态。例如服务器返回 400，可能是不支持子码流"),
    (420, "NET_DVR_RTSP_SETUPERROR", "connection", "RTSP SETUP exchange failed: usually the stream address the server returned cannot be connected, or the server refused (older SDKs return 419 for the same cause)", "RTSP SETUP 交互错误，一般是服务器返回的码流地址无法连接上，或者被服务器拒绝。（老版本的 SDK 可能返回错误号 419，为同样的错误原因）"),
    (421, "NET_DVR_RTSP_SETUPSENDTIMEOUT", "timeout", "RTSP SETUP send timed out", "RTSP SETUP 发送超时"),
    (422, "NET_DVR_RTSP_SETUPSENDERROR", "network", "RTSP SETUP send failed", "RTSP SETUP 发送错误"),
    (423, "NET_DVR_RTSP_SETUPRECVTIMEOUT", "timeout", "RTSP SETUP receive timed out", "RTSP SETUP 接收超时"),
    (424, "NET_DVR_RTSP_SETUPRECVDATALOST", "network", "RTSP SETUP received bad data", "RTSP SETUP 接收数据错误"),
    (425, "NET_DVR_RTSP_SETUPRECVERROR", "network", "RTSP SETUP receive failed", "RTSP SETUP 接收失败"),
    (426, "NET_DVR_RTSP_OVER_MAX_CHAN", "resource", "the server's connection limit was exceeded or it lacks resources (the server answered 453)", "超过服务器最大连接数，或者服务器资源不足，服务器返回 453 时，转成这个错误码"),
    (427, "NET_DVR_RTSP_SETUPSERVERERR", "device", "RTSP SETUP: the server returned an error status", "RTSP SETUP 服务器返回错误状态"),
    (430, "NET_DVR_RTSP_PLAYERROR", "network", "RTSP PLAY exchange failed", "RTSP PLAY 交互错误"),
    (431, "NET_DVR_RTSP_PLAYSENDTIMEOUT", "timeout", "RTSP PLAY send timed out", "RTSP PLAY 发送超时"),
    (432, "NET_DVR_RTSP_PLAYSENDERROR", "network", "RTSP PLAY send failed", "RTSP PLAY 发送错误"),
    (433, "NET_DVR_RTSP_PLAYRECVTIMEOUT", "timeout", "RTSP PLAY receive timed out", "RTSP PLAT 接收超时"),
    (434, "NET_DVR_RTSP_PLAYRECVDATALOST", "network", "RTSP PLAY received bad data", "RTSP PLAY 接收数据错误"),
    (435, "NET_DVR_RTSP_PLAYRECVERROR", "network", "RTSP PLAY receive failed", "RTSP PLAY 接收失败"),
    (436, "NET_DVR_RTSP_PLAYSERVERERR", "device", "RTSP PLAY: the server returned an error status", "RTSP PLAY 服务器返回错误状态"),
    (440, "NET_DVR_RTSP_TEARDOWNERROR", "network", "RTSP TEARDOWN exchange failed", "RTSP TEARDOWN 交互错误"),
    (441, "NET_DVR_RTSP_TEARDOWNSENDTIMEOUT", "timeout", "RTSP TEARDOWN send timed out", "RTSP TEARDOWN 发送超时"),
    (442, "NET_DVR_RTSP_TEARDOWNSENDERROR", "network", "RTSP TEARDOWN send failed", "RTSP TEARDOWN 发送错误"),
    (443, "NET_DVR_RTSP_TEARDOWNRECVTIMEOUT", "timeout", "RTSP TEARDOWN receive timed out", "RTSP TEARDOWN 接收超时"),
    (444, "NET_DVR_RTSP_TEARDOWNRECVDATALOST", "network", "RTSP TEARDOWN received bad data", "RTSP TEARDOWN 接收数据错误"),
    (445, "NET_DVR_RTSP_TEARDOWNRECVERROR", "network", "RTSP TEARDOWN receive failed", "RTSP TEARDOWN 接收失败"),
    (446, "NET_DVR_RTSP_TEARDOWNSERVERERR", "device", "RTSP TEARDOWN: the server returned an error status", "RTSP TEARDOWN 服务器返回错误状态"),
)

PLAYM4: tuple[Row, ...] = (
    (500, "NET_PLAYM4_NOERROR", "", "no error", "没有错误"),
    (501, "NET_PLAYM4_PARA_OVER", "parameter", "invalid input parameter", "输入参数非法"),
    (502, "NET_PLAYM4_ORDER_ERROR", "usage", "functions were called in the wrong order", "调用顺序不对"),
    (503, "NET_PLAYM4_TIMER_ERROR", "media", "failed to set the multimedia clock", "多媒体时钟设置失败"),
    (504, "NET_PLAYM4_DEC_VIDEO_ERROR", "media", "video decoding failed", "视频解码失败"),
    (505, "NET_PLAYM4_DEC_AUDIO_ERROR", "media", "audio decoding failed", "音频解码失败"),
    (506, "NET_PLAYM4_ALLOC_MEMORY_ERROR", "resource", "failed to allocate memory", "分配内存失败"),
    (507, "NET_PLAYM4_OPEN_FILE_ERROR", "file", "file operation failed", "文件操作失败"),
    (508, "NET_PLAYM4_CREATE_OBJ_ERROR", "resource", "failed to create a thread, event or similar object", "创建线程事件等失败"),
    (509, "NET_PLAYM4_CREATE_DDRAW_ERROR", "media", "failed to create DirectDraw", "创建 directDraw 失败"),
    (510, "NET_PLAYM4_CREATE_OFFSCREEN_ERROR", "media", "failed to create the off-screen buffer", "创建后端缓存失败"),
    (511, "NET_PLAYM4_BUF_OVER", "resource", "the buffer is full; the stream input failed", "缓冲区满，输入流失败"),
    (512, "NET_PLAYM4_CREATE_SOUND_ERROR", "media", "failed to create the audio device", "创建音频设备失败"),
    (513, "NET_PLAYM4_SET_VOLUME_ERROR", "media", "failed to set the volume", "设置音量失败"),
    (514, "NET_PLAYM4_SUPPORT_FILE_ONLY", "usage", "this function works only when playing a file", "只能在播放文件时才能使用此接口"),
    (515, "NET_PLAYM4_SUPPORT_STREAM_ONLY", "usage", "this function works only when playing a stream", "只能在播放流时才能使用此接口"),
    (516, "NET_PLAYM4_SYS_NOT_SUPPORT", "unsupported", "the system is not supported: the decoder needs a Pentium 3 or later", "系统不支持，解码器只能工作在 Pentium 3 以上"),
    (517, "NET_PLAYM4_FILEHEADER_UNKNOWN", "file", "no file header", "没有文件头"),
    (518, "NET_PLAYM4_VERSION_INCORRECT", "unsupported", "the decoder and encoder versions do not match", "解码器和编码器版本不对应"),
    (519, "NET_PALYM4_INIT_DECODER_ERROR", "media", "failed to initialise the decoder", "初始化解码器失败"),
    (520, "NET_PLAYM4_CHECK_FILE_ERROR", "file", "the file is too short or the stream is not recognised", "文件太短或码流无法识别"),
    (521, "NET_PLAYM4_INIT_TIMER_ERROR", "media", "failed to initialise the multimedia clock", "初始化多媒体时钟失败"),
    (522, "NET_PLAYM4_BLT_ERROR", "media", "bit block transfer (blit) failed", "位拷贝失败"),
    (523, "NET_PLAYM4_UPDATE_ERROR", "media", "failed to display the overlay", "显示 overlay 失败"),
    (524, "NET_PLAYM4_OPEN_FILE_ERROR_MULTI", "file", "failed to open the multiplexed stream file", "打开混合流文件失败"),
    (525, "NET_PLAYM4_OPEN_FILE_ERROR_VIDEO", "file", "failed to open the video stream file", "打开视频流文件失败"),
    (526, "NET_PLAYM4_JPEG_COMPRESS_ERROR", "media", "JPEG compression failed", "JPEG 压缩错误"),
    (527, "NET_PLAYM4_EXTRACT_NOT_SUPPORT", "file unsupported", "this file version is not supported", "不支持该文件版本"),
    (528, "NET_PLAYM4_EXTRACT_DATA_ERROR", "file", "failed to extract the file data", "提取文件数据失败"),
)

AUDIO_INTERCOM: tuple[Row, ...] = (
    (600, "NET_AUDIOINTERCOM_OK", "", "no error", "没有错误"),
    (601, "NET_AUDIOINTECOM_ERR_NOTSUPORT", "unsupported", "not supported", "不支持"),
    (602, "NET_AUDIOINTECOM_ERR_ALLOC_MEMERY", "resource", "memory allocation failed", "内存申请错误"),
    (603, "NET_AUDIOINTECOM_ERR_PARAMETER", "parameter", "parameter error", "参数错误"),
    (604, "NET_AUDIOINTECOM_ERR_CALL_ORDER", "usage", "functions were called in the wrong order", "调用次序错误"),
    (605, "NET_AUDIOINTECOM_ERR_FIND_DEVICE", "media", "no audio device found", "未发现设备"),
    (606, "NET_AUDIOINTECOM_ERR_OPEN_DEVICE", "media", "cannot open the audio device", "不能打开设备"),
    (607, "NET_AUDIOINTECOM_ERR_NO_CONTEXT", "media", "audio device context error", "设备上下文出错"),
    (608, "NET_AUDIOINTECOM_ERR_NO_WAVFILE", "file", "WAV file error", "WAV 文件出错"),
    (609, "NET_AUDIOINTECOM_ERR_INVALID_TYPE", "parameter", "invalid WAV parameter type", "无效的 WAV 参数类型"),
    (610, "NET_AUDIOINTECOM_ERR_ENCODE_FAIL", "media", "encoding failed", "编码失败"),
    (611, "NET_AUDIOINTECOM_ERR_DECODE_FAIL", "media", "decoding failed", "解码失败"),
    (612, "NET_AUDIOINTECOM_ERR_NO_PLAYBACK", "media", "playback failed", "播放失败"),
    (613, "NET_AUDIOINTECOM_ERR_DENOISE_FAIL", "media", "noise reduction failed", "降噪失败"),
    (619, "NET_AUDIOINTECOM_ERR_UNKOWN", "", "unknown error", "未知错误"),
)

# fmt: on

# Section key -> rows, in the order of the documented error table.
TABLE: dict[str, tuple[Row, ...]] = {
    "network_library": NETWORK_LIBRARY,
    "raid": RAID,
    "n_plus_one": N_PLUS_ONE,
    "ability_xml": ABILITY_XML,
    "vqd": VQD,
    "rtsp": RTSP,
    "playm4": PLAYM4,
    "audio_intercom": AUDIO_INTERCOM,
}

# Codes outside the documented error table that users commonly meet (at login and when SDK
# components are missing): they get their own classes. Name as in the 6.1.9.x header; no Chinese text (the table
# has none for them). All belong to the network library.
# fmt: off
EXTRA: tuple[Row, ...] = (
    (102, "NET_DVR_USER_NOT_SUCC_LOGIN", "auth", "the user has not logged in successfully", ""),
    (107, "NET_DVR_LOAD_HCPREVIEW_SDK_ERROR", "component", "failed to load the preview component HCPreview (HCNetSDKCom folder)", ""),
    (108, "NET_DVR_LOAD_HCVOICETALK_SDK_ERROR", "component", "failed to load the voice talk component HCVoiceTalk (HCNetSDKCom folder)", ""),
    (109, "NET_DVR_LOAD_HCALARM_SDK_ERROR", "component", "failed to load the alarm component HCAlarm (HCNetSDKCom folder)", ""),
    (110, "NET_DVR_LOAD_HCPLAYBACK_SDK_ERROR", "component", "failed to load the playback component HCPlayBack (HCNetSDKCom folder)", ""),
    (111, "NET_DVR_LOAD_HCDISPLAY_SDK_ERROR", "component", "failed to load the display component HCDisplay (HCNetSDKCom folder)", ""),
    (112, "NET_DVR_LOAD_HCINDUSTRY_SDK_ERROR", "component", "failed to load the industry component HCIndustry (HCNetSDKCom folder)", ""),
    (113, "NET_DVR_LOAD_HCGENERALCFGMGR_SDK_ERROR", "component", "failed to load the configuration component HCGeneralCfgMgr (HCNetSDKCom folder)", ""),
    (114, "NET_DVR_LOAD_HCCOREDEVCFG_SDK_ERROR", "component", "failed to load the device configuration component HCCoreDevCfg (HCNetSDKCom folder)", ""),
    (115, "NET_DVR_LOAD_HCNETUTILS_SDK_ERROR", "component", "failed to load the component HCNetUtils (HCNetSDKCom folder)", ""),
    (148, "NET_DVR_LOAD_SSL_LIB_ERROR", "component", "failed to load the SSL library (libssl / libcrypto)", ""),
    (149, "NET_DVR_SSL_VERSION_NOT_MATCH", "unsupported", "the SSL library version does not match", ""),
    (152, "NET_DVR_USERNAME_NOT_EXIST", "auth", "the user name does not exist on the device", ""),
    (153, "NET_DVR_USER_LOCKED", "auth", "the user account is locked after too many failed logins", ""),
    (154, "NET_DVR_INVALID_USERID", "usage", "invalid user ID", ""),
    (155, "NET_DVR_LOW_LOGIN_VERSION", "unsupported", "the login version is too low for the device", ""),
    (156, "NET_DVR_LOAD_LIBEAY32_DLL_ERROR", "component", "failed to load libeay32 (OpenSSL crypto library)", ""),
    (157, "NET_DVR_LOAD_SSLEAY32_DLL_ERROR", "component", "failed to load ssleay32 (OpenSSL SSL library)", ""),
    (158, "NET_ERR_LOAD_LIBICONV", "component", "failed to load libiconv", ""),
    (159, "NET_ERR_SSL_CONNECT_FAILED", "connection", "the TLS (SSL) connection to the device failed", ""),
    (161, "NET_ERR_LOAD_ZLIB", "component", "failed to load zlib", ""),
    (162, "NET_ERR_OPENSSL_NO_INIT", "component", "OpenSSL is not initialised", ""),
    (250, "NET_DVR_ERROR_DEVICE_NOT_ACTIVATED", "auth", "the device is not activated (no admin password set yet)", ""),
    (251, "NET_DVR_ERROR_RISK_PASSWORD", "auth", "the password is risky (too weak, or the default)", ""),
    (252, "NET_DVR_ERROR_DEVICE_HAS_ACTIVATED", "usage", "the device is already activated", ""),
)

# fmt: on

# Where the table's name differs from the 6.1.9.x header's: table name -> header name. Both names
# resolve to the same code; the table's spelling is the primary name.
HEADER_SPELLING: dict[str, str] = {
    "NET_SDK_ERR_REMOTE_DISCONNEC": "NET_SDK_ERR_REMOTE_DISCONNECT",
    "XML_VERSION_MISMATCH": "NET_DVR_ERR_RETURNED_XML_DATA",
}

# Codes that mean "no error": the SDK call failed but left no error code behind.
NO_ERROR_CODES = frozenset({0, 500, 600})

HINTS: dict[int, Hints] = {
    1: Hints(
        note="The user name or the password is wrong.",
        solutions=(
            "Check that the user name and password are correct.",
            "Mind the case of the password.",
            "Check whether the default password must be changed first.",
        ),
        note_zh="用户名或密码错误",
        solutions_zh=("检查用户名和密码是否正确", "注意密码大小写", "检查是否需要修改默认密码"),
    ),
    3: Hints(
        causes=(
            "NET_DVR_Init was not called, or the SDK was cleaned up (NET_DVR_Cleanup) before this call.",
            "Before NET_DVR_Init every call fails with 3 and makes no connection.",
        ),
        solutions=(
            "Create the HCNetSDK object (which calls NET_DVR_Init) before logging in, and keep it "
            "alive while devices are in use.",
        ),
    ),
    5: Hints(
        note="More users are connected to the device than it allows (128).",
        solutions=(
            "Wait for other users to disconnect.",
            "Force some connections off in the device's web interface.",
            "Reboot the device to clear all connections.",
        ),
        note_zh="连接到设备的用户个数超过最大（128 个）",
        solutions_zh=(
            "等待其他用户断开连接",
            "在设备 Web 界面强制断开部分连接",
            "重启设备清除所有连接",
        ),
    ),
    7: Hints(
        causes=(
            "The device is offline or powered off.",
            "Network problems (loose cable, switch failure, ...).",
            "Wrong IP address or port number.",
            "The device's connections are used up (at most 128 online users).",
            "Earlier connections were not released properly.",
            "A firewall blocks the connection.",
            "The device is busy with other operations.",
        ),
        solutions=(
            "Check that the device is online (ping its IP address).",
            "Make sure the IP address and port are right (default port 8000).",
            "Wait 30-60 seconds and retry (the device releases old connections by itself).",
            "Close other connections (web interface, client software).",
            "Check the firewall settings.",
            "Reboot the device (as a last resort).",
        ),
        causes_zh=(
            "设备不在线或已关机",
            "网络连接问题（网线松动、交换机故障等）",
            "IP 地址或端口号错误",
            "设备连接数已满（达到最大 128 个在线用户）",
            "之前的连接未正确释放",
            "防火墙阻止连接",
            "设备正在忙于其他操作",
        ),
        solutions_zh=(
            "检查设备是否在线（ping 设备 IP）",
            "确认 IP 地址和端口号正确（默认端口 8000）",
            "等待 30-60 秒后重试（让设备自动释放旧连接）",
            "关闭其他连接（Web 界面、客户端软件）",
            "检查防火墙设置",
            "重启设备（作为最后手段）",
        ),
    ),
    9: Hints(
        causes=(
            "The peer accepted the TCP connection and closed it at once: the port is open but is "
            "not the device's SDK (server) port, or the device dropped the session.",
            "The connection broke while data was being received.",
        ),
        solutions=(
            "Use the device's SDK port (default 8000), not its HTTP (80) or RTSP (554) port.",
            "Check the network path and retry.",
        ),
    ),
    10: Hints(
        causes=(
            "The device accepted the connection but did not answer within the receive timeout "
            "(5 s by default).",
            "The port belongs to a service that never answers the SDK's protocol.",
            "A slow or lossy network.",
        ),
        solutions=(
            "Check that the port is the device's SDK port (default 8000).",
            "Raise the receive timeout (NET_DVR_SetRecvTimeOut) on slow links.",
        ),
    ),
    11: Hints(
        causes=(
            "The peer answered with data that is not the SDK protocol (another service listens on "
            "that port).",
            "A configuration value the device does not support was sent.",
        ),
        solutions=(
            "Check the port (default 8000) and that the device is a Hikvision device.",
            "Check the configuration values against the device's capabilities.",
        ),
    ),
    17: Hints(
        causes=(
            "The host is not an IP address literal: the SDK does not resolve host names "
            "('localhost', 'camera.local' and invalid addresses fail with 17 at once).",
            "Login_V30 got a user name of 64 bytes or more, or a password of 17 bytes or more.",
            "NET_DVR_Logout got a user ID outside 0..2047.",
            "A required input or output argument was NULL.",
        ),
        solutions=(
            "Resolve host names yourself (socket.getaddrinfo) and pass the IP address.",
            "Check the length of the credentials; prefer Login_V40.",
            "Pass only user IDs that the SDK returned.",
        ),
    ),
    23: Hints(
        causes=(
            "The device (model or firmware) does not support the function or the parameter value.",
        ),
        solutions=(
            "Check the device's capabilities and firmware version; upgrade the firmware if the "
            "function needs a newer one.",
        ),
    ),
    29: Hints(
        causes=("The device failed to carry out the operation (a generic device-side failure).",),
        solutions=(
            "Check the parameters and the device's state and log (web interface).",
            "Retry; reboot the device if the failure persists.",
        ),
    ),
    41: Hints(
        causes=(
            "The SDK could not allocate memory, threads or handles.",
            "Resources of earlier logins, previews or downloads were not released.",
        ),
        solutions=(
            "Log out and stop previews and downloads you no longer need.",
            "Check the process's memory and thread limits.",
        ),
    ),
    47: Hints(
        causes=(
            "The user ID was logged out already, or belongs to a failed or expired login.",
            "NET_DVR_Logout with an ID whose slot was used before fails with 47.",
        ),
        solutions=(
            "Log in again and use the new user ID.",
            "Do not reuse a user ID after logout; never pass an ID the SDK did not give.",
        ),
    ),
    52: Hints(
        causes=("The device's limit of logged-in users is reached.",),
        solutions=(
            "Log out sessions you no longer need (other clients, web interface).",
            "Wait for other users to log out, or reboot the device.",
        ),
    ),
    107: Hints(
        causes=(
            "The HCNetSDKCom folder (libHCPreview.so / HCPreview.dll) is missing next to the SDK "
            "library: its modules load lazily, on the first preview.",
            "Older SDK builds do not find HCNetSDKCom unless told where it is.",
            "On Windows the SDK folder is not on the DLL search path.",
        ),
        solutions=(
            "Keep the SDK's lib folder intact, with HCNetSDKCom beside libhcnetsdk.so / HCNetSDK.dll.",
            "Set the SDK path before NET_DVR_Init (NET_DVR_SetSDKInitCfg type 2).",
            "On Windows add the SDK folder with os.add_dll_directory.",
        ),
    ),
    153: Hints(
        causes=(
            "Too many failed logins: the device locked the account for a while.",
            "The device reports the attempts left and the lock time "
            "(.attempts_left and .lock_seconds on the exception).",
        ),
        solutions=(
            "Wait until the lock expires (lock_seconds), then log in with the right password.",
            "Unlock the account, or reboot the device, from the web interface as an administrator.",
            "Stop automatic retries with a wrong password.",
        ),
    ),
    159: Hints(
        causes=(
            "TLS was requested (byHttps=1) but the device port does not speak TLS.",
            "The OpenSSL libraries (libcrypto / libssl 1.1) were not found or do not match.",
            "TLS is not enabled on the device.",
        ),
        solutions=(
            "Log in without TLS, or with adaptive mode (byHttps=2).",
            "Keep the SDK's libcrypto and libssl beside the library, or set their paths with "
            "NET_DVR_SetSDKInitCfg (types 3 and 4) before NET_DVR_Init.",
        ),
    ),
}
