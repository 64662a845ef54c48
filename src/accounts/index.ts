// Public index of the accounts module.
export { AccountsService, type AccountsServiceOptions, type Session } from './accounts-service.js';
export {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  verifyPassword,
  type ScryptParams,
} from './passwords.js';
export {
  SessionTokens,
  type SessionTokenOptions,
  type TokenClaims,
  type TokenVerification,
} from './tokens.js';
export {
  authFailure,
  nicknameSchema,
  passwordSchema,
  usernameSchema,
  type AuthErrorCode,
  type AuthFailure,
} from './validation.js';
