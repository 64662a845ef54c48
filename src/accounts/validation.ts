// What the accounts service accepts as a username, nickname and password, as zod schemas, and
// the typed failures it returns. Nicknames are shown to other players, so they are normalized
// and limited to letters, digits and a few separators: no control, zero-width or bidi characters.

import { z } from 'zod';

export type AuthErrorCode =
  | 'auth/invalid_username'
  | 'auth/invalid_nickname'
  | 'auth/invalid_password'
  | 'auth/username_taken'
  | 'auth/invalid_credentials'
  | 'auth/token_invalid'
  | 'auth/token_expired';

export interface AuthFailure {
  readonly ok: false;
  readonly code: AuthErrorCode;
  readonly message: string;
}

export function authFailure(code: AuthErrorCode, message: string): AuthFailure {
  return { ok: false, code, message };
}

/** 3–24 ASCII letters, digits, `_`, `.` or `-`, starting with a letter, digit or `_`. Unique case-insensitively. */
export const usernameSchema = z
  .string()
  .min(3, 'username must be at least 3 characters')
  .max(24, 'username must be at most 24 characters')
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, 'username may use letters, digits, "_", "." and "-" only');

/**
 * 1–24 characters after trimming and collapsing runs of spaces: letters (any script), combining
 * marks, digits, spaces and `_ . ' -`, starting with a letter or digit.
 */
export const nicknameSchema = z
  .string()
  .max(200, 'nickname is too long')
  .transform((s) => s.normalize('NFC').trim().replace(/\s+/gu, ' '))
  .pipe(
    z
      .string()
      .min(1, 'nickname must not be empty')
      .max(24, 'nickname must be at most 24 characters')
      .regex(
        /^[\p{L}\p{N}][\p{L}\p{M}\p{N} _.'-]*$/u,
        "nickname may use letters, digits, spaces and _ . ' - only",
      ),
  );

/** 8–128 characters, anything printable; the upper bound caps the work one login can cause. */
export const passwordSchema = z
  .string()
  .min(8, 'password must be at least 8 characters')
  .max(128, 'password must be at most 128 characters')
  .regex(/^[^\p{Cc}]*$/u, 'password must not contain control characters');

/** The first issue's message, for a typed failure. Never echoes the input (it may be a password). */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'invalid input';
}
