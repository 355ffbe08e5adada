#ifndef CIVICGUARD_CPCRE2_SHIM_H
#define CIVICGUARD_CPCRE2_SHIM_H

/* pcre2.h selects its code-unit width from this macro, which must be set before the include;
   compiler flags from the package manifest do not reach a system-library target. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* Macros Swift cannot import, as functions. */
static inline PCRE2_SIZE cg_pcre2_unset(void) { return PCRE2_UNSET; }
static inline PCRE2_SIZE cg_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }

#endif
