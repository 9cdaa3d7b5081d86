/* Depth-first walk with enter/leave events, without recursion. */
#include "rulebook.h"

void
rb_walker_init(rb_walker *w, rb_node *root)
{
	w->root = root;
	w->cur = NULL;
	w->ev = RB_EV_NONE;
}

rb_event
rb_walker_next(rb_walker *w)
{
	rb_node *n = w->cur;

	if (w->ev == RB_EV_NONE) {
		if (!w->root)
			return RB_EV_NONE;
		w->cur = w->root;
		return w->ev = RB_EV_ENTER;
	}
	if (w->ev == RB_EV_ENTER && n->first) {
		w->cur = n->first;
		return w->ev = RB_EV_ENTER;
	}
	if (w->ev == RB_EV_ENTER) {
		/* a leaf: leave it */
		return w->ev = RB_EV_LEAVE;
	}
	if (n == w->root) {
		w->cur = NULL;
		return w->ev = RB_EV_NONE;
	}
	if (n->next) {
		w->cur = n->next;
		return w->ev = RB_EV_ENTER;
	}
	w->cur = n->parent;
	return w->ev = RB_EV_LEAVE;
}

void
rb_walker_skip(rb_walker *w)
{
	if (w->ev == RB_EV_ENTER)
		w->ev = RB_EV_LEAVE;
}
