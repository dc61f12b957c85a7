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

// xmlFree is a global function pointer; Swift 6 refuses to read mutable C globals from
// concurrent code, so it is called through this function instead.
static inline void cbscore_xmlFree(void *pointer) {
    xmlFree(pointer);
}

// ---------------------------------------------------------------------------------------
// Element positions and DOCTYPE refusal for an xmlTextReader.
//
// The reader hands out nodes after its parser has run ahead (it feeds 512-byte chunks), so
// the parser's current line and column say nothing exact about the node being read. These
// SAX hooks run at the moment the parser reports a start tag, when the whole tag is still in
// the input buffer: they record where its `<` stands in the node's `psvi` field (unused in
// SAX-mode schema validation) as (line << 24 | column).  The internal-subset hook stops the
// parser as soon as a DOCTYPE is seen, before any entity declaration is read.
// ---------------------------------------------------------------------------------------

// The reader's own start-element callback (the same static function for every reader).
static startElementNsSAX2Func cbscore_reader_start_element = NULL;

static inline uint64_t cbscore_pack_position(long line, long column) {
    if (line < 1) line = 1;
    if (column < 1) column = 1;
    if (column > 0xFFFFFF) column = 0xFFFFFF;
    return ((uint64_t)line << 24) | (uint64_t)column;
}

// Where the `<` of the start tag that ends at the parser's current position stands.
static inline uint64_t cbscore_tag_start(xmlParserCtxtPtr ctxt) {
    xmlParserInputPtr in = ctxt->input;
    if (in == NULL || in->cur == NULL || in->base == NULL) return cbscore_pack_position(1, 1);
    const xmlChar *cur = in->cur;
    const xmlChar *p = cur;
    while (p > in->base && *p != '<') p--;
    if (*p != '<') return cbscore_pack_position(in->line, in->col);
    long newlines = 0;
    long chars = 0;
    for (const xmlChar *q = p; q < cur; q++) {
        if (*q == '\n') { newlines++; chars = 0; }
        else if ((*q & 0xC0) != 0x80) chars++;
    }
    // libxml2's running column drifts inside attribute values, so count from the line start
    // when it is still in the buffer; the line count itself is exact.
    const xmlChar *s = p;
    while (s > in->base && s[-1] != '\n') s--;
    int atFileStart = (s == in->base) && (in->consumed == 0);
    if (s > in->base || atFileStart) {
        long column = 1;
        for (const xmlChar *q = s; q < p; q++) if ((*q & 0xC0) != 0x80) column++;
        // A byte-order mark at the start of the file is not a column.
        if (atFileStart && p - s >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) column--;
        return cbscore_pack_position(in->line - newlines, column);
    }
    return cbscore_pack_position(in->line - newlines, newlines == 0 ? in->col - chars : 1);
}

static void cbscore_start_element_hook(void *ctx, const xmlChar *localname,
                                       const xmlChar *prefix, const xmlChar *URI,
                                       int nb_namespaces, const xmlChar **namespaces,
                                       int nb_attributes, int nb_defaulted,
                                       const xmlChar **attributes) {
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ctx;
    startElementNsSAX2Func next = __atomic_load_n(&cbscore_reader_start_element, __ATOMIC_ACQUIRE);
    if (next != NULL) {
        next(ctx, localname, prefix, URI, nb_namespaces, namespaces, nb_attributes,
             nb_defaulted, attributes);
    }
    xmlNodePtr node = ctxt->node;
    if (node != NULL && node->type == XML_ELEMENT_NODE && node->name == localname) {
        node->psvi = (void *)(uintptr_t)cbscore_tag_start(ctxt);
    }
}

static void cbscore_internal_subset_hook(void *ctx, const xmlChar *name,
                                         const xmlChar *ExternalID, const xmlChar *SystemID) {
    (void)name; (void)ExternalID; (void)SystemID;
    xmlStopParser((xmlParserCtxtPtr)ctx);
}

// The first fields of libxml2's private `struct _xmlTextReader`, unchanged since 2.5.
struct cbscore_text_reader_prefix {
    int mode;
    xmlDocPtr doc;
    int validate;
    int allocs;
    int state;
    xmlParserCtxtPtr ctxt;
};

/// The parser context behind a reader (libxml2 offers no accessor). The reader sets the
/// context's `_private` to itself, which confirms the layout; NULL when it does not match.
static inline xmlParserCtxtPtr cbscore_reader_parser(xmlTextReaderPtr reader) {
    if (reader == NULL) return NULL;
    xmlParserCtxtPtr ctxt = ((struct cbscore_text_reader_prefix *)(void *)reader)->ctxt;
    if (ctxt == NULL || ctxt->_private != (void *)reader) return NULL;
    return ctxt;
}

