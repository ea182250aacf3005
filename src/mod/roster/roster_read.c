/* A roster sheet's header and rows (see roster_plan.h, roster_read_rows). */
#include <string.h>

#include "core/hanzi.h"
#include "core/utf8.h"
#include "mod/roster/roster_plan.h"

/* Header texts per field, in Simplified characters, lower case, without
 * spaces (a header is folded the same way before it is looked up). */
static const char *const g_headers[RF_COUNT][10] = {
    [RF_GRID] = {"网格", "所属网格", "网格名称", "grid", NULL},
    [RF_BUILDING] = {"楼栋", "楼号", "楼栋号", "楼幢", "栋", "幢", "楼", "building", NULL},
    [RF_UNIT] = {"单元", "单元号", "unit", NULL},
    [RF_ROOM] = {"房号", "房间号", "门牌号", "户号", "室号", "room", "household", "roomno", NULL},
    [RF_NAME] = {"姓名", "名字", "居民姓名", "name", NULL},
    [RF_PHONE] = {"手机号", "手机", "手机号码", "联系电话", "电话", "联系方式", "phone", "mobile", "tel", NULL},
    [RF_RELATION] = {"与户主关系", "与户主的关系", "关系", "relation", "relationship", NULL},
    [RF_NOTE] = {"备注", "note", "notes", "remark", "remarks", NULL},
    [RF_IDCARD] = {"身份证", "身份证号", "身份证号码", "公民身份号码", "证件号码", "idnumber", "idcard", "id", NULL},
};

static const char *const g_field_names[RF_COUNT] = {"grid", "building", "unit", "room", "name",
                                                    "phone", "relation", "note", "id_number"};

const char *roster_field_name(int f)
{
    return f >= 0 && f < RF_COUNT ? g_field_names[f] : "";
}

/* A header folded: Simplified, lower case, without spaces, '*', '_' or a
 * bracketed remark ("手机号（必填）"). */
static const char *header_fold(arena *a, const char *h)
{
    const char *s = hanzi_hans(a, h);
    char *o = arena_alloc(a, strlen(s) + 1), *w = o;
    for (; *s; s++) {
        if (strncmp(s, "（", 3) == 0 || *s == '(')
            break;
        if (*s == ' ' || *s == '*' || *s == '_' || *s == '\t')
            continue;
        if (strncmp(s, "\xe3\x80\x80", 3) == 0) { /* U+3000 */
            s += 2;
            continue;
        }
        *w++ = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;
    }
    *w = '\0';
    return o;
}

static int header_field(arena *a, const char *h)
{
    const char *f = header_fold(a, h);
    for (int i = 0; i < RF_COUNT; i++)
        for (int k = 0; g_headers[i][k]; k++)
            if (strcmp(f, g_headers[i][k]) == 0)
                return i;
    return -1;
}

/* The sheet's columns -> fields (col[f] = column index or -1). */
static json_t *map_columns(arena *a, const struct sheet_row *hdr, int col[RF_COUNT])
{
    json_t *rec = json_array(), *ign = json_array();
    int id_seen = 0;
    for (int f = 0; f < RF_COUNT; f++)
        col[f] = -1;
    for (int i = 0; i < hdr->n; i++) {
        char name[8];
        const char *h = hdr->cell[i];
        if (h == NULL || utf8_blank(h))
            continue;
        int f = header_field(a, h);
        sheet_col_name(i, name);
        if (f >= 0 && col[f] < 0 && f != RF_IDCARD) {
            col[f] = i;
            json_array_append_new(rec, json_pack("{s:s, s:s, s:s}", "column", name, "header", h, "field", g_field_names[f]));
        } else {
            id_seen |= f == RF_IDCARD;
            json_array_append_new(ign, json_pack("{s:s, s:s, s:b}", "column", name, "header", h, "id_number", f == RF_IDCARD));
        }
    }
    return json_pack("{s:o, s:o, s:b}", "recognised", rec, "ignored", ign, "id_number_ignored", id_seen);
}

/* A cell's text trimmed of spaces (ASCII and U+3000), NULL when blank. */
static const char *cell_text(arena *a, const struct sheet_row *r, int col)
{
    if (col < 0 || col >= r->n || r->cell[col] == NULL)
        return NULL;
    const char *s = r->cell[col], *e = s + strlen(s);
    for (;;) {
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
            s++;
        else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
            s += 3;
        else
            break;
    }
    for (;;) {
        if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
            e--;
        else if (e - s >= 3 && memcmp(e - 3, "\xe3\x80\x80", 3) == 0)
            e -= 3;
        else
            break;
    }
    return e > s ? arena_strndup(a, s, (size_t)(e - s)) : NULL;
}

/* Strips a suffix ("单元") when something is left. */
static const char *strip_suffix(arena *a, const char *s, const char *suffix)
{
    size_t n = s ? strlen(s) : 0, k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0 ? arena_strndup(a, s, n - k) : s;
}

