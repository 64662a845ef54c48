// What a table may be called. Names are shown to every player in the lobby, so they are limited to
// letters, digits, spaces and common punctuation: no control characters, no bidirectional overrides
// that would make one table look like another, no leading space or symbol.

export const TABLE_NAME_MAX_LENGTH = 64;

/** Starts with a letter or digit; then letters, digits, spaces and `'’.,:;#&()_!?+-`. */
export const TABLE_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}\p{Zs}'’.,:;#&()_!?+-]*$/u;

export const TABLE_NAME_RULE = 'table names use letters, digits, spaces and common punctuation';
