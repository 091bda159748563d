import { fieldName, valueAt } from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import type { Env } from '../../schemas/_shared/signing/index.ts';
import { services as catalogServices } from '../../schemas/index.ts';
import { type Client, type ClientOptions, createClient } from '../client/client.ts';
import { toCurl } from '../client/curl.ts';
import { ClientError } from '../client/errors.ts';
import { resolveCredentials } from '../client/signers/credentials.ts';
import { signedHeaders } from '../client/signers/sign.ts';
import type { BodyFormat } from '../format.ts';
import { MOCK_HEADER, PROBE_HEADER } from '../mock-identity.ts';
import { buildReport, type Report, type Result, type RunStart } from '../report/report.ts';
import { caseRunner } from './chain.ts';
import { RunConfigError } from './errors.ts';
import { type CaseContext, prepare, skipReason } from './execute.ts';
import { type Case, parseShard, planCases, type Shard } from './plan.ts';
import { completeValues, ENV_VALUES, requestFields, resolveValues, type ValueSettings } from './request-values.ts';
import { type CredentialSource, liveTarget, mockTarget, parseBaseUrls, type Target, variablesOnly } from './targets.ts';
import type { ValuesFile } from './values-file.ts';

export interface RunOptions {
  /** `URL` (every service) or `SERVICE=URL`, as on the command line; none: the embedded mock. */
  baseUrls?: readonly string[];
  /**
   * Where the embedded mock serves the services that have no base URL. The runner starts nothing: its caller
   * starts the mock (`runWithEmbeddedMock`, as `test` does) and hands its URL over.
   */
  mockUrl?: string;
  services?: readonly string[];
  /** operationIds or paths. */
  operations?: readonly string[];
  format?: BodyFormat | 'both';
  allowUnsafe?: boolean;
  /** Warnings fail too. */
  strict?: boolean;
  shard?: Shard | string;
  /** Requests in flight at once; default 4. */
  concurrency?: number;
  /** `--values FILE`, read with loadValuesFile: request values from the user's own account. */
  values?: ValuesFile;
  /** Where credentials come from: NCP_ACCESS_KEY, HUAWEI_AK… Never read from anywhere else. */
  env: Env;
  /** Stops the run: no new request is sent, those in flight end as `interrupted`, and the report says so. */
  signal?: AbortSignal;
  /** Called once, when every target is known and before the first request. */
  onStart?: (start: RunStart) => void;
  /** Called once per result, in plan order, as results complete. */
  onResult?: (result: Result) => void;
  /** Called with every answer that arrived, before it is checked. */
  onResponse?: CaseContext['onResponse'];
  client?: ClientOptions;
  /** Default: every service in `schemas/index.ts`. */
  catalog?: readonly Service[];
}

export interface DryRunRequest {
  case: Case;
  target: Target;
  /** The signed request as curl, secrets redacted. */
  curl: string;
  /** Why it would not be sent (without --allow-unsafe, or without a value only the values file can give), if so. */
  skipped?: string;
  /** Values a live run takes from another read's response, shown here with the example's value: `body.id ← accountsGetList /contents/0/id`. */
  chained: string[];
  /** Fields given an id generated so that it names nothing (`body.id`): a request-determined error, live. */
  fresh: string[];
}

export const DEFAULT_CONCURRENCY = 4;

interface Plan {
  cases: Case[];
  /** The report's `target`: the one base URL, or `service=url` pairs; the mock's URL once it is known. */
  targetText: (mockUrl: string | undefined) => string;
  /**
   * Where each case goes, once the mock's URL is known (if any service needs it). `isMock` tells a base URL an
   * api-contracts mock serves (a dry run, which sends nothing, has none and takes every base URL as live).
   */
  bind: (mockUrl: string | undefined, source: CredentialSource, isMock?: (baseUrl: string) => Promise<boolean>) => Promise<Bound>;
  /** Whether some service has no base URL and so goes to the embedded mock. */
  needsMock: boolean;
}

interface Bound {
  targetOf: (item: Case) => Target;
  targets: RunStart['targets'];
  values: ValueSettings;
}

