#ifndef CBSCORE_LIBXML2_SHIM_H
#define CBSCORE_LIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>

// xmlFree is a global function pointer; Swift 6 refuses to read mutable C globals from
// concurrent code, so it is called through this function instead.
static inline void cbscore_xmlFree(void *pointer) {
    xmlFree(pointer);
}

#endif
