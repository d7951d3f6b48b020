/*
 * fake_recindex.c - the playback area: a device's own recording index, in place of the rule of
 * fake_playback.c (hcnetsdk.testing's recordings=, add_recording; a site file's
 * [[devices.recordings]]).
 *
 * A device with its own index (fake_playback_add_file, or fake_playback_own_index(dev, 1)) is
 * searched and downloaded from its files only: a search answers the files of its channel that
 * overlap the range and pass the type and lock filters, in order of start (then of adding); a
 * download by time writes the seconds that its channel's files cover in the range (overlapping
 * files once), a download by name the named file's range. The content of a second is the rule's
 * (pb_byte), so overlapping files agree and fake_playback_content matches every download.
 *
 * Files belong to a device and its generation: a device re-added at its address, or a site
 * cleared, starts over with the rule; their room is taken back at the next add. fake_reset
 * forgets them all (pb is zeroed).
 */
#include "fake_internal.h"

#include "fake_playback.h"

#include <stdlib.h>
#include <string.h>

unsigned pb_own_index_locked(int dev) {
    const fake_device *d = device_at(dev);
    return d != NULL && pb.own_index[dev] == d->generation ? d->generation : 0;
}

static int file_live_locked(const pb_file *f) {
    const fake_device *d = device_at(f->dev);
    return d != NULL && d->generation == f->generation;
}

/* Keeps the files for which keep(f, dev) is true, in order. */
static void compact_locked(int (*keep)(const pb_file *, int), int dev) {
    int i, n = 0;
    for (i = 0; i < pb.file_count; i++) {
        if (keep(&pb.files[i], dev)) {
            if (n != i) {
                pb.files[n] = pb.files[i];
            }
            n++;
        }
    }
    pb.file_count = n;
}

static int keep_live(const pb_file *f, int dev) {
    (void)dev;
    return file_live_locked(f);
}

static int keep_other_devices(const pb_file *f, int dev) {
    return f->dev != dev && file_live_locked(f);
}

static int file_of(const pb_file *f, int dev, unsigned generation) {
    return f->dev == dev && f->generation == generation;
}

const pb_file *pb_next_file_locked(pb_search *s) {
    const pb_file *best = NULL;
    int i;
    for (i = 0; i < pb.file_count; i++) {
        const pb_file *f = &pb.files[i];
        if (!file_of(f, s->dev, s->own) || f->channel != s->channel || f->to <= s->from ||
            f->from >= s->to) {
            continue;
        }
        if ((s->type != 0xff && s->type != (DWORD)f->type) ||
            (s->locked != 0xff && s->locked != (DWORD)f->locked)) {
            continue;
        }
        if (f->from < s->last_from || (f->from == s->last_from && f->seq <= s->last_seq)) {
            continue; /* answered already */
        }
        if (best == NULL || f->from < best->from || (f->from == best->from && f->seq < best->seq)) {
            best = f;
        }
    }
    if (best != NULL) {
        s->last_from = best->from;
        s->last_seq = best->seq;
    }
    return best;
}

const pb_file *pb_file_named_locked(int dev, unsigned generation, const char *name) {
    int i;
    for (i = 0; i < pb.file_count; i++) {
        if (file_of(&pb.files[i], dev, generation) && strcmp(pb.files[i].name, name) == 0) {
            return &pb.files[i];
        }
    }
    return NULL;
}

static int by_start(const void *a, const void *b) {
    const long long *x = (const long long *)a, *y = (const long long *)b;
    return x[0] < y[0] ? -1 : x[0] > y[0];
}

