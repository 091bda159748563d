import { type Dispatcher, request } from 'undici';
import { type Env, type HuaweiTokenCredentials, MissingCredentialsError, REDACTED } from '../../../schemas/_shared/signing/index.ts';
import { ContractError } from '../../errors.ts';

/**
 * Password-method token request (the only IAM method the reference documents; an AK/SK holder signs requests
 * directly with `huawei-aksk` instead). The token is project-scoped because DCS and DDS require that.
 */
export const IAM_ENV = {
  user: 'HUAWEI_IAM_USER',
  password: 'HUAWEI_IAM_PASSWORD',
  domain: 'HUAWEI_IAM_DOMAIN',
  projectId: 'HUAWEI_PROJECT_ID',
  endpoint: 'HUAWEI_IAM_ENDPOINT',
} as const;
/** The SDKs' default; a regional endpoint (`https://iam.{region}.myhuaweicloud.com`) works the same. */
export const DEFAULT_IAM_ENDPOINT = 'https://iam.myhuaweicloud.com';

export interface IamPasswordCredentials {
  endpoint: string;
  user: string;
  password: string;
  /** Account (domain) name the IAM user belongs to. */
  domain: string;
  projectId: string;
}

export function iamCredentialsFromEnv(env: Env): IamPasswordCredentials | MissingCredentialsError {
  const required = [IAM_ENV.user, IAM_ENV.password, IAM_ENV.domain, IAM_ENV.projectId];
  const missing = required.filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    return new MissingCredentialsError('huawei-token', missing, 'to obtain a token from IAM; or set HUAWEI_AUTH_TOKEN');
  }
  const value = (name: string) => (env[name] as string).trim();
  return {
    endpoint: env[IAM_ENV.endpoint]?.trim() || DEFAULT_IAM_ENDPOINT,
    user: value(IAM_ENV.user),
    password: value(IAM_ENV.password),
    domain: value(IAM_ENV.domain),
    projectId: value(IAM_ENV.projectId),
  };
}

/** IAM did not issue a usable token. A transport/auth failure of the run, not a contract finding. */
export class IamTokenError extends ContractError<'AUTH_IAM_TOKEN'> {
  constructor(
    message: string,
    readonly endpoint: string,
    readonly status?: number,
  ) {
    super('AUTH_IAM_TOKEN', `IAM token request to ${endpoint}: ${message}`);
  }
}

export interface IamTokenSourceOptions {
  dispatcher?: Dispatcher;
  clock?: () => number;
  /** Renew this long before `expires_at`, so a token never expires in the middle of a run. Default 5 min. */
  marginMs?: number;
  timeoutMs?: number;
}

export interface IamTokenSource {
  /** A cached token while it is valid for more than the margin; concurrent callers share one request. */
  credentials(): Promise<HuaweiTokenCredentials>;
}

export function iamTokenSource(iam: IamPasswordCredentials, options: IamTokenSourceOptions = {}): IamTokenSource {
  const { clock = Date.now, marginMs = 5 * 60_000 } = options;
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<HuaweiTokenCredentials> | undefined;
  return {
    credentials() {
      if (cached && clock() < cached.expiresAt - marginMs) {
        return Promise.resolve({ token: cached.token });
      }
      pending ??= requestToken(iam, options)
        .then((fresh) => {
          cached = fresh;
          return { token: fresh.token };
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
  };
}

async function requestToken(
  iam: IamPasswordCredentials,
  { dispatcher, timeoutMs = 30_000 }: IamTokenSourceOptions,
): Promise<{ token: string; expiresAt: number }> {
  // Whatever IAM echoes back is shown to the user, so the password is scrubbed from it first.
  const fail = (message: string, status?: number) => new IamTokenError(message.replaceAll(iam.password, REDACTED), iam.endpoint, status);
  const body = {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: iam.user, password: iam.password, domain: { name: iam.domain } } },
      },
      scope: { project: { id: iam.projectId } },
    },
  };
  let response: Dispatcher.ResponseData;
  let text: string;
  try {
    response = await request(`${iam.endpoint.replace(/\/+$/, '')}/v3/auth/tokens?nocatalog=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=utf8' },
      body: JSON.stringify(body),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(dispatcher && { dispatcher }),
    });
    text = await response.body.text();
  } catch (error) {
    throw fail(error instanceof Error ? error.message : String(error));
  }
  if (response.statusCode !== 201) {
    throw fail(`HTTP ${response.statusCode}${vendorMessage(text)}`, response.statusCode);
  }
  const token = response.headers['x-subject-token'];
  if (typeof token !== 'string' || token === '') {
    throw fail('IAM answered 201 without an X-Subject-Token header', 201);
  }
  const expiresAt = Date.parse(parseJson(text)?.token?.expires_at ?? '');
  if (Number.isNaN(expiresAt)) {
    throw fail('IAM answered 201 without a valid token.expires_at', 201);
  }
  return { token, expiresAt };
}

interface IamBody {
  token?: { expires_at?: string };
  error?: { message?: string };
  error_msg?: string;
  error_code?: string;
}

function parseJson(text: string): IamBody | undefined {
  try {
    return JSON.parse(text) as IamBody;
  } catch {
    return undefined;
  }
}

/** IAM answers in two shapes: Keystone's `{error: {message}}` and the gateway's `{error_code, error_msg}`. */
function vendorMessage(text: string): string {
  const parsed = parseJson(text);
  const message = parsed?.error?.message ?? parsed?.error_msg;
  if (!message) {
    return '';
  }
  return `: ${parsed?.error_code ? `${parsed.error_code} ` : ''}${message.slice(0, 300)}`;
}