/// Installs the hooks on the reader's own SAX handler; call before attaching the schema so
/// the validator's SAX plug forwards to them. Returns 0 on success.
static inline int cbscore_install_hooks(xmlParserCtxtPtr ctxt) {
    if (ctxt == NULL || ctxt->sax == NULL || ctxt->userData != (void *)ctxt) return -1;
    startElementNsSAX2Func current = ctxt->sax->startElementNs;
    if (current == NULL) return -1;
    if (current != cbscore_start_element_hook) {
        __atomic_store_n(&cbscore_reader_start_element, current, __ATOMIC_RELEASE);
        ctxt->sax->startElementNs = cbscore_start_element_hook;
    }
    ctxt->sax->internalSubset = cbscore_internal_subset_hook;
    return 0;
}

/// True when the parser was stopped by the DOCTYPE hook.
static inline int cbscore_parser_was_stopped(xmlParserCtxtPtr ctxt) {
    return ctxt != NULL && ctxt->errNo == XML_ERR_USER_STOP;
}

/// The packed start position the hook recorded for an element node, or 0.
static inline uint64_t cbscore_node_position(xmlNodePtr node) {
    if (node == NULL || node->type != XML_ELEMENT_NODE) return 0;
    return (uint64_t)(uintptr_t)node->psvi;
}

/// Where a pointer into the current input buffer stands: exact line (counted back from the
/// parser's line) and the column counted from the line start when it is in the buffer.
static inline uint64_t cbscore_position_of(xmlParserInputPtr in, const xmlChar *target) {
    long newlines = 0;
    for (const xmlChar *q = target; q < in->cur; q++) if (*q == '\n') newlines++;
    const xmlChar *s = target;
    while (s > in->base && s[-1] != '\n') s--;
    int atFileStart = (s == in->base) && (in->consumed == 0);
    if (s > in->base || atFileStart) {
        long column = 1;
        for (const xmlChar *q = s; q < target; q++) if ((*q & 0xC0) != 0x80) column++;
        if (atFileStart && target - s >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) column--;
        return cbscore_pack_position(in->line - newlines, column);
    }
    return cbscore_pack_position(in->line - newlines, 1);
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

/// The packed start position of the element the parser closed last, if it is named `name`.
static inline uint64_t cbscore_last_closed_position(xmlParserCtxtPtr ctxt, const char *name) {
    if (ctxt == NULL || ctxt->node == NULL) return 0;
    xmlNodePtr last = ctxt->node->last;
    if (last == NULL || last->type != XML_ELEMENT_NODE || last->name == NULL) return 0;
    if (name != NULL && strcmp((const char *)last->name, name) != 0) return 0;
    return cbscore_node_position(last);
}

/// The name of the element that holds the element `name` the parser has just started
/// (NULL when unknown): for "this element is not expected" messages, which omit it.
static inline const char *cbscore_parent_name(xmlParserCtxtPtr ctxt, const char *name) {
    if (ctxt == NULL || ctxt->node == NULL) return NULL;
    xmlNodePtr node = ctxt->node;
    if (name != NULL && node->name != NULL && strcmp((const char *)node->name, name) == 0) {
        node = node->parent;
    }
    if (node == NULL || node->type != XML_ELEMENT_NODE) return NULL;
    return (const char *)node->name;
}

/// Routes the parser's own (well-formedness) errors to `handler` with `context`. After the
/// schema plug, the parser passes the plug as user data, so the context travels in the SAX
/// handler's `_private` (which libxml2 never touches) and the shim relays from there.
static void cbscore_parser_error_relay(void *userData, xmlErrorPtr error) {
    (void)userData;
    if (error == NULL || error->ctxt == NULL) return;
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)error->ctxt;
    if (ctxt->sax == NULL || ctxt->sax->_private == NULL) return;
    void **route = (void **)ctxt->sax->_private;
    ((xmlStructuredErrorFunc)route[0])(route[1], error);
}

static inline void cbscore_route_parser_errors(xmlParserCtxtPtr ctxt, void **route) {
    if (ctxt == NULL || ctxt->sax == NULL) return;
    ctxt->sax->_private = route;
    ctxt->sax->serror = cbscore_parser_error_relay;
}

static inline int cbscore_parser_line(xmlParserCtxtPtr ctxt) {
    return (ctxt != NULL && ctxt->input != NULL) ? ctxt->input->line : 0;
}

static inline int cbscore_parser_column(xmlParserCtxtPtr ctxt) {
    return (ctxt != NULL && ctxt->input != NULL) ? ctxt->input->col : 0;
}

#endif
