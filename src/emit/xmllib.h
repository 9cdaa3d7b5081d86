/* libxml2, loaded when a format that writes with it is rendered.
 *
 * libxml2 brings ICU and the C++ runtime: linked, they cost every run
 * about 4 ms before main (mapping, relocating and initialising them) —
 * as long as the rest of a check of a small law takes.  So the program
 * does not link libxml2; rb_xml_load opens it (the soname the headers
 * belong to, found at build time) and fills rb_xml with the functions the
 * emitters use.  rb_xml_preload does it at once or starts it on a thread
 * of its own (a build asking for HTML or DocBook of a large document
 * loads it while the document's tree is built).  Emitters that use rb_xml
 * have rb_xml_ready as their ready hook. */
#ifndef RB_XMLLIB_H
#define RB_XMLLIB_H

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlwriter.h>

#include "rulebook.h"

#define RB_XML_FUNCS(X) \
	X(xmlMemSetup) \
	X(xmlInitParser) \
	X(xmlEncodeSpecialChars) \
	X(xmlOutputBufferCreateIO) \
	X(xmlOutputBufferClose) \
	X(xmlNewTextWriter) \
	X(xmlFreeTextWriter) \
	X(xmlTextWriterFlush) \
	X(xmlTextWriterStartDocument) \
	X(xmlTextWriterEndDocument) \
	X(xmlTextWriterStartElement) \
	X(xmlTextWriterEndElement) \
	X(xmlTextWriterWriteAttribute) \
	X(xmlTextWriterWriteAttributeNS) \
	X(xmlTextWriterStartAttribute) \
	X(xmlTextWriterEndAttribute) \
	X(xmlTextWriterWriteString) \
	X(xmlTextWriterWriteRaw) \
	X(xmlTextWriterWriteRawLen)

struct rb_xml_funcs {
#define RB_XML_MEMBER(f) __typeof__(f) *f;
	RB_XML_FUNCS(RB_XML_MEMBER)
#undef RB_XML_MEMBER
};

/* The library opened: the soname found at build time (a test may name
 * another before the first load). */
extern const char *rb_libxml2;

/* Valid once rb_xml_load has returned 1. */
extern struct rb_xml_funcs rb_xml;

/* Load libxml2 (or wait for rb_xml_preload's thread to have); 1 when it
 * is there, else 0 with *why saying what failed. */
int rb_xml_load(const char **why);

/* Load libxml2 now, or start loading it on a thread (the emitters'
 * preload hook). */
void rb_xml_preload(int now);

/* The emitters' ready hook: rb_xml_load, or -1 with a diagnostic. */
int rb_xml_ready(rb_emit_ctx *c);

#endif
