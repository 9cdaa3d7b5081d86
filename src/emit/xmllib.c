/* libxml2 opened on first need (see xmllib.h). */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rulebook.h"
#include "xmllib.h"

#ifndef RB_LIBXML2
#define RB_LIBXML2 "libxml2.so.2"
#endif

struct rb_xml_funcs rb_xml;
const char *rb_libxml2 = RB_LIBXML2;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t loaded = PTHREAD_COND_INITIALIZER;
static int state;		/* 0 not yet, 1 loading on a thread, 2 loaded, 3 failed */
static char failure[256];

/* ---- libxml2's memory ----
 *
 * libxml2's writer allocates and frees three small blocks for every
 * element (its stack entry, a copy of the name, a list link): through
 * malloc that was a sixth of DocBook's instructions.  Here small blocks
 * come from per-thread lists by size class, refilled from 16 kB chunks;
 * a block freed goes to the freeing thread's list.  Chunks stay for the
 * process (libxml2 holds few blocks at a time: a writer's open elements;
 * a thread that ends leaves at most its chunk's rest unused) and are
 * listed globally, so that they stay reachable after a thread ends.
 * Larger blocks go to malloc. */

#define XA_HDR 16		/* before a block: its class (XA_BIG: malloc's) */
#define XA_CLASSES 7		/* 32 … 2048 bytes with the header */
#define XA_BIG ((size_t)-1)
#define XA_CHUNK ((size_t)16 << 10)

struct xa_free_block {
	struct xa_free_block *next;
};

static _Thread_local struct xa_free_block *xa_lists[XA_CLASSES];
static _Thread_local char *xa_cur, *xa_end;
static pthread_mutex_t xa_lock = PTHREAD_MUTEX_INITIALIZER;
static void *xa_chunks;		/* every chunk, linked by its first word */

static size_t
xa_size(size_t k)
{
	return (size_t)32 << k;
}

void *
rb_xml_malloc(size_t n)
{
	size_t k = 0;
	char *p;

	if (n > xa_size(XA_CLASSES - 1) - XA_HDR) {
		if (!(p = malloc(n + XA_HDR)))
			return NULL;
		*(size_t *)p = XA_BIG;
		return p + XA_HDR;
	}
	while (xa_size(k) - XA_HDR < n)
		k++;
	if (xa_lists[k]) {
		p = (char *)xa_lists[k];
		xa_lists[k] = xa_lists[k]->next;
	} else {
		if ((size_t)(xa_end - xa_cur) < xa_size(k)) {
			char *c = malloc(XA_CHUNK);

			if (!c)
				return NULL;
			pthread_mutex_lock(&xa_lock);
			*(void **)c = xa_chunks;
			xa_chunks = c;
			pthread_mutex_unlock(&xa_lock);
			xa_cur = c + XA_HDR;	/* the link's room */
			xa_end = c + XA_CHUNK;
		}
		p = xa_cur;
		xa_cur += xa_size(k);
	}
	*(size_t *)p = k;
	return p + XA_HDR;
}

void
rb_xml_free(void *q)
{
	char *p;
	size_t k;

	if (!q)
		return;
	p = (char *)q - XA_HDR;
	k = *(size_t *)p;
	if (k == XA_BIG) {
		free(p);
		return;
	}
	((struct xa_free_block *)p)->next = xa_lists[k];
	xa_lists[k] = (struct xa_free_block *)p;
}

void *
rb_xml_realloc(void *q, size_t n)
{
	char *p, *r;
	size_t k, have;

	if (!q)
		return rb_xml_malloc(n);
	p = (char *)q - XA_HDR;
	k = *(size_t *)p;
	if (k == XA_BIG) {
		if (!(r = realloc(p, n + XA_HDR)))
			return NULL;
		return r + XA_HDR;
	}
	have = xa_size(k) - XA_HDR;
	if (n <= have)
		return q;
	if (!(r = rb_xml_malloc(n)))
		return NULL;
	memcpy(r, q, have);
	rb_xml_free(q);
	return r;
}

char *
rb_xml_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = rb_xml_malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

static int
fail(void)
{
	const char *e = dlerror();

	snprintf(failure, sizeof(failure), "%s", e ? e : "cannot load it");
	return 3;
}

/* Open the library, find every function, initialise it: 2, or 3 with
 * the reason in failure. */
static int
load(void)
{
	static const struct {
		const char *name;
		size_t at;
	} fn[] = {
#define RB_XML_ENTRY(f) {#f, offsetof(struct rb_xml_funcs, f)},
		RB_XML_FUNCS(RB_XML_ENTRY)
#undef RB_XML_ENTRY
	};
	struct rb_xml_funcs got;
	void *h = dlopen(rb_libxml2, RTLD_LAZY | RTLD_LOCAL), *p;
	size_t i;

	if (!h)
		return fail();
	for (i = 0; i < sizeof(fn) / sizeof(fn[0]); i++) {
		if (!(p = dlsym(h, fn[i].name)))
			return fail();
		memcpy((char *)&got + fn[i].at, &p, sizeof(p));
	}
	/* before anything else of libxml2 allocates */
	if (got.xmlMemSetup(rb_xml_free, rb_xml_malloc, rb_xml_realloc, rb_xml_strdup) != 0)
		return fail();
	got.xmlInitParser();	/* once, before any thread uses it */
	rb_xml = got;
	return 2;
}

static void *
load_thread(void *arg)
{
	int s = load();

	(void)arg;
	pthread_mutex_lock(&lock);
	state = s;
	pthread_cond_broadcast(&loaded);
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* The thread is detached: nobody has to wait for it (a build that fails
 * before it renders does not), and it leaves nothing behind. */
void
rb_xml_preload(int now)
{
	pthread_attr_t a;
	pthread_t t;

	if (now) {
		rb_xml_load(NULL);	/* a failure is reported when rendering */
		return;
	}
	pthread_mutex_lock(&lock);
	if (state == 0 && pthread_attr_init(&a) == 0) {
		if (pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED) == 0 &&
		    pthread_create(&t, &a, load_thread, NULL) == 0)
			state = 1;
		pthread_attr_destroy(&a);
	}
	pthread_mutex_unlock(&lock);
}

int
rb_xml_load(const char **why)
{
	int s;

	pthread_mutex_lock(&lock);
	if (state == 0)
		state = load();	/* under the lock: another caller waits */
	while (state == 1)
		pthread_cond_wait(&loaded, &lock);
	s = state;
	pthread_mutex_unlock(&lock);
	if (s != 2 && why)
		*why = failure;
	return s == 2;
}

int
rb_xml_ready(rb_emit_ctx *c)
{
	const char *why;

	if (rb_xml_load(&why))
		return 0;
	rb_diag_report(c->d, RB_D_OUTPUT_WRITE, c->doc->source, 0, 0,
		       "cannot render without libxml2 (%s)", why);
	return -1;
}
