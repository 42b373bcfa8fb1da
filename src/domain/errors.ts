/** Errors that carry a message a person can act on. Layers above map them to exit codes and HTTP statuses. */
export class InvalidInput extends Error {
  readonly code = 'invalid_input';
  constructor(message: string, readonly problems: readonly Problem[] = []) {
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
