/** Errors that carry a message a person can act on. Layers above map them to exit codes and HTTP statuses. */
export class InvalidInput extends Error {
  readonly code = 'invalid_input';
  /** `problems` may list only the first ones found; `problemsTotal` counts them all. */
  constructor(
    message: string,
    readonly problems: readonly Problem[] = [],
    readonly problemsTotal: number = problems.length,
  ) {
    super(message);
    this.name = 'InvalidInput';
  }
}

export class NotFound extends Error {
  readonly code = 'not_found';
  constructor(message: string) {
    super(message);
    this.name = 'NotFound';
  }
}

/** One thing wrong with one record: where it is (file line or request index), which field, and what to do. */
export interface Problem {
  line?: number;
  index?: number;
  field: string;
  message: string;
}

/** Keeps the first `limit` problems and counts every one, so an answer about bad input stays small. */
export class ProblemList {
  readonly listed: Problem[] = [];
  total = 0;
  constructor(readonly limit: number) {}
  add(problem: Problem): void {
    this.total += 1;
    if (this.listed.length < this.limit) this.listed.push(problem);
  }
}
