import { ContractError, type RunConfigCode } from '../errors.ts';

export type { RunConfigCode } from '../errors.ts';

/**
 * A run that cannot start as configured: unknown service or operation, a bad base URL or shard, missing
 * credentials, a values file naming what does not exist. Each code is exit 2 with this one-line message (the catalogue's `usage`).
 */
export class RunConfigError extends ContractError<RunConfigCode> {}