int pb_open_cursor_locked(int dev, unsigned generation, int channel, long long from,
                          long long to, pb_cursor *c, long long *seconds) {
    long long *spans;
    int i, n = 0, merged = 0;
    memset(c, 0, sizeof *c);
    c->sec = from;
    if (!generation) { /* the rule */
        *seconds = pb_recorded_seconds(from, to);
        return 0;
    }
    *seconds = 0;
    spans = (long long *)malloc(sizeof(long long) * 2 * (size_t)(pb.file_count + 1));
    if (spans == NULL) {
        return -1;
    }
    for (i = 0; i < pb.file_count; i++) {
        const pb_file *f = &pb.files[i];
        if (file_of(f, dev, generation) && f->channel == channel && f->to > from && f->from < to) {
            spans[2 * n] = f->from > from ? f->from : from;
            spans[2 * n + 1] = f->to < to ? f->to : to;
            n++;
        }
    }
    qsort(spans, (size_t)n, 2 * sizeof(long long), by_start);
    for (i = 0; i < n; i++) { /* merge overlapping and touching spans */
        if (merged > 0 && spans[2 * i] <= spans[2 * merged - 1]) {
            if (spans[2 * i + 1] > spans[2 * merged - 1]) {
                spans[2 * merged - 1] = spans[2 * i + 1];
            }
        } else {
            spans[2 * merged] = spans[2 * i];
            spans[2 * merged + 1] = spans[2 * i + 1];
            merged++;
        }
    }
    for (i = 0; i < merged; i++) {
        *seconds += spans[2 * i + 1] - spans[2 * i];
    }
    c->spans = spans; /* never NULL for an own index: an empty one records nothing */
    c->span_count = merged;
    return 0;
}

/* ---- control API ------------------------------------------------------------------------------ */
/* Takes the lock and returns device dev; NULL, with the lock released, if there is none. */
static const fake_device *lock_device(int dev) {
    const fake_device *d;
    ready();
    lock();
    pb_ready_locked();
    d = device_at(dev);
    if (d == NULL) {
        unlock();
    }
    return d;
}


FAKE_API int fake_playback_add_file(int dev, int channel, const pb_time *from, const pb_time *to,
                                    int type, int locked, const char *name) {
    const fake_device *d;
    long long a, b;
    size_t len;
    pb_file *f;
    if (from == NULL || to == NULL || !pb_wall_seconds(from, &a) || !pb_wall_seconds(to, &b) ||
        a >= b || b - a > PB_MAX_FILE_SECONDS || type < 0 || type > 255 ||
        (locked != 0 && locked != 1) || name == NULL) {
        return FAKE_ERR_VALUE;
    }
    len = strnlen(name, PB_NAME_CAP);
    if (len == 0 || len >= PB_NAME_CAP) {
        return FAKE_ERR_VALUE;
    }
    d = lock_device(dev);
    if (d == NULL) {
        return FAKE_ERR_NO_DEVICE;
    }
    if (!device_has_channel(d, channel)) {
        unlock();
        return FAKE_ERR_NO_CHANNEL;
    }
    if (pb.own_index[dev] != d->generation) { /* from the rule to an own index */
        compact_locked(keep_other_devices, dev);
        pb.own_index[dev] = d->generation;
    }
    if (pb_file_named_locked(dev, d->generation, name) != NULL) {
        unlock();
        return FAKE_ERR_EXISTS; /* a name downloads one file */
    }
    if (pb.file_count == PB_MAX_FILES) {
        compact_locked(keep_live, -1); /* the room of devices re-added or cleared */
    }
    if (pb.file_count == PB_MAX_FILES) {
        unlock();
        return FAKE_ERR_RESOURCE;
    }
    f = &pb.files[pb.file_count++];
    memset(f, 0, sizeof *f);
    f->dev = dev;
    f->generation = d->generation;
    f->channel = channel;
    f->from = a;
    f->to = b;
    f->type = type;
    f->locked = locked;
    f->seq = ++pb.file_seq;
    memcpy(f->name, name, len);
    unlock();
    return FAKE_OK;
}

FAKE_API int fake_playback_own_index(int dev, int own) {
    const fake_device *d = lock_device(dev);
    if (d == NULL) {
        return FAKE_ERR_NO_DEVICE;
    }
    compact_locked(keep_other_devices, dev);
    pb.own_index[dev] = own ? d->generation : 0;
    unlock();
    return FAKE_OK;
}
