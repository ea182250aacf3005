/*
 * One error convention for the whole program: functions return 0 on success
 * or one of these negative codes. Callers map them to HTTP statuses at the
 * edge (http/, web/, api/); nothing below the edge knows about statuses.
 */
#ifndef WG_ERR_H
#define WG_ERR_H

enum wg_err {
    WG_OK = 0,
    WG_EINVAL = -1,    /* the input is malformed or breaks a rule */
    WG_ENOTFOUND = -2, /* no such thing, or not visible to this actor */
    WG_EPERM = -3,     /* visible, but this actor may not do that */
    WG_ECONFLICT = -4, /* the state changed or a uniqueness rule holds */
    WG_ETOOBIG = -5,   /* a size or count limit was reached */
    WG_EDB = -6,       /* the store failed */
    WG_ERATE = -7,     /* rate limited */
    WG_EAUTH = -8,     /* sign-in required or failed */
    WG_EFULL = -9,     /* the disk is full: writes refused, reads go on */
    WG_EMEDIA = -10,   /* content of a type that is not accepted (an upload) */
};

/* A stable lowercase name of an error code, for logs. */
const char *wg_err_name(int err);

#endif
