/**
 * What to tell a person, as a key of the message catalog (`said.<key>`) and its values, so that a chat
 * answer comes in the account's language. A value may itself be something said (a target, a report kind).
 */
export interface Said {
  key: string;
  values?: Record<string, string | Said>;
}

/**
 * Errors that carry a message a person can act on. Layers above map them to exit codes and HTTP statuses;
 * `said` words the same message for the catalog, when chat users may read it.
 */
export class InvalidInput extends Error {
  readonly code = 'invalid_input';
  constructor(message: string, readonly problems: readonly Problem[] = [], readonly said?: Said) {
    super(message);
    this.name = 'InvalidInput';
  }
}

export class NotFound extends Error {
  readonly code = 'not_found';
  constructor(message: string, readonly said?: Said) {
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
