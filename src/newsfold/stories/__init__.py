"""Stories: copy groups joined into events, merged into one sourced story, with entities and
related stories."""