/* A phone as typed -> 11 digits, or NULL when it is no mainland mobile number. */
static const char *phone_norm(arena *a, const char *s)
{
    char d[24];
    size_t n = 0;
    for (; *s && n < sizeof d - 1; s++)
        if (*s >= '0' && *s <= '9')
            d[n++] = *s;
        else if (*s != ' ' && *s != '-' && *s != '+' && !(*s == '(' || *s == ')'))
            return NULL;
    d[n] = '\0';
    const char *p = d;
    if (n == 13 && strncmp(d, "86", 2) == 0)
        p += 2;
    return person_phone_valid(p) ? arena_strdup(a, p) : NULL;
}

static const char *relation_norm(arena *a, const char *s)
{
    static const char *const owner[] = {"户主", "本人", "业主", "房主", "owner", "head", "self", NULL};
    static const char *const tenant[] = {"租户", "租客", "承租人", "租住", "tenant", NULL};
    if (s == NULL)
        return NULL; /* none said: an existing membership keeps its relation, a new one is family */
    const char *f = header_fold(a, s);
    for (int i = 0; owner[i]; i++)
        if (strcmp(f, owner[i]) == 0)
            return "owner";
    for (int i = 0; tenant[i]; i++)
        if (strcmp(f, tenant[i]) == 0)
            return "tenant";
    return "family";
}

static int too_long(const char *s, size_t max)
{
    return s && utf8_count(s, strlen(s)) > max;
}

/* One row's fields, checked; err_col/err_code set on the first fault. */
static void read_row(arena *a, const struct sheet_row *sr, const int col[RF_COUNT], struct st_roster_row *r)
{
    const char *v[RF_COUNT];
    for (int f = 0; f < RF_IDCARD; f++) /* the ID number is never read */
        v[f] = cell_text(a, sr, col[f]);
    r->row_no = sr->num;
    r->grid = v[RF_GRID];
    r->building = v[RF_BUILDING];
    r->unit = strip_suffix(a, strip_suffix(a, v[RF_UNIT], "单元"), "單元");
    r->room = strip_suffix(a, strip_suffix(a, v[RF_ROOM], "室"), "号");
    r->name = v[RF_NAME];
    r->note = v[RF_NOTE];
    r->relation = relation_norm(a, v[RF_RELATION]);
    r->phone = v[RF_PHONE];
    static const int text_fields[] = {RF_GRID, RF_BUILDING, RF_UNIT, RF_ROOM, RF_NAME};
    int bad = -1;
    const char *code = NULL;
    for (size_t i = 0; bad < 0 && i < sizeof text_fields / sizeof *text_fields; i++)
        if (too_long(v[text_fields[i]], ROSTER_TEXT_MAX) || (v[text_fields[i]] && strpbrk(v[text_fields[i]], "\r\n/")))
            bad = text_fields[i], code = "roster_text_invalid";
    if (bad < 0 && too_long(r->note, ROSTER_NOTE_MAX))
        bad = RF_NOTE, code = "roster_text_invalid";
    if (bad < 0 && r->grid == NULL)
        bad = RF_GRID, code = "roster_grid_required";
    if (bad < 0 && r->building == NULL)
        bad = RF_BUILDING, code = "roster_building_required";
    if (bad < 0 && r->room == NULL)
        bad = RF_ROOM, code = "roster_room_required";
    if (bad < 0 && r->phone && (r->phone = phone_norm(a, r->phone)) == NULL)
        bad = RF_PHONE, code = "roster_phone_invalid";
    if (bad < 0 && r->name && r->phone == NULL)
        bad = RF_PHONE, code = "roster_phone_required";
    if (bad < 0 && r->phone && r->name == NULL)
        bad = RF_NAME, code = "roster_name_required";
    if (bad >= 0) {
        char name[8];
        r->err_code = code;
        r->err_col = col[bad] >= 0 ? arena_printf(a, "%s", sheet_col_name(col[bad], name)) : NULL;
        r->err_col = arena_printf(a, "%s%s%s", r->err_col ? r->err_col : "", r->err_col ? " " : "", g_field_names[bad]);
    }
}

#define HEADER_ROWS_MAX 10 /* a title or two may stand above the header */

int roster_read_rows(dctx *c, const struct sheet *sh, struct st_roster_row **rows, int *n, json_t **columns)
{
    int col[RF_COUNT], h = 0;
    *n = 0;
    *columns = NULL;
    for (; h < sh->nrows && h < HEADER_ROWS_MAX; h++) {
        json_decref(*columns);
        *columns = map_columns(c->a, &sh->rows[h], col);
        if (col[RF_BUILDING] >= 0 && col[RF_ROOM] >= 0 && col[RF_GRID] >= 0)
            break;
    }
    if (h == sh->nrows || h == HEADER_ROWS_MAX || h + 1 >= sh->nrows) {
        json_decref(*columns);
        *columns = NULL;
        return dctx_fail(c, WG_EINVAL, h + 1 >= sh->nrows && h < sh->nrows ? "roster_no_rows" : "roster_columns_missing",
                         "file");
    }
    *n = sh->nrows - h - 1;
    *rows = arena_calloc(c->a, (size_t)*n * sizeof **rows);
    for (int i = 0; i < *n; i++) {
        struct st_roster_row *r = &(*rows)[i];
        r->seq = i;
        read_row(c->a, &sh->rows[h + 1 + i], col, r);
    }
    return 0;
}
