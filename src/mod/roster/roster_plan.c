/* The roster's plan (see roster_plan.h). */
#include "mod/roster/roster_plan.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hanzi.h"
#include "core/token.h"
#include "core/utf8.h"
#include "mod/roster/roster_store.h"

/* ---- a string -> int map in the arena (open addressing) ---- */

struct map {
    const char **k;
    int *v;
    size_t cap, n;
};

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static size_t map_slot(const struct map *m, const char *key)
{
    size_t i = (size_t)fnv(key) & (m->cap - 1);
    while (m->k[i] && strcmp(m->k[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static int map_get(const struct map *m, const char *key)
{
    if (m->cap == 0)
        return -1;
    size_t i = map_slot(m, key);
    return m->k[i] ? m->v[i] : -1;
}

static void map_put(arena *a, struct map *m, const char *key, int v)
{
    if (2 * (m->n + 1) > m->cap) {
        struct map g = {.cap = m->cap ? m->cap * 2 : 4096};
        g.k = arena_calloc(a, g.cap * sizeof *g.k);
        g.v = arena_alloc(a, g.cap * sizeof *g.v);
        for (size_t i = 0; i < m->cap; i++)
            if (m->k[i]) {
                size_t j = map_slot(&g, m->k[i]);
                g.k[j] = m->k[i];
                g.v[j] = m->v[i];
                g.n++;
            }
        *m = g;
    }
    size_t i = map_slot(m, key);
    if (m->k[i] == NULL) {
        m->k[i] = key;
        m->n++;
    }
    m->v[i] = v;
}

/* Grows an arena array of items of size sz to hold one more. */
static void *grow(arena *a, void *arr, int n, int *cap, size_t sz)
{
    if (n < *cap)
        return arr;
    int nc = *cap ? *cap * 2 : 256;
    void *g = arena_alloc(a, (size_t)nc * sz);
    if (n)
        memcpy(g, arr, (size_t)n * sz);
    *cap = nc;
    return g;
}

/* ---- the plan ---- */

struct node {
    int64_t id; /* 0: added by the plan */
    int parent; /* node index of the parent (grids: -1) */
    const char *name, *code;
    int touched;
};

struct pperson {
    int64_t id, community; /* id 0: added by the plan */
    const char *phone, *name;
    int touched;
};

/* Where a row's things are in the plan. */
struct rref {
    int g, b, h, p;
};

enum { REL_OWNER, REL_TENANT, REL_FAMILY, REL_PLANNED = 10 };
static const char *const rel_names[] = {"owner", "tenant", "family"};

struct roster_plan {
    arena *a;
    struct st_place community;
    struct map m;
    struct node *nodes;
    int nn, capn;
    struct pperson *people;
    int np, capp;
    struct st_roster_row *rows;
    struct rref *refs;
    int nrows;
    struct roster_counts k;
    int ngrids, nbuildings;
    uint64_t digest;
};

static int node_add(struct roster_plan *p, int64_t id, int parent, const char *name, const char *code)
{
    p->nodes = grow(p->a, p->nodes, p->nn, &p->capn, sizeof *p->nodes);
    p->nodes[p->nn] = (struct node){.id = id, .parent = parent, .name = name, .code = code};
    return p->nn++;
}

/* Text folded for matching: Simplified characters, no spaces. */
static const char *fold(arena *a, const char *s)
{
    size_t n = strlen(s);
    char *o = arena_alloc(a, n * 2 + 1), *w = o;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        uint32_t c = u[i];
        int len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        if (i + (size_t)len > n)
            break;
        if (len == 1) {
            if (c != ' ' && c != '\t')
                *w++ = (char)tolower((int)c);
            i++;
            continue;
        }
        c = len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
        for (int k = 1; k < len; k++)
            c = (c << 6) | (u[i + (size_t)k] & 0x3f);
        i += (size_t)len;
        if (c == 0x3000)
            continue;
        c = hanzi_fold(c);
        if (c < 0x800)
            *w++ = (char)(0xc0 | (c >> 6)), *w++ = (char)(0x80 | (c & 0x3f));
        else if (c < 0x10000)
            *w++ = (char)(0xe0 | (c >> 12)), *w++ = (char)(0x80 | ((c >> 6) & 0x3f)), *w++ = (char)(0x80 | (c & 0x3f));
        else
            *w++ = (char)(0xf0 | (c >> 18)), *w++ = (char)(0x80 | ((c >> 12) & 0x3f)),
            *w++ = (char)(0x80 | ((c >> 6) & 0x3f)), *w++ = (char)(0x80 | (c & 0x3f));
    }
    *w = '\0';
    return o;
}

static int all_digits(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static void load_place(void *ud, const struct roster_place_row *r)
{
    struct roster_plan *p = ud;
    arena *a = p->a;
    int parent = map_get(&p->m, arena_printf(a, "I:%lld", (long long)r->parent_id));
    if (strcmp(r->kind, "grid") == 0) {
        int i = node_add(p, r->id, -1, r->name, r->code);
        map_put(a, &p->m, arena_printf(a, "G:%s", fold(a, r->name)), i);
        map_put(a, &p->m, arena_printf(a, "G#%s", r->code), i);
        map_put(a, &p->m, arena_printf(a, "I:%lld", (long long)r->id), i);
        p->ngrids++;
    } else if (strcmp(r->kind, "building") == 0 && parent >= 0) {
        int i = node_add(p, r->id, parent, r->name, r->code);
        map_put(a, &p->m, arena_printf(a, "B:%d:%s", parent, fold(a, r->name)), i);
        map_put(a, &p->m, arena_printf(a, "B#%d:%s", parent, r->code), i);
        map_put(a, &p->m, arena_printf(a, "BN:%s", fold(a, r->name)), i);
        map_put(a, &p->m, arena_printf(a, "BC#%s", r->code), i);
        map_put(a, &p->m, arena_printf(a, "I:%lld", (long long)r->id), i);
        p->nbuildings++;
    } else if (strcmp(r->kind, "household") == 0 && parent >= 0) {
        int i = node_add(p, r->id, parent, r->name, r->code);
        map_put(a, &p->m, arena_printf(a, "H:%d:%s", parent, fold(a, r->code)), i);
        map_put(a, &p->m, arena_printf(a, "I:%lld", (long long)r->id), i);
    }
}

static int rel_code(const char *relation)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(relation, rel_names[i]) == 0)
            return i;
    return REL_FAMILY;
}

static int person_add(struct roster_plan *p, int64_t id, int64_t community, const char *phone, const char *name)
{
    p->people = grow(p->a, p->people, p->np, &p->capp, sizeof *p->people);
    p->people[p->np] = (struct pperson){.id = id, .community = community, .phone = phone, .name = name};
    map_put(p->a, &p->m, arena_printf(p->a, "P:%s", phone), p->np);
    return p->np++;
}

static void load_member(void *ud, const struct roster_member_row *r)
{
    struct roster_plan *p = ud;
    int h = map_get(&p->m, arena_printf(p->a, "I:%lld", (long long)r->household_id));
    if (map_get(&p->m, arena_printf(p->a, "P:%s", r->phone)) < 0)
        person_add(p, r->person_id, r->person_community, r->phone, r->name);
    if (h >= 0)
        map_put(p->a, &p->m, arena_printf(p->a, "M:%s:%d", r->phone, h), rel_code(r->relation));
}

static void load_resident(void *ud, int64_t person_id, int64_t place_id)
{
    struct roster_plan *p = ud;
    map_put(p->a, &p->m, arena_printf(p->a, "R:%lld:%lld", (long long)person_id, (long long)place_id), 1);
}

/* ---- one row ---- */

static int row_fail(struct st_roster_row *r, const char *col, const char *code)
{
    r->err_col = col;
    r->err_code = code;
    r->act_grid = r->act_building = r->act_household = r->act_person = r->act_member = "none";
    return 1;
}

/* The grid a row names: by name or code; a number N also as 第N网格 or code 0N. */
static int find_grid(struct roster_plan *p, const char *grid)
{
    arena *a = p->a;
    const char *f = fold(a, grid);
    int g = map_get(&p->m, arena_printf(a, "G:%s", f));
    if (g < 0)
        g = map_get(&p->m, arena_printf(a, "G#%s", grid));
    if (g < 0 && all_digits(grid) && strlen(grid) < 6) {
        g = map_get(&p->m, arena_printf(a, "G:第%s网格", grid));
        if (g < 0)
            g = map_get(&p->m, arena_printf(a, "G#%02ld", strtol(grid, NULL, 10)));
    }
    return g;
}

/* The building of a grid a row names: by name, code, or a number N as N栋. */
static int find_building(struct roster_plan *p, int g, const char *building)
{
    arena *a = p->a;
    int b = map_get(&p->m, arena_printf(a, "B:%d:%s", g, fold(a, building)));
    if (b < 0)
        b = map_get(&p->m, arena_printf(a, "B#%d:%s", g, building));
    if (b < 0 && all_digits(building))
        b = map_get(&p->m, arena_printf(a, "B:%d:%s栋", g, building));
    return b;
}

/* A building name as the plan adds it: a bare number N becomes N栋. */
static const char *building_name(arena *a, const char *b)
{
    return all_digits(b) ? arena_printf(a, "%s栋", b) : b;
}

/* The household number within its building: unit-room ("2-301"), or the room. */
static const char *household_code(arena *a, const struct st_roster_row *r)
{
    return r->unit ? arena_printf(a, "%s-%s", r->unit, r->room) : r->room;
}

static void digest_add(struct roster_plan *p, const char *s)
{
    for (; s && *s; s++)
        p->digest = (p->digest ^ (unsigned char)*s) * 1099511628211ULL;
    p->digest = (p->digest ^ '|') * 1099511628211ULL;
}

/* The person a phone names: known to the plan, in the store, or -1 (new). */
static int find_person(dctx *c, struct roster_plan *p, const char *phone, int *rc)
{
    int i = map_get(&p->m, arena_printf(p->a, "P:%s", phone));
    if (i >= 0)
        return i;
    struct st_person pe;
    *rc = person_by_phone(c->st, p->a, phone, &pe);
    if (*rc == WG_ENOTFOUND) {
        *rc = 0;
        return -1;
    }
    return *rc ? -1 : person_add(p, pe.id, pe.community_id, pe.phone, pe.name);
}

/* The person and membership of a row whose places are g, b, h (h -1: a
 * household the plan adds). 1 when the row is bad. */
static int plan_person(dctx *c, struct roster_plan *p, struct st_roster_row *r, int h, int *pi, int *rc)
{
    *pi = -1;
    if (r->phone == NULL)
        return 0;
    int i = find_person(c, p, r->phone, rc);
    if (*rc)
        return 1;
    if (i >= 0) {
        struct pperson *pe = &p->people[i];
        if (pe->community && pe->community != p->community.id)
            return row_fail(r, "phone", "roster_phone_elsewhere");
        if (strcmp(fold(p->a, pe->name), fold(p->a, r->name)) != 0)
            return row_fail(r, "name", "roster_name_differs");
        int m = h >= 0 ? map_get(&p->m, arena_printf(p->a, "M:%s:%d", r->phone, h)) : -1;
        if (m >= REL_PLANNED)
            return row_fail(r, "phone", "roster_duplicate");
    }
    *pi = i;
    return 0;
}

static void count_node(struct roster_plan *p, int i, int *add, int *leave, const char **act)
{
    struct node *nd = &p->nodes[i];
    if (nd->id == 0)
        *act = "none"; /* added by an earlier row */
    else {
        *act = "leave";
        if (leave && !nd->touched)
            (*leave)++;
    }
    (void)add;
    nd->touched = 1;
}

/* Plans one checked row: places, person, membership. 0, or an error of the store. */
static int plan_row(dctx *c, struct roster_plan *p, struct st_roster_row *r, struct rref *ref)
{
    arena *a = p->a;
    int rc = 0, pi;
    int g = find_grid(p, r->grid);
    int b = g >= 0 ? find_building(p, g, r->building) : -1;
    const char *hcode = household_code(a, r);
    int h = b >= 0 ? map_get(&p->m, arena_printf(a, "H:%d:%s", b, fold(a, hcode))) : -1;
    if (b < 0) {
        int other = map_get(&p->m, arena_printf(a, "BN:%s", fold(a, building_name(a, r->building))));
        if (other >= 0 && p->nodes[other].parent != g)
            return row_fail(r, "building", "roster_building_other_grid"), 0;
    }
    if (plan_person(c, p, r, h, &pi, &rc))
        return rc;
    /* places: found, or added now */
    if (g < 0) {
        g = node_add(p, 0, -1, r->grid, NULL);
        map_put(a, &p->m, arena_printf(a, "G:%s", fold(a, r->grid)), g);
        r->act_grid = "add", p->k.grids_add++;
    } else
        count_node(p, g, NULL, NULL, &r->act_grid);
    if (b < 0) {
        const char *name = building_name(a, r->building);
        b = node_add(p, 0, g, name, NULL);
        map_put(a, &p->m, arena_printf(a, "B:%d:%s", g, fold(a, name)), b);
        map_put(a, &p->m, arena_printf(a, "BN:%s", fold(a, name)), b);
        r->act_building = "add", p->k.buildings_add++;
    } else
        count_node(p, b, NULL, NULL, &r->act_building);
    if (h < 0) {
        h = node_add(p, 0, b, arena_printf(a, "%s%s", p->nodes[b].name, hcode), hcode);
        map_put(a, &p->m, arena_printf(a, "H:%d:%s", b, fold(a, hcode)), h);
        r->act_household = "add", p->k.households_add++;
    } else
        count_node(p, h, NULL, &p->k.households_leave, &r->act_household);
    /* the person and the membership */
    r->act_person = r->act_member = "none";
    if (r->phone) {
        if (pi < 0) {
            pi = person_add(p, 0, p->community.id, r->phone, r->name);
            r->act_person = "add", p->k.people_add++;
        } else if (p->people[pi].id) {
            r->act_person = "leave";
            if (!p->people[pi].touched)
                p->k.people_leave++;
        }
        p->people[pi].touched = 1;
        const char *mk = arena_printf(a, "M:%s:%d", r->phone, h);
        int m = map_get(&p->m, mk), rel = r->relation ? rel_code(r->relation) : m >= 0 ? m % REL_PLANNED : REL_FAMILY;
        if (m < 0)
            r->act_member = "add", p->k.members_add++;
        else if (m != rel)
            r->act_member = "change", p->k.members_change++;
        else
            r->act_member = "leave", p->k.members_leave++;
        map_put(a, &p->m, mk, REL_PLANNED + rel);
    }
    ref->g = g, ref->b = b, ref->h = h, ref->p = pi;
    r->changed = strcmp(r->act_grid, "add") == 0 || strcmp(r->act_building, "add") == 0 ||
                 strcmp(r->act_household, "add") == 0 || strcmp(r->act_person, "add") == 0 ||
                 strcmp(r->act_member, "add") == 0 || strcmp(r->act_member, "change") == 0;
    return 0;
}

static void digest_row(struct roster_plan *p, const struct st_roster_row *r, const struct rref *ref)
{
    char ids[96];
    snprintf(ids, sizeof ids, "%d %lld %lld %lld %lld", r->row_no,
             (long long)(r->err_code ? 0 : p->nodes[ref->g].id), (long long)(r->err_code ? 0 : p->nodes[ref->b].id),
             (long long)(r->err_code ? 0 : p->nodes[ref->h].id),
             (long long)(r->err_code || ref->p < 0 ? 0 : p->people[ref->p].id));
    digest_add(p, ids);
    digest_add(p, r->act_grid);
    digest_add(p, r->act_building);
    digest_add(p, r->act_household);
    digest_add(p, r->act_person);
    digest_add(p, r->act_member);
    digest_add(p, r->err_code);
}

int roster_plan_make(dctx *c, const struct st_place *community, struct st_roster_row *rows, int n,
                     struct roster_plan **out)
{
    struct roster_plan *p = arena_calloc(c->a, sizeof *p);
    p->a = c->a;
    p->community = *community;
    p->rows = rows;
    p->nrows = n;
    p->refs = arena_calloc(c->a, (size_t)(n ? n : 1) * sizeof *p->refs);
    p->digest = 1469598103934665603ULL;
    int rc = roster_store_places(c->st, c->a, community->id, load_place, p);
    if (rc == 0)
        rc = roster_store_members(c->st, c->a, community->id, load_member, p);
    if (rc == 0)
        rc = roster_store_residents(c->st, c->a, community->id, load_resident, p);
    for (int i = 0; rc == 0 && i < n; i++) {
        struct st_roster_row *r = &rows[i];
        r->changed = 0;
        if (r->err_code == NULL)
            rc = plan_row(c, p, r, &p->refs[i]);
        if (r->err_code) {
            row_fail(r, r->err_col, r->err_code);
            p->k.errors++;
        }
        digest_row(p, r, &p->refs[i]);
    }
    p->k.rows = n;
    *out = p;
    return rc;
}

void roster_plan_counts(const struct roster_plan *p, struct roster_counts *out)
{
    *out = p->k;
}

const char *roster_plan_digest(const struct roster_plan *p)
{
    return arena_printf(p->a, "%016llx", (unsigned long long)p->digest);
}

json_t *roster_counts_json(const struct roster_counts *k)
{
    return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "rows", k->rows, "errors", k->errors,
                     "grids_add", k->grids_add, "buildings_add", k->buildings_add, "households_add",
                     k->households_add, "households_leave", k->households_leave, "people_add", k->people_add,
                     "people_leave", k->people_leave, "members_add", k->members_add, "members_change",
                     k->members_change, "members_leave", k->members_leave);
}

/* ---- apply ---- */

/* A code no sibling has: the next number, as wide as width. */
static const char *free_code(struct roster_plan *p, const char *prefix, int *next, int width)
{
    for (;;) {
        const char *code = arena_printf(p->a, "%0*d", width, ++*next);
        if (map_get(&p->m, arena_printf(p->a, "%s%s", prefix, code)) < 0) {
            map_put(p->a, &p->m, arena_printf(p->a, "%s%s", prefix, code), 0);
            return code;
        }
    }
}

static int create_place(dctx *c, struct roster_plan *p, int i, const char *kind)
{
    struct node *nd = &p->nodes[i];
    if (nd->id)
        return 0;
    struct st_place pl = {.kind = kind, .parent_id = nd->parent >= 0 ? p->nodes[nd->parent].id : p->community.id,
                          .name = nd->name, .created_at = c->now};
    char reg[TOKEN_HEX + 1];
    if (strcmp(kind, "grid") == 0)
        pl.code = free_code(p, "G#", &p->ngrids, 2);
    else if (strcmp(kind, "building") == 0) {
        pl.code = free_code(p, "BC#", &p->nbuildings, 5);
        token_random(reg);
        reg[20] = '\0'; /* as the place module's buildings: the key of the registration poster */
        pl.reg_key = reg;
    } else
        pl.code = nd->code;
    int rc = tree_insert(c->st, c->a, &pl);
    if (rc == 0)
        nd->id = pl.id;
    return rc;
}

static int apply_row(dctx *c, struct roster_plan *p, const struct st_roster_row *r, const struct rref *ref)
{
    int rc;
    if ((rc = create_place(c, p, ref->g, "grid")) || (rc = create_place(c, p, ref->b, "building")) ||
        (rc = create_place(c, p, ref->h, "household")))
        return rc;
    if (ref->p < 0)
        return 0;
    struct pperson *pe = &p->people[ref->p];
    if (pe->id == 0) {
        /* no password: "!" matches none; she sets one before signing in */
        struct st_person np = {.phone = pe->phone, .name = pe->name, .pw_hash = "!",
                               .community_id = p->community.id, .created_at = c->now};
        if ((rc = person_insert(c->st, &np)))
            return rc;
        pe->id = np.id;
    }
    int64_t hid = p->nodes[ref->h].id;
    if (strcmp(r->act_member, "change") == 0)
        return roster_store_member_relation(c->st, hid, pe->id, r->relation);
    if (strcmp(r->act_member, "add") != 0)
        return 0;
    if ((rc = people_member_insert(c, hid, pe->id, p->community.id, r->relation ? r->relation : "family")))
        return rc;
    /* a resident there already keeps her role (a conflicting insert would
     * end the whole transaction on PostgreSQL) */
    if (map_get(&p->m, arena_printf(p->a, "R:%lld:%lld", (long long)pe->id, (long long)hid)) >= 0)
        return 0;
    struct st_role role = {.person_id = pe->id, .role = "resident", .place_id = hid};
    return role_insert(c->st, &role);
}

int roster_plan_apply(dctx *c, struct roster_plan *p)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < p->nrows; i++)
        if (p->rows[i].err_code == NULL)
            rc = apply_row(c, p, &p->rows[i], &p->refs[i]);
    return rc;
}
