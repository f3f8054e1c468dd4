/** The errors a login can end with, apart from the API's own: small, so that a page that never logs in still can test for them. */

/** A failed login: the login page's `error` and `error_description`. */
export class LoginError extends Error {
  constructor(
    readonly error: string,
    readonly error_description: string | undefined,
  ) {
    super(`[${error}] ${error_description ?? ''}`.trim());
    this.name = 'LoginError';
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
  }
}
