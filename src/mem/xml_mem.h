/* The memory layer's libxml2 face (xml_mem.c): the allocator handed to
 * libxml2 (xmlMemSetup) when the emitters load it. */
#ifndef RB_MEM_XML_MEM_H
#define RB_MEM_XML_MEM_H

#include <stddef.h>

/* Small blocks from per-thread lists by size, the rest from malloc;
 * rb_xml_free frees what libxml2 hands out (its xmlFree).  NULL when
 * memory is out, as libxml2 expects. */
void *rb_xml_malloc(size_t n);
void *rb_xml_realloc(void *p, size_t n);
char *rb_xml_strdup(const char *s);
void rb_xml_free(void *p);

#endif
