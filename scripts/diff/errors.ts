import { ContractError, type DiffInputErrorCode } from '../../contract-tests/errors.ts';

export type { DiffInputErrorCode } from '../../contract-tests/errors.ts';

/** One side of a diff (or the acknowledged-breaks file) cannot be read or understood: a user mistake, reported in one line with exit 2. */
export class DiffInputError extends ContractError<DiffInputErrorCode> {
  constructor(
    code: DiffInputErrorCode,
    /** The OLD or NEW argument as the user typed it, or `file:line` of the acknowledged-breaks file. */
    readonly source: string,
    message: string,
  ) {
    super(code, `${source}: ${message}`);
  }
}