/** The environment's `*` values (HUAWEI_PROJECT_ID → project_id). */
function envValues(env: Env): Record<string, string> {
  return Object.fromEntries(Object.entries(ENV_VALUES).flatMap(([field, variable]) => (env[variable] ? [[field, env[variable]]] : [])));
}

/**
 * A live run of a request that names the account itself (a project id) needs the user's: the documented one
 * is nobody's, and every request would be refused.
 */
function checkAccountValues(cases: readonly Case[], targetOf: (item: Case) => Target, values: ValueSettings): void {
  for (const [field, variable] of Object.entries(ENV_VALUES)) {
    const given = (item: Case) =>
      values.env?.[field] !== undefined ||
      values.file?.wildcard[field] !== undefined ||
      [...requestFields(values.file?.operations.get(item.operation.operationId) ?? {})].some(([path]) => path.at(-1) === field);
    const needing = cases.find(
      (item) =>
        targetOf(item).kind === 'live' && [...requestFields(item.example.request)].some(([path]) => path.at(-1) === field) && !given(item),
    );
    if (needing) {
      const { baseUrl } = targetOf(needing);
      throw new RunConfigError(
        'CONFIG_MISSING_CREDENTIALS',
        `${needing.service.id} at ${baseUrl}: the documented ${field} belongs to no account; set ${variable} in the environment (or "*": { "${field}": … } in --values)`,
      );
    }
  }
}

/** The cases and the base URL of each service: unknown names and bad URLs are refused before anything starts. */
function plan(options: RunOptions): Plan {
  const catalog = options.catalog ?? catalogServices;
  const urls = parseBaseUrls(options.baseUrls ?? [], catalog);
  const targeted = Object.keys(urls.byService);
  // SERVICE=URL alone limits the run to those services: mixing live and mock results would blur the report.
  const onlyTargeted = urls.all === undefined && targeted.length > 0;
  const outside = onlyTargeted ? (options.services ?? []).filter((id) => !targeted.includes(id)) : [];
  if (outside.length > 0) {
    throw new RunConfigError('CONFIG_TARGET', `--service ${outside.join(', ')} has no --base-url; add --base-url ${outside[0]}=URL`);
  }
  const services = options.services ?? (onlyTargeted ? targeted : undefined);
  const selection = {
    ...(services ? { services } : {}),
    ...(options.operations ? { operations: options.operations } : {}),
    format: options.format ?? 'both',
  };
  const shard = typeof options.shard === 'string' ? parseShard(options.shard) : options.shard;
  const cases = planCases(catalog, { ...selection, shard });
  // A fixed CI matrix (`--shard 7/8`) may hold more shards than a narrow selection has operations: such a shard is
  // empty, and green. Only a selection that is empty whatever the shard is a mistake.
  if (cases.length === 0 && (shard === undefined || planCases(catalog, selection).length === 0)) {
    throw new RunConfigError(
      'CONFIG_SELECTION',
      'the selection holds no example to run (check --service, --operation, --format and --shard)',
    );
  }
  const selected = [...new Set(cases.map((c) => c.service))];
  const urlOf = (service: Service) => urls.byService[service.id] ?? urls.all;
  return {
    cases,
    targetText(mockUrl) {
      if (selected.length === 0) {
        return urls.all ?? 'nothing: the shard is empty';
      }
      const pairs = selected.map((service) => [service.id, urlOf(service) ?? mockUrl ?? 'the embedded mock (not started)']);
      const distinct = new Set(pairs.map(([, url]) => url));
      return distinct.size === 1 ? ([...distinct][0] as string) : pairs.map(([id, url]) => `${id}=${url}`).join(' ');
    },
    needsMock: selected.some((service) => urlOf(service) === undefined),
    async bind(mockUrl, source, isMock) {
      const targets = new Map<string, Target>();
      const mocks = new Map<string, Promise<boolean>>();
      const servedByMock = (url: string) => {
        const known = mocks.get(url) ?? isMock?.(url) ?? Promise.resolve(false);
        mocks.set(url, known);
        return known;
      };
      for (const service of selected) {
        const url = urlOf(service);
        targets.set(
          service.id,
          url === undefined
            ? await mockTarget(service, mockUrl as string, options.env)
            : (await servedByMock(url))
              ? await mockTarget(service, url, options.env)
              : await liveTarget(service, url, options.env, source),
        );
      }
      const targetOf = (item: Case) => targets.get(item.service.id) as Target;
      const values = { file: options.values, env: envValues(options.env) };
      checkAccountValues(cases, targetOf, values);
      return {
        targetOf,
        targets: [...targets].map(([service, { kind, baseUrl }]) => ({ service, kind, baseUrl, embedded: baseUrl === mockUrl })),
        values,
      };
    },
  };
}

