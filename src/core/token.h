/*
 * Random tokens: 256 bits from libsodium, written as 64 hex digits
 * (sessions, anonymous visitors, registration keys, meeting sign-in codes).
 */
#ifndef WG_CORE_TOKEN_H
#define WG_CORE_TOKEN_H

#define TOKEN_HEX 64

/* A fresh random token in out (TOKEN_HEX digits and a NUL). */
void token_random(char out[TOKEN_HEX + 1]);
/* The 32 bytes of a token; 0, or -1 when it is not TOKEN_HEX hex digits. */
int token_raw(const char *token, unsigned char raw[32]);

#endif
