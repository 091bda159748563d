export type DiffInputErrorCode =
  | 'DIFF_SPEC_NOT_FOUND'
  | 'DIFF_GIT_SHOW'
  | 'DIFF_SPEC_PARSE'
  | 'DIFF_NOT_OPENAPI'
  | 'DIFF_BAD_REF'
  | 'DIFF_ACK_FILE';

/** One side of a diff (or the acknowledged-breaks file) cannot be read or understood: a user mistake, reported in one line with exit 2. */
export class DiffInputError extends Error {
  constructor(
    readonly code: DiffInputErrorCode,
    /** The OLD or NEW argument as the user typed it, or `file:line` of the acknowledged-breaks file. */
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'DiffInputError';
  }
}
