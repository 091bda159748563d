import { ContractError } from '../errors.ts';
import type { SignerId } from '../service.ts';

/** A signer's credential variables are not set: a configuration mistake, reported without a stack (exit 2). */
export class MissingCredentialsError extends ContractError<'CONFIG_MISSING_CREDENTIALS'> {
  constructor(
    readonly signer: SignerId,
    /** The variables that are missing, in the order the user should set them. */
    readonly variables: readonly string[],
    hint?: string,
  ) {
    super('CONFIG_MISSING_CREDENTIALS', `${signer} needs ${variables.join(', ')} in the environment${hint ? ` (${hint})` : ''}`);
  }
}

export class UnknownSignerError extends ContractError<'CONFIG_UNKNOWN_SIGNER'> {
  constructor(
    readonly signer: string,
    readonly valid: readonly string[],
  ) {
    super('CONFIG_UNKNOWN_SIGNER', `unknown signer "${signer}"; valid signers: ${valid.join(', ')}`);
  }
}

export type SigningErrorCode = 'SIGNING_UNSUPPORTED_BODY' | 'SIGNING_UNSUPPORTED_QUERY' | 'SIGNING_MISSING_HOST';

/** A request that cannot be signed as given; a transport-side failure, never a contract finding. */
export class SigningError extends ContractError<SigningErrorCode> {
  constructor(
    code: SigningErrorCode,
    readonly signer: SignerId,
    message: string,
  ) {
    super(code, `${signer}: ${message}`);
  }
}
