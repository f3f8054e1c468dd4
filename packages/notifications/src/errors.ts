/** What went wrong, for code that reacts to some problems and not others. */
export type NotificationsErrorCode =
  | 'invalid-option'
  | 'invalid-topic'
  | 'too-many-topics'
  | 'topic-rejected'
  | 'closed'
  | 'aborted'
  | 'connect-failed'
  | 'socket-lost'
  | 'reconnect-failed'
  | 'renewal-failed'
  | 'handler-failed'
  | 'events-dropped'
  | 'bad-frame'
  | 'websocket-unavailable';

/** Every error this package raises or reports on `error`. Messages never carry the access token. */
export class NotificationsError extends Error {
  override readonly name = 'NotificationsError';
  readonly code: NotificationsErrorCode;

  constructor(code: NotificationsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The HTTP status of a failed REST call (`ApiError` of @gcsdk/core), if it has one. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
