/* Random tokens (see token.h). */
#include "core/token.h"

#include <sodium.h>
#include <string.h>

void token_random(char out[TOKEN_HEX + 1])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, TOKEN_HEX + 1, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
}

int token_raw(const char *token, unsigned char raw[32])
{
    size_t len = 0;
    if (token == NULL || strlen(token) != TOKEN_HEX)
        return -1;
    if (sodium_hex2bin(raw, 32, token, TOKEN_HEX, NULL, &len, NULL) != 0 || len != 32)
        return -1;
    return 0;
}
