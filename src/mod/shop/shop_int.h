/* What the shop module's files share (private to mod/shop/). */
#ifndef WG_MOD_SHOP_INT_H
#define WG_MOD_SHOP_INT_H

#include "mod/shop/shop.h"

enum { SHOP_SET_QUARTER_DAYS, SHOP_SET_POINT_YUAN };
extern const struct setting_def shop_settings[];
long shop_setting(dctx *c, const char *path, int which);

#endif
