/** Something the extractor could not turn into the spec, named so the coverage report can list it. */
export interface Problem {
  /** `UsersApi.getUser`, `Models.User`, or a file name. */
  subject: string;
  reason: string;
}

export class ProblemList {
  readonly items: Problem[] = [];

  add(subject: string, reason: string): void {
    this.items.push({ subject, reason });
  }

  get size(): number {
    return this.items.length;
  }
}
