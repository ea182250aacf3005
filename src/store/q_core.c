/* Feature queries not yet moved into their modules (transitional). */
#include <string.h>
#include <time.h>

#include "core/err.h"
#include "store/sql.h"
#include "store/store.h"
#include "kernel/tree.h"
#include "kernel/person.h"


/* ---- people ---- */


/* ---- claims and members ---- */


/* ---- organisations ---- */

/* ---- coverage ---- */

/* ---- sessions ---- */



int store_lock_row(store *s, enum store_row row, int64_t id)
{
    switch (row) {
    case STORE_ROW_PERSON: return sql_lock(s, "SELECT id FROM person WHERE id = ?1 FOR NO KEY UPDATE", id);
    case STORE_ROW_PLACE: return sql_lock(s, "SELECT id FROM place WHERE id = ?1 FOR NO KEY UPDATE", id);
    case STORE_ROW_MEETING: return sql_lock(s, "SELECT id FROM meeting WHERE id = ?1 FOR NO KEY UPDATE", id);
    }
    return 0;
}
