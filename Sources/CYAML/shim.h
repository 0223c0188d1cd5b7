#include <yaml.h>

/* libyaml's own free (api.c): exported like the rest of its API but declared
 * only in its private header. The reader frees the strings of the events it
 * handles most with it, as yaml_event_delete would, without the clearing of
 * the whole event that yaml_event_delete adds (Builder.swift, Builder.release). */
YAML_DECLARE(void) yaml_free(void *ptr);
