#ifndef CBSCORE_LIBXML2_SHIM_H
#define CBSCORE_LIBXML2_SHIM_H

#include <stdint.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/SAX2.h>
#include <libxml/xmlversion.h>

// ---------------------------------------------------------------------------------------
// libxml2 versions. The wrapper builds against 2.9.14 (Debian 12) up to the current
// releases (checked with 2.13 and 2.14). What differs is kept to this file:
//  - 2.12 made the structured error handler take `const xmlError *`: Swift implements one
//    `cbscore_error_handler`, and the shim relays to it with the library's own signature;
//  - 2.13 added a per-context parser error handler (`xmlCtxtSetErrorHandler`); before it,
//    parser errors reach the SAX handler's `serror` with the schema plug as user data;
//  - 2.14 added `xmlCtxtIsStopped` and `xmlCtxtGetStatus` for the parser's state.
// The parser's input buffer (`base`, `cur`, `consumed`, `line`, `col` of `xmlParserInput`)
// is read directly: positions are found by walking back in it from the current character,
// and no public function hands out more than the current line of it (2.15's
// `xmlCtxtGetInputWindow`). These members are public and unchanged from 2.9 to 2.14.
// ---------------------------------------------------------------------------------------

#if LIBXML_VERSION >= 21200
typedef const xmlError *cbscore_library_error;
#else
typedef xmlErrorPtr cbscore_library_error;
#endif

/// The libxml2 release the wrapper was compiled against (LIBXML_VERSION, e.g. 21406).
static inline int cbscore_libxml2_version(void) { return LIBXML_VERSION; }

/// The one signature cbscore's error handler has, whatever the library's.
typedef void (*cbscore_error_handler)(void *context, const xmlError *error);

/// Where errors go: kept at a fixed address for as long as libxml2 may report through it.
typedef struct {
    cbscore_error_handler handler;
    void *context;
} cbscore_error_route;

static void cbscore_relay_error(void *route, cbscore_library_error error) {
    const cbscore_error_route *r = (const cbscore_error_route *)route;
    if (r == NULL || r->handler == NULL || error == NULL) return;
    r->handler(r->context, error);
}

static inline void cbscore_route_schema_parser_errors(xmlSchemaParserCtxtPtr parser, cbscore_error_route *route) {
    xmlSchemaSetParserStructuredErrors(parser, cbscore_relay_error, route);
}

static inline void cbscore_route_validation_errors(xmlSchemaValidCtxtPtr validation, cbscore_error_route *route) {
    xmlSchemaSetValidStructuredErrors(validation, cbscore_relay_error, route);
}


// The last `c` in the `n` bytes at `s`: glibc's memrchr (vectorised; declared by <string.h>
// only under _GNU_SOURCE), a plain loop elsewhere.
#if defined(__GLIBC__)
void *memrchr(const void *s, int c, size_t n);
static inline const void *cbscore_memrchr(const void *s, int c, size_t n) { return memrchr(s, c, n); }
#else
static inline const void *cbscore_memrchr(const void *s, int c, size_t n) {
    const unsigned char *p = (const unsigned char *)s + n;
    while (p > (const unsigned char *)s) if (*--p == (unsigned char)c) return p;
    return NULL;
}
#endif

// ---------------------------------------------------------------------------------------
// Line ends (XML 1.0 §2.11): a parser passes CR LF and a lone CR to the application as LF,
// but libxml2 counts lines by LF alone, so a file with CR-only line ends would be one long
// line. The reader normalises the bytes before libxml2 sees them (the same normalisation the
// parser does) for encodings where byte 0x0D is always CR (UTF-8 and the other
// ASCII-compatible ones); every position is then counted on LF.
// ---------------------------------------------------------------------------------------

