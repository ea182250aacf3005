/* The request context's failure, text and rate helpers (see dctx.h). */
#include "kernel/dctx.h"

#include <string.h>

#include "core/utf8.h"
#include "kernel/person.h"

int dctx_fail(dctx *c, int err, const char *code, const char *field)
{
    c->code = code;
    c->field = field;
    return err;
}

int dctx_text(dctx *c, const char *s, size_t max_cp, int required, const char *field, const char *code_required,
              const char *code_invalid)
{
    if (utf8_blank(s))
        return required ? dctx_fail(c, WG_EINVAL, code_required, field) : 0;
    size_t n = strlen(s);
    if (!utf8_valid(s, n) || utf8_count(s, n) > max_cp)
        return dctx_fail(c, WG_EINVAL, code_invalid, field);
    return 0;
}

int dctx_rate_locked(dctx *c, count_since_fn count_since, int per_minute, int per_hour, const char *code)
{
    int recent = 0;
    int rc = person_lock(c->st, c->actor->id);
    if (rc == 0)
        rc = count_since(c->st, c->actor->id, c->now - 60, &recent);
    if (rc == 0 && recent >= per_minute)
        return dctx_fail(c, WG_ERATE, code, NULL);
    if (rc == 0)
        rc = count_since(c->st, c->actor->id, c->now - 3600, &recent);
    if (rc == 0 && recent >= per_hour)
        return dctx_fail(c, WG_ERATE, code, NULL);
    return rc;
}
