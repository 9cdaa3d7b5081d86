/* libxml2 opened on first need (see xmllib.h). */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "rulebook.h"
#include "mem/xml_mem.h"
#include "xmllib.h"
#include "pool.h"

#ifndef RB_LIBXML2
#define RB_LIBXML2 "libxml2.so.2"
#endif

struct rb_xml_funcs rb_xml;
const char *rb_libxml2 = RB_LIBXML2;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t loaded = PTHREAD_COND_INITIALIZER;
/* 0 not yet, 1 loading, 2 loaded, 3 failed, 4 asked of the pool but not
 * yet taken (whoever needs it first loads it: the pool's threads may all
 * be busy with work that waits for it) */
static int state;
static char failure[256];

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

/* Load it unless it is loaded or loading (under lock; returns under
 * lock): the lock is not held while the library loads. */
static void
load_here(void)
{
	int s;

	if (state != 0 && state != 4)
		return;
	state = 1;
	pthread_mutex_unlock(&lock);
	s = load();
	pthread_mutex_lock(&lock);
	state = s;
	pthread_cond_broadcast(&loaded);
}

static void
load_task(void *ctx, size_t i)
{
	(void)ctx;
	(void)i;
	pthread_mutex_lock(&lock);
	load_here();
	pthread_mutex_unlock(&lock);
}

/* Loaded on one of the pool's threads, detached: nobody has to wait for
 * it (a build that fails before it renders does not). */
void
rb_xml_preload(int now)
{
	int start;

	if (now) {
		rb_xml_load(NULL);	/* a failure is reported when rendering */
		return;
	}
	pthread_mutex_lock(&lock);
	start = state == 0;
	if (start)
		state = 4;
	pthread_mutex_unlock(&lock);
	if (start)
		rb_pool_detach(rb_pool_start(1, 1, load_task, NULL));
}

int
rb_xml_load(const char **why)
{
	int s;

	pthread_mutex_lock(&lock);
	load_here();
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
