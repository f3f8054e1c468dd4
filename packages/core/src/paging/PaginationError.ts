import { GcsdkError } from '../errors.js';

/** What went wrong while paging. */
export type PaginationProblem =
  /** The list method resolved with something that is not a page object. */
  | 'not-a-page'
  /** A page came back again: another page number than the one asked for, or the items of an earlier page. */
  | 'repeated-page'
  /** A page pointed to a page already fetched (same cursor, `nextUri` parameters or page number). */
  | 'repeated-request'
  /** A page has a `nextUri` that names none of the parameters paginate can send. */
  | 'unfollowable-link'
  /** The list method threw or rejected with something that is not an `Error`. */
  | 'non-error-rejection';

/**
 * paginate could not go on without yielding data twice, looping or ending the list early. Every item
 * before the offending page has been yielded; the offending page has not.
 */
export class PaginationError extends GcsdkError {
  static readonly brand = 'PaginationError';
  /** The list method's name (`getUsers`), or `listMethod` for an anonymous function. */
  readonly method: string;
  /** The page (1-based, counted from the first one paginate fetched) that could not be used. */
  readonly page: number;
  readonly problem: PaginationProblem;

  constructor(init: { method: string; page: number; problem: PaginationProblem; detail: string; cause?: unknown }) {
    super(`paginate(${init.method}): ${init.detail}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.method = init.method;
    this.page = init.page;
    this.problem = init.problem;
  }
}
