/**
 * The base of every error the tool raises on purpose, in every layer: a stable `code` users and tests match
 * on, and a message that says what is wrong and where. What each code means for the process (its exit code)
 * is in the engine's catalogue, `ERRORS` in contract-tests/errors.ts.
 */
export class ContractError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
