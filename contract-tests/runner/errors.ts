export type RunConfigCode = 'CONFIG_MISSING_CREDENTIALS' | 'CONFIG_SELECTION' | 'CONFIG_TARGET' | 'CONFIG_OPTION' | 'CONFIG_VALUES';

/**
 * A run that cannot start as configured: unknown service or operation, a bad base URL or shard, missing
 * credentials, a values file naming what does not exist. The `CONFIG_` prefix is what the CLI maps to exit 2 with this one-line message.
 */
export class RunConfigError extends Error {
  constructor(
    readonly code: RunConfigCode,
    message: string,
  ) {
    super(message);
    this.name = 'RunConfigError';
  }
}
