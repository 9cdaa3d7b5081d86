/* The 禁则 table (CONVENTIONS.md, plain-text typesetting): a line may not
 * start with ，。、；：？！）］｝〕〉》」』】〗”’·…%‰℃ nor end with
 * （［｛〔〈《「『【〖“‘.  The half-width forms of the same marks (, . ; : ?
 * ! ) ] } ( [ {) and ．％・ count as theirs. */
#include "text/kinsoku.h"

/* Both sets as switches: the compiler makes a search of them, where a
 * scan of the list cost a hundred instructions a character. */
int
rb_kinsoku_no_start(uint32_t cp)
{
	switch (cp) {
	case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF1F:
	case 0xFF01: case 0xFF09: case 0xFF3D: case 0xFF5D: case 0x3015: case 0x3009:
	case 0x300B: case 0x300D: case 0x300F: case 0x3011: case 0x3017: case 0x201D:
	case 0x2019: case 0x00B7: case 0x2026: case 0x0025: case 0x2030: case 0x2103:
	case 0xFF0E: case 0xFF05: case 0x30FB:
	case ',': case '.': case ';': case ':': case '?': case '!': case ')': case ']':
	case '}':
		return 1;
	default:
		return 0;
	}
}

int
rb_kinsoku_no_end(uint32_t cp)
{
	switch (cp) {
	case 0xFF08: case 0xFF3B: case 0xFF5B: case 0x3014: case 0x3008: case 0x300A:
	case 0x300C: case 0x300E: case 0x3010: case 0x3016: case 0x201C: case 0x2018:
	case '(': case '[': case '{':
		return 1;
	default:
		return 0;
	}
}
