import type { Service } from '../../schemas/_shared/service.ts';
import type { Env } from '../../schemas/_shared/signing/index.ts';
import { services as catalogServices } from '../../schemas/index.ts';
import { startMock } from '../../scripts/mock/server.ts';
import { type ClientOptions, createClient } from '../client/client.ts';
import { toCurl } from '../client/curl.ts';
import { resolveCredentials } from '../client/signers/credentials.ts';
import type { Format } from '../format.ts';
import { RunConfigError } from './errors.ts';
import { type CaseContext, executeCase, prepare, skipReason } from './execute.ts';
import { type Case, parseShard, planCases, type Shard } from './plan.ts';
import { type Report, type Result, summarize } from './report.ts';
import { type CredentialSource, liveTarget, mockTarget, parseBaseUrls, type Target, variablesOnly } from './targets.ts';

export interface RunOptions {
  /** `URL` (every service) or `SERVICE=URL`, as on the command line; none: the embedded mock. */
  baseUrls?: readonly string[];
  services?: readonly string[];
  /** operationIds or paths. */
  operations?: readonly string[];
  format?: Format | 'both';
  allowUnsafe?: boolean;
  /** Warnings fail too. */
  strict?: boolean;
  shard?: Shard | string;
  /** Requests in flight at once; default 4. */
  concurrency?: number;
  /** Where credentials come from: NCP_ACCESS_KEY, HUAWEI_AK… Never read from anywhere else. */
  env: Env;
  signal?: AbortSignal;
  /** Called once per result, in plan order, as results complete. */
  onResult?: (result: Result) => void;
  client?: ClientOptions;
  /** Default: every service in `schemas/index.ts`. */
  catalog?: readonly Service[];
}

export interface DryRunRequest {
  case: Case;
  target: Target;
  /** The signed request as curl, secrets redacted. */
  curl: string;
  /** Why it would not be sent without --allow-unsafe, if so. */
  skipped?: string;
}

export const DEFAULT_CONCURRENCY = 4;

interface Plan {
  cases: Case[];
  /** Where each case goes, once the mock's URL is known (if any service needs it). */
  bind: (mockUrl: string | undefined, source: CredentialSource) => Promise<Bound>;
  /** Whether some service has no base URL and so goes to the embedded mock. */
  needsMock: boolean;
}

interface Bound {
  targetOf: (item: Case) => Target;
  /** The report's `target`: the one base URL, or `service=url` pairs. */
  target: string;
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
  const cases = planCases(catalog, {
    ...(services ? { services } : {}),
    ...(options.operations ? { operations: options.operations } : {}),
    format: options.format ?? 'both',
    shard: typeof options.shard === 'string' ? parseShard(options.shard) : options.shard,
  });
  if (cases.length === 0) {
    throw new RunConfigError(
      'CONFIG_SELECTION',
      'the selection holds no example to run (check --service, --operation, --format and --shard)',
    );
  }
  const selected = [...new Set(cases.map((c) => c.service))];
  const urlOf = (service: Service) => urls.byService[service.id] ?? urls.all;
  return {
    cases,
    needsMock: selected.some((service) => urlOf(service) === undefined),
    async bind(mockUrl, source) {
      const targets = new Map<string, Target>();
      for (const service of selected) {
        const url = urlOf(service);
        targets.set(
          service.id,
          url === undefined
            ? await mockTarget(service, mockUrl as string, options.env)
            : await liveTarget(service, url, options.env, source),
        );
      }
      const distinct = new Set([...targets.values()].map((t) => t.baseUrl));
      return {
        targetOf: (item) => targets.get(item.service.id) as Target,
        target: distinct.size === 1 ? ([...distinct][0] as string) : [...targets].map(([id, t]) => `${id}=${t.baseUrl}`).join(' '),
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

export interface ExecuteAllOptions extends Omit<CaseContext, 'target'> {
  targetOf: (item: Case) => Target;
  concurrency: number;
  onResult?: ((result: Result) => void) | undefined;
}

/** Runs the cases, `concurrency` at a time, and stops taking new ones once `signal` aborts. */
export function executeAll(cases: readonly Case[], { targetOf, concurrency, onResult, ...context }: ExecuteAllOptions): Promise<Result[]> {
  return inOrder(
    cases,
    concurrency,
    context.signal,
    (item) => executeCase(item, { ...context, target: targetOf(item) }),
    (result) => onResult?.(result),
  );
}

/**
 * Sends every selected example, in each format its service speaks, to the embedded mock (started here and
 * closed after) or to the given base URLs, and checks each response. The CLI is a thin layer over this.
 * Configuration mistakes throw RunConfigError before anything is sent; whatever a target answers is a result.
 */
export async function runContracts(options: RunOptions): Promise<Report> {
  const concurrency = checkConcurrency(options.concurrency);
  const { cases, needsMock, bind } = plan(options);
  const mock = needsMock
    ? await startMock({ port: 0, host: '127.0.0.1', services: [...new Set(cases.map((c) => c.service.id))] })
    : undefined;
  const client = createClient(options.client);
  try {
    const { targetOf, target } = await bind(mock?.url, resolveCredentials);
    const results = await executeAll(cases, {
      targetOf,
      client,
      strict: options.strict ?? false,
      allowUnsafe: options.allowUnsafe ?? false,
      concurrency,
      signal: options.signal,
      onResult: options.onResult,
    });
    return { target, summary: summarize(results), results };
  } finally {
    await client.close();
    await mock?.close();
  }
}

/**
 * Every request the run would send, signed and redacted, with nothing sent: not even an IAM token request,
 * so only credentials set in the environment sign. Without base URLs the requests go to the mock's default
 * address, as `api-contracts mock` serves it.
 */
export async function dryRun(options: RunOptions, mockUrl = 'http://127.0.0.1:4010'): Promise<DryRunRequest[]> {
  const { cases, bind } = plan(options);
  const { targetOf } = await bind(mockUrl, variablesOnly);
  const now = Date.now();
  return cases.map((item) => {
    const target = targetOf(item);
    const prepared = prepare(item, target, { request: item.example.request, valuesFrom: 'example' });
    const signed = target.signing
      ? { ...prepared, headers: { ...prepared.headers, ...target.signing.signer.sign(prepared, target.signing.credentials, now) } }
      : prepared;
    const skipped = skipReason(item, target, options.allowUnsafe ?? false);
    return { case: item, target, curl: toCurl(signed), ...(skipped ? { skipped: skipped.message } : {}) };
  });
}
