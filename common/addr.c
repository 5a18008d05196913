/*
 * addr.c - e-mail address check; see addr.h.
 */
#include "common/addr.h"

#include <string.h>

bool
addr_email_ok(const char *e)
{
	const char	*at = strchr(e, '@');
	size_t		 i, len = strlen(e);

	if (at == NULL || at == e || strchr(at + 1, '@') != NULL ||
	    strchr(at, '.') == NULL || at[1] == '.' || len > 254 ||
	    e[len - 1] == '.')
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)e[i] <= 0x20 || (unsigned char)e[i] >= 0x7f ||
		    strchr("<>()[],;:\\\"", e[i]) != NULL)
			return false;
	return true;
}
