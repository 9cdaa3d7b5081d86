/* libxml2 opened on first need (see xmllib.h). */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "rulebook.h"
#include "mem/xml_mem.h"
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
