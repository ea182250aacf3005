/* Owners grouped into electors; see owners.h. */
#include "algo/owners.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"

static int cmp_unit(const void *x, const void *y)
{
    const struct owners_unit *a = x, *b = y;
    return a->id < b->id ? -1 : a->id > b->id;
}

static int cmp_link(const void *x, const void *y)
{
    const struct owners_link *a = x, *b = y;
    if (a->person_id != b->person_id)
        return a->person_id < b->person_id ? -1 : 1;
    return a->unit_id < b->unit_id ? -1 : a->unit_id > b->unit_id;
}

static int cmp_group(const void *x, const void *y)
{
    const struct owners_group *a = x, *b = y;
    return a->key < b->key ? -1 : a->key > b->key;
}

/* The index of unit id in the sorted units, or -1. */
static long find_unit(const struct owners_unit *u, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && u[lo].id == id ? (long)lo : -1;
}

/* The index of the group with this key, or -1. */
static long find_group(const struct owners_group *g, size_t n, int64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && g[lo].key == key ? (long)lo : -1;
}

static size_t root(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static void join(size_t *parent, size_t i, size_t j)
{
    size_t a = root(parent, i), b = root(parent, j);
    if (a != b)
        parent[a < b ? b : a] = a < b ? a : b;
}

/* One person's links (sorted, n of them): their units are joined; *anchor
 * the unit whose group they vote in, -1 when none is listed. A person with
 * a unit of their own votes there; with only the developer's, for it. */
static long person_units(const struct owners_unit *u, size_t nu, size_t *parent, unsigned char *owned,
                         const struct owners_link *l, size_t n)
{
    long own = -1, dev = -1;
    for (size_t k = 0; k < n; k++) {
        long i = find_unit(u, nu, l[k].unit_id);
        if (i < 0)
            continue;
        if (u[i].developer) {
            dev = dev < 0 ? i : dev;
            continue;
        }
        owned[i] = 1;
        if (own < 0)
            own = i;
        else
            join(parent, (size_t)own, (size_t)i);
    }
    return own >= 0 ? own : dev;
}

/* The groups: one per root of a unit in some elector, by key. */
static int make_groups(arena *a, const struct owners_unit *u, size_t nu, size_t *parent, const unsigned char *owned,
                       size_t *group_of_root, struct owners_result *out)
{
    size_t ng = 0;
    for (size_t i = 0; i < nu; i++)
        if ((owned[i] || u[i].developer) && root(parent, i) == i)
            ng++;
    out->groups = arena_calloc(a, (ng ? ng : 1) * sizeof *out->groups);
    out->ngroups = 0;
    for (size_t i = 0; i < nu; i++)
        if ((owned[i] || u[i].developer) && root(parent, i) == i)
            out->groups[out->ngroups++] = (struct owners_group){u[i].id, 0, 0, u[i].developer};
    /* roots are the smallest index of their group, and units are sorted by
     * id: the root's id is the group's key, and groups come out by key */
    qsort(out->groups, out->ngroups, sizeof *out->groups, cmp_group);
    for (size_t i = 0; i < nu; i++) {
        if (!owned[i] && !u[i].developer)
            continue;
        size_t r = root(parent, i);
        long g = find_group(out->groups, out->ngroups, u[r].id);
        if (g < 0)
            return WG_EINVAL; /* cannot happen: every root made a group */
        group_of_root[r] = (size_t)g;
        out->groups[g].area_dm2 += u[i].area_dm2;
        out->groups[g].units++;
    }
    return 0;
}

int owners_group(arena *a, const struct owners_unit *units, size_t nu, const struct owners_link *links, size_t nl,
                 struct owners_result *out)
{
    memset(out, 0, sizeof *out);
    struct owners_unit *u = arena_alloc(a, (nu ? nu : 1) * sizeof *u);
    struct owners_link *l = arena_alloc(a, (nl ? nl : 1) * sizeof *l);
    size_t *parent = arena_alloc(a, (nu ? nu : 1) * sizeof *parent);
    size_t *group_of_root = arena_calloc(a, (nu ? nu : 1) * sizeof *group_of_root);
    unsigned char *owned = arena_calloc(a, nu ? nu : 1);
    long *anchor = arena_alloc(a, (nl ? nl : 1) * sizeof *anchor);
    if (nu)
        memcpy(u, units, nu * sizeof *u);
    if (nl)
        memcpy(l, links, nl * sizeof *l);
    qsort(u, nu, sizeof *u, cmp_unit);
    qsort(l, nl, sizeof *l, cmp_link);
    long dev = -1;
    for (size_t i = 0; i < nu; i++) {
        if ((i > 0 && u[i].id == u[i - 1].id) || u[i].area_dm2 < 0)
            return WG_EINVAL;
        parent[i] = i;
        if (u[i].developer) {
            if (dev < 0)
                dev = (long)i;
            else
                join(parent, (size_t)dev, i); /* the developer's units: one elector */
        }
    }
    size_t np = 0;
    for (size_t k = 0; k < nl;) {
        size_t e = k;
        while (e < nl && l[e].person_id == l[k].person_id)
            e++;
        anchor[np] = person_units(u, nu, parent, owned, l + k, e - k);
        l[np].person_id = l[k].person_id; /* compacted: one entry per person */
        np++;
        k = e;
    }
    int rc = make_groups(a, u, nu, parent, owned, group_of_root, out);
    if (rc)
        return rc;
    out->persons = arena_alloc(a, (np ? np : 1) * sizeof *out->persons);
    for (size_t p = 0; p < np; p++)
        if (anchor[p] >= 0)
            out->persons[out->npersons++] =
                (struct owners_person){l[p].person_id, group_of_root[root(parent, (size_t)anchor[p])]};
    return 0;
}
