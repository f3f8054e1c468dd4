/** The errors a login can end with, apart from the API's own: small, so that a page that never logs in still can test for them. */

// `instanceof` must hold across several installed copies of @gcsdk/core, as for the errors of
// errors.ts; a brand of their own keeps that module (and its redaction) out of a login-only page.
const LOGIN_BRAND = Symbol.for('gcsdk.login-error');

const brand = (error: Error, name: string) => Object.defineProperty(error, LOGIN_BRAND, { value: name, enumerable: false });
const hasBrand = (value: unknown, name: string) =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[LOGIN_BRAND] === name;

/** A failed login: the login page's `error` and `error_description` (`invalid_state` when the returned state is not the one sent). */
export class LoginError extends Error {
  constructor(
    readonly error: string,
    readonly error_description: string | undefined,
  ) {
    super(`[${error}] ${error_description ?? ''}`.trim());
    this.name = 'LoginError';
    brand(this, 'LoginError');
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, 'LoginError');
  }
}

/** A failure of the login popup itself (blocked, closed, timed out, a wrong identifier): `error` is a short code. */
export class AuthPopupError extends Error {
  constructor(
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuthPopupError';
    brand(this, 'AuthPopupError');
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, 'AuthPopupError');
  }
}