function checkConcurrency(value: number | undefined): number {
  const concurrency = value ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RunConfigError('CONFIG_OPTION', `--concurrency ${value}: expected a whole number of at least 1`);
  }
  return concurrency;
}

/** Runs `work` on every item, at most `limit` at a time, handing results to `emit` in item order. */
async function inOrder<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  work: (item: T) => Promise<R>,
  emit: (result: R) => void,
): Promise<R[]> {
  const results: R[] = [];
  const done = new Map<number, R>();
  let next = 0;
  let emitted = 0;
  async function worker(): Promise<void> {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      done.set(index, await work(items[index] as T));
      while (done.has(emitted)) {
        const result = done.get(emitted) as R;
        done.delete(emitted);
        results.push(result);
        emit(result);
        emitted += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface ExecuteAllOptions extends Omit<CaseContext, 'target' | 'values'> {
  targetOf: (item: Case) => Target;
  concurrency: number;
  onResult?: ((result: Result) => void) | undefined;
  /** The values file and the environment's values; chained inputs are read from live targets only. */
  values?: ValueSettings | undefined;
}

/**
 * Runs the cases, `concurrency` at a time, and stops taking new ones once `signal` aborts. A case whose inputs
 * come from another read waits for that read (sending it first if no one has), in its own worker's slot.
 */
export function executeAll(cases: readonly Case[], { concurrency, onResult, ...context }: ExecuteAllOptions): Promise<Result[]> {
  const run = caseRunner(context);
  return inOrder(
    cases,
    concurrency,
    context.signal,
    async (item) => (await run(item)).result,
    (result) => onResult?.(result),
  );
}

/**
 * Whether an api-contracts mock serves `baseUrl`: one unsigned GET of it before the run, and the header every
 * answer of the mock carries (a proxy in front of the mock passes it on, and records no exchange for the probe, which
 * `PROBE_HEADER` marks). Any failure to get an answer means no:
 * the URL is live, and the run's own requests will say what is wrong with it.
 */
async function servedByApiContractsMock(client: Client, baseUrl: string, signal: AbortSignal | undefined): Promise<boolean> {
  const url = new URL(baseUrl);
  const probe = { method: 'GET', origin: url.origin, pathWithQuery: url.pathname, headers: { [PROBE_HEADER]: '1' }, body: undefined };
  try {
    const { response } = await client.send(probe, { retry: false, signal });
    return response.headers[MOCK_HEADER] !== undefined;
  } catch (error) {
    if (error instanceof ClientError) {
      return false;
    }
    throw error;
  }
}

/** The promise's value, or undefined as soon as `signal` aborts (a rejection after that is dropped). */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (signal === undefined) {
    return promise;
  }
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const stop = () => resolve(undefined);
    signal.addEventListener('abort', stop, { once: true });
    promise.then(resolve, (error) => (signal.aborted ? undefined : reject(error))).finally(() => signal.removeEventListener('abort', stop));
  });
}

function runStart(cases: readonly Case[], targets: RunStart['targets']): RunStart {
  const formats = new Set(cases.map((c) => c.format));
  return {
    cases: cases.length,
    examples: new Set(cases.map((c) => c.example)).size,
    formats: (['json', 'xml'] as const).filter((format) => formats.has(format)),
    targets,
  };
}

