/*
 * Who the owners are, for a vote of owners (民法典 art. 278; the Supreme
 * People's Court interpretation on building division ownership, arts. 8-9):
 * the exclusive units (专有部分) of a place and who owns them, grouped into
 * electors.
 *
 * - An owner counts one head per exclusive unit; but a buyer who owns
 *   several units counts as one head, with the area of all of them.
 *   Co-owners of a unit are one elector (one head, one ballot). Units joined
 *   by a common owner are one elector: the connected groups of the graph
 *   of units and their owners.
 * - The developer's unsold or undelivered units count as one head
 *   together, with the area of all of them, whether or not anyone is
 *   registered for them. A person registered as owner of a developer's
 *   unit votes for the developer, unless they also own a unit of their own:
 *   then they vote for their own.
 * - A unit's area is its registered exclusive area; an elector's area is
 *   the sum over its units. A unit with no registered owner that is not the
 *   developer's is in no elector (the electorate counts registered owners).
 *
 * Pure: no clock, no I/O. Ownership: the result's arrays live in the
 * caller's arena.
 */
#ifndef WG_ALGO_OWNERS_H
#define WG_ALGO_OWNERS_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

struct owners_unit {
    int64_t id;        /* unique */
    int64_t area_dm2;  /* registered exclusive area, >= 0 */
    int developer;     /* unsold or undelivered: the developer's */
};

struct owners_link {
    int64_t unit_id, person_id; /* person_id owns (or co-owns) unit_id */
};

struct owners_group {
    int64_t key;      /* the smallest unit id of the group */
    int64_t area_dm2; /* sum over its units */
    int units;        /* how many units */
    int developer;    /* the developer's group */
};

struct owners_person {
    int64_t person_id;
    size_t group; /* index into groups */
};

struct owners_result {
    struct owners_group *groups; /* by key, ascending */
    size_t ngroups;
    struct owners_person *persons; /* by person_id, ascending; each once */
    size_t npersons;
};

/* Groups units (nu, ids unique) and ownership links (nl; links to units
 * not listed are ignored) into electors. 0, or WG_EINVAL for a duplicate
 * unit id or a negative area. */
int owners_group(arena *a, const struct owners_unit *units, size_t nu, const struct owners_link *links, size_t nl,
                 struct owners_result *out);

#endif