/// Rewrites CR LF as LF and a lone CR as LF in place; returns the new length. `pendingCR`
/// carries a CR that ended the previous chunk (already written as LF), so an LF starting
/// this one is dropped.
static inline size_t cbscore_normalize_line_ends(unsigned char *bytes, size_t count, int *pendingCR) {
    size_t read = 0;
    if (*pendingCR && count > 0) {
        *pendingCR = 0;
        if (bytes[0] == '\n') read = 1;
    }
    const unsigned char *first = (const unsigned char *)memchr(bytes + read, '\r', count - read);
    if (first == NULL) {
        if (read == 0) return count;
        memmove(bytes, bytes + read, count - read);
        return count - read;
    }
    size_t write = 0;
    if (read != 0) {
        memmove(bytes, bytes + read, (size_t)(first - bytes) - read);
        write = (size_t)(first - bytes) - read;
    } else {
        write = (size_t)(first - bytes);
    }
    read = (size_t)(first - bytes);
    while (read < count) {
        unsigned char c = bytes[read++];
        if (c == '\r') {
            bytes[write++] = '\n';
            if (read < count) {
                if (bytes[read] == '\n') read++;
            } else {
                *pendingCR = 1;
            }
        } else {
            bytes[write++] = c;
        }
    }
    return write;
}

// ---------------------------------------------------------------------------------------
// Positions for a SAX parse.
//
// libxml2 reports a start tag once the whole tag has been read, while it is still in the
// input buffer: these functions find where its `<` stands, as (line << 24 | column).
// ---------------------------------------------------------------------------------------

static inline uint64_t cbscore_pack_position(long line, long column) {
    if (line < 1) line = 1;
    if (column < 1) column = 1;
    if (column > 0xFFFFFF) column = 0xFFFFFF;
    return ((uint64_t)line << 24) | (uint64_t)column;
}

// Line breaks in [from, to): memchr, as tags and the text between them rarely hold any.
static inline long cbscore_newlines(const xmlChar *from, const xmlChar *to) {
    long count = 0;
    for (const xmlChar *q = (const xmlChar *)memchr(from, '\n', (size_t)(to - from)); q != NULL && q < to;
         q = (const xmlChar *)memchr(q + 1, '\n', (size_t)(to - q - 1))) {
        count++;
    }
    return count;
}

// The column of `p`, counted in characters from its line's start when that start is still in
// the input buffer (or is the start of the file); 0 when it is not. libxml2's own running
// column drifts inside attribute values, so positions are counted here instead.
static inline long cbscore_column_in_buffer(xmlParserInputPtr in, const xmlChar *p) {
    long column = 1;
    const xmlChar *s = p;
    while (s > in->base && s[-1] != '\n') {
        s--;
        if ((*s & 0xC0) != 0x80) column++;
    }
    int atFileStart = (s == in->base) && (in->consumed == 0);
    if (s == in->base && !atFileStart) return 0;
    // A byte-order mark at the start of the file is not a column.
    if (atFileStart && p - s >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) column--;
    return column;
}

// The last start tag placed: where its `<` stands in the document (bytes from the start),
// its line and its column. Tags that share a line count their column from the one before.
typedef struct {
    unsigned long offset;
    long line;
    long column;
} cbscore_tag_cache;

// Where the `<` of the start tag that ends at the parser's current position stands. Walks
// back to the `<` (counting line breaks inside the tag), then to the line start or to the
// previous tag on the same line (counting characters). It runs for every element.
static inline uint64_t cbscore_tag_start(xmlParserCtxtPtr ctxt, cbscore_tag_cache *cache) {
    xmlParserInputPtr in = ctxt->input;
    if (in == NULL || in->cur == NULL || in->base == NULL) return cbscore_pack_position(1, 1);
    const xmlChar *base = in->base;
    const xmlChar *cur = in->cur;
    // memrchr (glibc, vectorised) finds the `<`; the tag rarely spans lines.
    const xmlChar *p = (*cur == '<') ? cur : (const xmlChar *)cbscore_memrchr(base, '<', (size_t)(cur - base));
    if (p == NULL) return cbscore_pack_position(in->line, in->col);
    long newlines = cbscore_newlines(p, cur);
    long line = in->line - newlines;
    unsigned long offset = in->consumed + (unsigned long)(p - base);
    // Counted from an earlier tag on the same line when there is one.
    if (cache->line == line && cache->offset < offset && cache->offset >= in->consumed) {
        long column = cache->column;
        for (const xmlChar *q = base + (cache->offset - in->consumed); q < p; q++) {
            if ((*q & 0xC0) != 0x80) column++;
        }
        cache->offset = offset;
        cache->column = column;
        return cbscore_pack_position(line, column);
    }
    long column = cbscore_column_in_buffer(in, p);
    if (column > 0) {
        cache->offset = offset;
        cache->line = line;
        cache->column = column;
        return cbscore_pack_position(line, column);
    }
    if (newlines != 0) return cbscore_pack_position(line, 1);
    long chars = 0;
    for (const xmlChar *q = p; q < cur; q++) if ((*q & 0xC0) != 0x80) chars++;
    return cbscore_pack_position(line, in->col - chars);
}

