/*
 * The demo's places: 武漢經開區 軍山街道 with 龍湖社區 (3 grids, 10 buildings)
 * and 鳳凰苑社區 (2 grids, 6 buildings), and three small communities with
 * no one registered yet (桃源, 青山, 長豐: one grid of two buildings each,
 * which enter the street's contest), six households in every building,
 * each with a floor area. Later modules' demo data find the places by key
 * (place_demo_id).
 */
#include <stdio.h>
#include <string.h>

#include "core/token.h"
#include "mod/place/place.h"

#define DAY 86400

struct key_id {
    char key[24];
    int64_t id;
};

/* the demo runs once per process (wugong demo, or a test's set-up) */
static struct key_id g_places[256];
static int g_n;

int64_t place_demo_id(const char *key)
{
    for (int i = 0; i < g_n; i++)
        if (strcmp(g_places[i].key, key) == 0)
            return g_places[i].id;
    return 0;
}

static int add_place(dctx *c, const char *key, const char *kind, const char *parent_key, const char *code,
                     const char *name, int64_t area_dm2)
{
    struct st_place p = {.kind = kind, .parent_id = parent_key ? place_demo_id(parent_key) : 0, .code = code,
                         .name = name, .area_dm2 = area_dm2, .created_at = c->now - 400 * DAY};
    char reg[TOKEN_HEX + 1];
    if (strcmp(kind, "building") == 0) {
        token_random(reg);
        reg[20] = '\0';
        p.reg_key = reg;
    }
    int rc = tree_insert(c->st, c->a, &p);
    if (rc)
        return rc;
    if (g_n < (int)(sizeof g_places / sizeof g_places[0])) {
        snprintf(g_places[g_n].key, sizeof g_places[g_n].key, "%s", key);
        g_places[g_n++].id = p.id;
    }
    return 0;
}

/* A community with grids of buildings of six households each. */
static int add_community(dctx *c, const char *ck, const char *code, const char *name, int ngrids,
                         const int *buildings_per_grid)
{
    int rc = add_place(c, ck, "community", "S", code, name, 0);
    int b = 0;
    for (int g = 1; rc == 0 && g <= ngrids; g++) {
        char gk[24], gcode[16], gname[32];
        snprintf(gk, sizeof gk, "%s.g%d", ck, g);
        snprintf(gcode, sizeof gcode, "%02d", g);
        snprintf(gname, sizeof gname, "第%d网格", g);
        rc = add_place(c, gk, "grid", ck, gcode, gname, 0);
        for (int i = 0; rc == 0 && i < buildings_per_grid[g - 1]; i++) {
            char bk[24], bcode[16], bname[32];
            b++;
            snprintf(bk, sizeof bk, "%s.b%d", ck, b);
            snprintf(bcode, sizeof bcode, "%05d", b);
            snprintf(bname, sizeof bname, "%d栋", b);
            rc = add_place(c, bk, "building", gk, bcode, bname, 0);
            for (int fl = 1; rc == 0 && fl <= 3; fl++)
                for (int u = 1; rc == 0 && u <= 2; u++) {
                    char hk[64], hcode[24], hname[64];
                    snprintf(hcode, sizeof hcode, "%d%02d", fl, u);
                    snprintf(hk, sizeof hk, "%s.%s", bk, hcode);
                    snprintf(hname, sizeof hname, "%d栋%s", b, hcode);
                    /* 65-120 m², varying by unit and building */
                    int64_t area = 6500 + (int64_t)((b * 7 + fl * 3 + u * 11) % 12) * 475;
                    rc = add_place(c, hk, "household", bk, hcode, hname, area);
                }
        }
    }
    return rc;
}

int place_demo(dctx *c);
int place_demo(dctx *c)
{
    static const int l_grids[] = {4, 3, 3}, f_grids[] = {3, 3}, small[] = {2};
    int rc;
    g_n = 0;
    if ((rc = add_place(c, "D", "district", NULL, "420113", "武汉经开区", 0)) ||
        (rc = add_place(c, "S", "street", "D", "420113003", "军山街道", 0)) ||
        (rc = add_community(c, "L", "420113003001", "龙湖社区", 3, l_grids)) ||
        (rc = add_community(c, "F", "420113003002", "凤凰苑社区", 2, f_grids)) ||
        (rc = add_community(c, "T", "420113003003", "桃源社区", 1, small)) ||
        (rc = add_community(c, "Q", "420113003004", "青山社区", 1, small)) ||
        (rc = add_community(c, "C", "420113003005", "长丰社区", 1, small)))
        return rc;
    return 0;
}
