/*
 * fake_kit.c - what hcnetsdk.testing needs of a device beyond the site's basics: more accounts
 * than the first (fake_device_add_user), a failure of the next login only
 * (fake_device_fail_next_login), and counters read back per device (fake_device_get_int).
 */
#include "fake_internal.h"

#include <string.h>

int device_accepts_locked(const fake_device *d, const char *user, size_t user_len,
                          const char *password, size_t password_len) {
    int i;
    if (user_len == d->user_len && memcmp(user, d->user, user_len) == 0) {
        return password_len == d->password_len &&
               memcmp(password, d->password, password_len) == 0;
    }
    for (i = 0; i < d->extra_users; i++) {
        if (user_len == d->extra_user_len[i] && memcmp(user, d->extra_user[i], user_len) == 0) {
            return password_len == d->extra_password_len[i] &&
                   memcmp(password, d->extra_password[i], password_len) == 0;
        }
    }
    return 0;
}

/* Another account of the device (or a new password for an existing one). */
FAKE_API int fake_device_add_user(int dev, const char *user, const char *password) {
    fake_device *d;
    size_t user_len, password_len;
    int i, slot = -1;
    ready();
    if (user == NULL || password == NULL) {
        return FAKE_ERR_VALUE;
    }
    user_len = strnlen(user, NET_DVR_LOGIN_USERNAME_MAX_LEN + 1);
    password_len = strnlen(password, NET_DVR_LOGIN_PASSWD_MAX_LEN + 1);
    if (user_len > NET_DVR_LOGIN_USERNAME_MAX_LEN || password_len > NET_DVR_LOGIN_PASSWD_MAX_LEN) {
        return FAKE_ERR_VALUE;
    }
    lock();
    d = device_at(dev);
    if (d == NULL) {
        unlock();
        return FAKE_ERR_NO_DEVICE;
    }
    if (user_len == d->user_len && memcmp(user, d->user, user_len) == 0) {
        memcpy(d->password, password, password_len);
        d->password_len = password_len;
        unlock();
        return FAKE_OK;
    }
    for (i = 0; i < d->extra_users; i++) {
        if (user_len == d->extra_user_len[i] && memcmp(user, d->extra_user[i], user_len) == 0) {
            slot = i;
        }
    }
    if (slot < 0) {
        if (d->extra_users >= FAKE_EXTRA_USERS) {
            unlock();
            return FAKE_ERR_VALUE;
        }
        slot = d->extra_users++;
        memcpy(d->extra_user[slot], user, user_len);
        d->extra_user_len[slot] = user_len;
    }
    memcpy(d->extra_password[slot], password, password_len);
    d->extra_password_len[slot] = password_len;
    unlock();
    return FAKE_OK;
}

/* The next login that reaches the device fails with code (0 cancels); later ones are normal. */
FAKE_API int fake_device_fail_next_login(int dev, int code) {
    fake_device *d;
    ready();
    if (code < 0) {
        return FAKE_ERR_VALUE;
    }
    lock();
    d = device_at(dev);
    if (d == NULL) {
        unlock();
        return FAKE_ERR_NO_DEVICE;
    }
    d->fail_next_login = (DWORD)code;
    unlock();
    return FAKE_OK;
}

/* Keys: login_attempts, logins_ok, sessions (user ids logged in now), failed_attempts,
 * users (accounts), locked (1 while the account is locked). FAKE_NO_SUCH_KEY for an unknown
 * key or device. */
FAKE_API long long fake_device_get_int(int dev, const char *key) {
    fake_device *d;
    long long value = FAKE_NO_SUCH_KEY;
    int i;
    ready();
    if (key == NULL) {
        return FAKE_NO_SUCH_KEY;
    }
    lock();
    d = device_at(dev);
    if (d != NULL) {
        if (strcmp(key, "login_attempts") == 0) {
            value = d->login_attempts;
        } else if (strcmp(key, "logins_ok") == 0) {
            value = d->logins_ok;
        } else if (strcmp(key, "failed_attempts") == 0) {
            value = d->failed_attempts;
        } else if (strcmp(key, "users") == 0) {
            value = 1 + d->extra_users;
        } else if (strcmp(key, "locked") == 0) {
            value = d->locked_until != 0.0 && d->locked_until > monotonic_seconds();
        } else if (strcmp(key, "sessions") == 0) {
            value = 0;
            for (i = 0; i < MAX_LOGIN_USERS; i++) {
                if (g.slot_state[i] == SLOT_IN_USE && g.slot_device[i] == dev) {
                    value++;
                }
            }
        }
    }
    unlock();
    return value;
}

/* The user id of the device's index-th session (in id order), or -1. */
FAKE_API int fake_device_session(int dev, int index) {
    int i, seen = 0, found = -1;
    ready();
    lock();
    if (device_at(dev) != NULL && index >= 0) {
        for (i = 0; i < MAX_LOGIN_USERS; i++) {
            if (g.slot_state[i] == SLOT_IN_USE && g.slot_device[i] == dev && seen++ == index) {
                found = i;
                break;
            }
        }
    }
    unlock();
    return found;
}