/// Where a pointer into the current input buffer stands: exact line (counted back from the
/// parser's line) and the column counted from the line start when it is in the buffer.
static inline uint64_t cbscore_position_of(xmlParserInputPtr in, const xmlChar *target) {
    long column = cbscore_column_in_buffer(in, target);
    return cbscore_pack_position(in->line - cbscore_newlines(target, in->cur), column > 0 ? column : 1);
}

/// Where a validity error raised at the parser's current position belongs: the named
/// attribute inside the start tag being reported (or the tag's `<`). Bit 63 is set when the
/// parser has just passed an end tag: the caller then points at the element it closed.
static inline uint64_t cbscore_error_position(xmlParserCtxtPtr ctxt, const char *attribute) {
    if (ctxt == NULL || ctxt->input == NULL || ctxt->input->cur == NULL || ctxt->input->base == NULL)
        return 0;
    xmlParserInputPtr in = ctxt->input;
    if (in->cur <= in->base) return 0;
    const xmlChar *p = in->cur - 1;
    while (p > in->base && *p != '<') p--;
    if (*p != '<') return 0;
    if (p[1] == '/') return cbscore_position_of(in, p) | ((uint64_t)1 << 63);
    if (attribute != NULL && attribute[0] != 0) {
        size_t length = strlen(attribute);
        for (const xmlChar *q = p + 1; q + length < in->cur; q++) {
            int spaceBefore = (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\n' || q[-1] == '\r');
            if (spaceBefore && memcmp(q, attribute, length) == 0) {
                const xmlChar *r = q + length;
                while (r < in->cur && (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')) r++;
                if (r < in->cur && *r == '=') return cbscore_position_of(in, q);
            }
        }
    }
    return cbscore_position_of(in, p);
}

/// Routes the parser's own (well-formedness) errors to `route`. From 2.13 the context has
/// its own handler. Before, the parser calls the SAX handler's `serror` with its user data,
/// which after the schema plug is the plug: the route then travels in the SAX handler's
/// `_private` (which libxml2 never touches) and the error's `ctxt` leads back to it.
#if LIBXML_VERSION < 21300
static void cbscore_parser_error_relay(void *userData, cbscore_library_error error) {
    (void)userData;
    if (error == NULL || error->ctxt == NULL) return;
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)error->ctxt;
    if (ctxt->sax == NULL) return;
    cbscore_relay_error(ctxt->sax->_private, error);
}
#endif

static inline void cbscore_route_parser_errors(xmlParserCtxtPtr ctxt, cbscore_error_route *route) {
    if (ctxt == NULL) return;
#if LIBXML_VERSION >= 21300
    xmlCtxtSetErrorHandler(ctxt, cbscore_relay_error, route);
#else
    if (ctxt->sax == NULL) return;
    ctxt->sax->_private = route;
    ctxt->sax->serror = cbscore_parser_error_relay;
#endif
}

// ---------------------------------------------------------------------------------------
// A SAX parse session: cbscore's handler, the schema validator plugged in front of it, and
// a push parser fed by the caller. No tree is built: the handler records what it needs.
// The plug keeps the addresses of `sax` and `user`, so a session stays where it was
// allocated until it is closed.
// ---------------------------------------------------------------------------------------

typedef struct {
    xmlSAXHandlerPtr sax;
    void *user;
    xmlSchemaSAXPlugPtr plug;
    xmlParserCtxtPtr ctxt;
    cbscore_error_route route;
} cbscore_sax_session;

// Schema errors raised from inside the parser's callbacks get the parser's current line
// (the reader places them more exactly itself; this is the fallback).
static int cbscore_schema_locator(void *ctx, const char **file, unsigned long *line) {
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ctx;
    if (file != NULL) *file = NULL;
    if (line != NULL) *line = (ctxt != NULL) ? (unsigned long)xmlSAX2GetLineNumber(ctxt) : 0;
    return 0;
}

/// Opens a session over `handler` (its `initialized` must be XML_SAX2_MAGIC) with `user` as
/// the callbacks' context. `first` is the document's first bytes (up to 4, for encoding
/// detection). Parser errors go to `onError(errorContext, error)` (schema errors go where
/// the caller routed the validation context's). Returns 0 on success;
/// on failure the caller still closes the session.
static inline int cbscore_session_open(cbscore_sax_session *s, xmlSAXHandlerPtr handler, void *user,
                                       xmlSchemaValidCtxtPtr validation, const char *first, int firstSize,
                                       int options, cbscore_error_handler onError, void *errorContext) {
    s->sax = handler;
    s->user = user;
    s->plug = NULL;
    s->ctxt = NULL;
    if (validation != NULL) {
        s->plug = xmlSchemaSAXPlug(validation, &s->sax, &s->user);
        if (s->plug == NULL) return -1;
    }
    s->ctxt = xmlCreatePushParserCtxt(s->sax, s->user, first, firstSize, NULL);
    if (s->ctxt == NULL) return -1;
    xmlCtxtUseOptions(s->ctxt, options);
    s->route.handler = onError;
    s->route.context = errorContext;
    cbscore_route_parser_errors(s->ctxt, &s->route);
    if (validation != NULL) xmlSchemaValidateSetLocator(validation, cbscore_schema_locator, s->ctxt);
    return 0;
}

static inline void cbscore_session_close(cbscore_sax_session *s) {
    if (s->ctxt != NULL) {
        xmlFreeParserCtxt(s->ctxt);
        s->ctxt = NULL;
    }
    if (s->plug != NULL) {
        xmlSchemaSAXUnplug(s->plug);
        s->plug = NULL;
    }
}

/// Feeds `size` bytes (`terminate` at the end of the document).
static inline void cbscore_session_feed(cbscore_sax_session *s, const char *bytes, int size, int terminate) {
    if (s->ctxt != NULL) (void)xmlParseChunk(s->ctxt, bytes, size, terminate);
}

/// True once the parser reads no further: stopped by the reader (`xmlStopParser`), or by a
/// fatal error (not well-formed, an encoding or I/O failure).
static inline int cbscore_parser_halted(xmlParserCtxtPtr ctxt) {
    if (ctxt == NULL) return 1;
#if LIBXML_VERSION >= 21400
    return xmlCtxtIsStopped(ctxt);
#else
    return ctxt->disableSAX != 0 || (ctxt->instate == XML_PARSER_EOF && ctxt->wellFormed == 0);
#endif
}

static inline void cbscore_session_stop(cbscore_sax_session *s) {
    if (s->ctxt != NULL && !cbscore_parser_halted(s->ctxt)) xmlStopParser(s->ctxt);
}

static inline int cbscore_session_halted(const cbscore_sax_session *s) {
    return cbscore_parser_halted(s->ctxt);
}

/// True when the document was well-formed as far as the parser went.
static inline int cbscore_session_well_formed(const cbscore_sax_session *s) {
    if (s->ctxt == NULL) return 0;
#if LIBXML_VERSION >= 21400
    return (xmlCtxtGetStatus(s->ctxt) & XML_STATUS_NOT_WELL_FORMED) == 0;
#else
    return s->ctxt->wellFormed == 1;
#endif
}

static inline int cbscore_parser_line(xmlParserCtxtPtr ctxt) {
    return ctxt != NULL ? xmlSAX2GetLineNumber(ctxt) : 0;
}

static inline int cbscore_parser_column(xmlParserCtxtPtr ctxt) {
    return ctxt != NULL ? xmlSAX2GetColumnNumber(ctxt) : 0;
}

/// Errors libxml2 raises with no parser to route them (encoding conversion failures,
/// "xmlParseChunk: encoder error") go to the per-thread generic handler, which prints to
/// stderr. This drops them; the reader still stops and reports the document as malformed.
static void cbscore_ignore_generic_error(void *ctx, const char *msg, ...) {
    (void)ctx;
    (void)msg;
}

static inline void cbscore_silence_unrouted_errors(void) {
    xmlSetGenericErrorFunc(NULL, cbscore_ignore_generic_error);
}

#endif