/**
 * The services the embedded mock must serve for this run (none when every selected service has a base URL), once
 * the options are checked: a configuration mistake throws RunConfigError here, before any mock starts.
 */
export function embeddedMockServices(options: RunOptions): string[] {
  checkConcurrency(options.concurrency);
  const { cases, needsMock } = plan(options);
  return needsMock ? [...new Set(cases.map((c) => c.service.id))] : [];
}

/**
 * Sends every selected example, in each format its service speaks, to the given base URLs or to the embedded
 * mock at `mockUrl` (which the caller started: see `runWithEmbeddedMock`), and checks each response.
 * Configuration mistakes throw RunConfigError before anything is sent; whatever a target answers is a result.
 * An abort, however early (even before the mock is up), still gives a report: marked interrupted, with the
 * results so far.
 */
export async function runContracts(options: RunOptions): Promise<Report> {
  const { signal } = options;
  const concurrency = checkConcurrency(options.concurrency);
  const { cases, needsMock, bind, targetText } = plan(options);
  const interrupted = (mockUrl?: string) => buildReport({ target: targetText(mockUrl), planned: cases, results: [], interrupted: true });
  if (signal?.aborted) {
    return interrupted();
  }
  const mockUrl = needsMock ? options.mockUrl : undefined;
  if (needsMock && mockUrl === undefined) {
    throw new Error('runContracts: a selected service has no base URL and no mockUrl was given (runWithEmbeddedMock starts the mock)');
  }
  const client = createClient({ env: options.env, ...options.client });
  try {
    // Obtaining an IAM token is the one slow step before the first request; Ctrl-C does not wait for it.
    const bound = await unlessAborted(
      bind(mockUrl, resolveCredentials, (url) => servedByApiContractsMock(client, url, signal)),
      signal,
    );
    if (bound === undefined || signal?.aborted) {
      return interrupted(mockUrl);
    }
    const { targetOf, targets, values } = bound;
    options.onStart?.(runStart(cases, targets));
    const results = await executeAll(cases, {
      targetOf,
      values,
      client,
      strict: options.strict ?? false,
      allowUnsafe: options.allowUnsafe ?? false,
      concurrency,
      signal,
      onResult: options.onResult,
      onResponse: options.onResponse,
    });
    return buildReport({ target: targetText(mockUrl), planned: cases, results, interrupted: signal?.aborted ?? false });
  } finally {
    await client.close();
  }
}

/**
 * Every request the run would send, signed and redacted, with nothing sent: not even an IAM token request,
 * so only credentials set in the environment sign. Without base URLs the requests go to the mock's default
 * address, as `api-contracts mock` serves it.
 */
export async function dryRun(options: RunOptions, mockUrl = 'http://127.0.0.1:4010'): Promise<DryRunRequest[]> {
  const { cases, bind } = plan(options);
  const { targetOf, values } = await bind(mockUrl, variablesOnly);
  const now = Date.now();
  return cases.map((item) => {
    const target = targetOf(item);
    const resolved = resolveValues(item, target.kind === 'live', values);
    // Nothing is sent, so a chained value is not known: the example's stands in for it.
    const taken = new Map(resolved.chained.map(({ target: field }) => [field, valueAt(resolved.request, field)]));
    const prepared = prepare(item, target, completeValues(resolved, taken));
    const signed = target.signing
      ? { ...prepared, headers: { ...prepared.headers, ...signedHeaders(target.signing, prepared, now) } }
      : prepared;
    const unsafe = skipReason(item, target, options.allowUnsafe ?? false)?.message;
    const missing = resolved.missing && `${fieldName(resolved.missing.target)} must come from the values file (${resolved.missing.why})`;
    const skipped = unsafe ?? missing;
    const chained = resolved.chained.map(({ target: field, from }) => `${fieldName(field)} ← ${from.operationId} ${from.pointer}`);
    const fresh = resolved.fresh.map(fieldName);
    return { case: item, target, curl: toCurl(signed), chained, fresh, ...(skipped ? { skipped } : {}) };
  });
}
