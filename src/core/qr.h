/*
 * QR codes as SVG (for sharing a page's link on paper), via libqrencode.
 *
 * Ownership: the SVG lives in the caller's arena; text is only read.
 */
#ifndef WG_QR_H
#define WG_QR_H

#include "core/arena.h"

/* An SVG document of a QR code for the NUL-terminated text: error correction
 * level M, 8-bit mode, smallest version that fits, a 4-module quiet zone, a
 * white background rect and one black <path> of the dark modules, with a
 * viewBox in module units and width/height of module_px (1..64) per module.
 * Returns 0, or WG_EINVAL (empty or too long text, bad module_px, encoder
 * failure; *svg_out is then NULL). */
int qr_svg(arena *a, const char *text, int module_px, const char **svg_out);

#endif
