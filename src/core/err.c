#include "core/err.h"

const char *wg_err_name(int err)
{
    switch (err) {
    case WG_OK: return "ok";
    case WG_EINVAL: return "invalid";
    case WG_ENOTFOUND: return "not_found";
    case WG_EPERM: return "forbidden";
    case WG_ECONFLICT: return "conflict";
    case WG_ETOOBIG: return "too_big";
    case WG_EDB: return "store_error";
    case WG_ERATE: return "rate_limited";
    case WG_EAUTH: return "unauthenticated";
    case WG_EFULL: return "disk_full";
    case WG_EMEDIA: return "unsupported_media_type";
    }
    return "unknown";
}
