import { z } from 'zod';

/**
 * The history store's format, version 1 (docs/history.md documents it field by field). One JSON Lines record per
 * run, service and shard; short keys, because a year of nightly runs is read on every `history` call.
 */
export const FORMAT_VERSION = 1;

/** What one example in one format came to: `unverified` = the answer never arrived whole, or credentials were refused. */
export const OUTCOMES = ['passed', 'failed', 'skipped', 'unverified'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** JSON types as `typeof` names them, `null` and `array` apart; `unknown` for an XML element the schema does not declare. */
const JsonType = z.enum(['string', 'number', 'boolean', 'null', 'object', 'array', 'unknown']);
export type JsonType = z.infer<typeof JsonType>;

/**
 * The observed shape of one answer. Paths are JSON pointers with every array index (and every key of a map whose
 * keys are data) written `*`, so `/quotas/*\/namespace` is one path however many quotas came back.
 */
export const Shape = z.strictObject({
  /** Path → the JSON types seen there (several when items differ). */
  f: z.record(z.string(), z.array(JsonType)),
  /** Path → distinct values of an enum-like field (closed enums, and open strings named like a status), sorted, capped. */
  v: z.record(z.string(), z.array(z.string())).optional(),
  /** Path → [fewest, most] items of the array there. */
  a: z.record(z.string(), z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).optional(),
  /** XML only: the root element, arrays in another layout than documented (path → the layout found), attributes seen. */
  x: z
    .strictObject({
      root: z.string().optional(),
      layout: z.record(z.string(), z.string()).optional(),
      attrs: z.array(z.string()).optional(),
    })
    .optional(),
});
export type Shape = z.infer<typeof Shape>;

export const CaseRecord = z.strictObject({
  /** operationId. */
  op: z.string(),
  fmt: z.enum(['json', 'xml']),
  /** Example name; `traffic` for an exchange `proxy` saw. */
  ex: z.string(),
  out: z.enum(OUTCOMES),
  /** HTTP status of the answer, absent when none arrived. */
  http: z.number().int().optional(),
  /** Milliseconds from sending to the last byte, absent when nothing was sent. */
  ms: z.number().nonnegative().optional(),
  /** Rule ids of the findings, sorted, once each; for a skip, the rule that says why (state-dependent, unsafe-skipped…). */
  rules: z.array(z.string()).optional(),
  /** Key of the observed shape in the file's `shapes` (this record's or an earlier one's). */
  shape: z.string().optional(),
  /** `proxy`: how many exchanges this row stands for. */
  n: z.number().int().positive().optional(),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

const OUTCOME_SET: ReadonlySet<unknown> = new Set(OUTCOMES);
const CASE_KEYS: ReadonlySet<string> = new Set(Object.keys(CaseRecord.shape));
const isInt = (value: unknown) => Number.isInteger(value);

/**
 * CaseRecord's check, by hand: a year of records holds a hundred thousand cases, and this is several times faster
 * than the schema walking each of them. The schema stays the documentation; a test keeps the two in step.
 */
export function caseProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'not an object';
  }
  const c = value as Record<string, unknown>;
  const extra = Object.keys(c).find((key) => !CASE_KEYS.has(key));
  if (extra !== undefined) {
    return `unknown key ${extra}`;
  }
  if (typeof c.op !== 'string' || typeof c.ex !== 'string' || (c.fmt !== 'json' && c.fmt !== 'xml') || !OUTCOME_SET.has(c.out)) {
    return 'op, fmt, ex or out missing or invalid';
  }
  if ((c.http !== undefined && !isInt(c.http)) || (c.ms !== undefined && !(typeof c.ms === 'number' && c.ms >= 0))) {
    return 'http or ms invalid';
  }
  if (c.rules !== undefined && !(Array.isArray(c.rules) && c.rules.every((r) => typeof r === 'string'))) {
    return 'rules invalid';
  }
  if ((c.shape !== undefined && typeof c.shape !== 'string') || (c.n !== undefined && !(isInt(c.n) && (c.n as number) > 0))) {
    return 'shape or n invalid';
  }
  return undefined;
}

const RECORD_KEYS: ReadonlySet<string> = new Set([
  'v',
  'at',
  'run',
  'service',
  'shard',
  'source',
  'target',
  'interrupted',
  'cases',
  'shapes',
]);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const nonEmpty = (value: unknown) => typeof value === 'string' && value !== '';

/**
 * RunRecord's check, by hand for the same reason as `caseProblem` (the schema stays the documentation; a test
 * keeps the two in step): what is wrong with a parsed line, or undefined for a record of this version.
 */
export function recordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'not an object';
  }
  const r = value as Record<string, unknown>;
  const extra = Object.keys(r).find((key) => !RECORD_KEYS.has(key));
  const checks: [boolean, string][] = [
    [extra === undefined, `unknown key ${extra}`],
    [r.v === FORMAT_VERSION, `v: not ${FORMAT_VERSION}`],
    [typeof r.at === 'string' && ISO_TIME.test(r.at), 'at: not an ISO time in UTC'],
    [nonEmpty(r.run) && nonEmpty(r.service), 'run or service missing'],
    [typeof r.shard === 'string' && /^\d+\/\d+$/.test(r.shard), 'shard: not I/N'],
    [(r.source === 'test' || r.source === 'proxy') && (r.target === 'mock' || r.target === 'live'), 'source or target invalid'],
    [r.interrupted === undefined || r.interrupted === true, 'interrupted: not true'],
    [Array.isArray(r.cases), 'cases: not a list'],
  ];
  const failed = checks.find(([ok]) => !ok);
  if (failed) {
    return failed[1];
  }
  const cases = r.cases as unknown[];
  for (const [index, item] of cases.entries()) {
    const problem = caseProblem(item);
    if (problem !== undefined) {
      return `cases.${index}: ${problem}`;
    }
  }
  // Shapes are few (written once per file): the schema checks them.
  const shapes = r.shapes === undefined ? undefined : z.record(z.string(), Shape).safeParse(r.shapes);
  if (shapes !== undefined && !shapes.success) {
    const issue = shapes.error.issues[0];
    return `shapes.${issue?.path.join('.')}: ${issue?.message}`;
  }
  return undefined;
}

export const RunRecord = z.strictObject({
  v: z.literal(FORMAT_VERSION),
  /** When the run started, ISO 8601 UTC. */
  at: z.iso.datetime(),
  /** Groups the shards of one run (a CI run id and attempt, or the start time). */
  run: z.string().min(1),
  service: z.string().min(1),
  /** `I/N`, or `1/1` for an unsharded run. */
  shard: z.string().regex(/^\d+\/\d+$/),
  source: z.enum(['test', 'proxy']),
  target: z.enum(['mock', 'live']),
  /** Ctrl-C stopped the run: what it holds is true, but it is not all that was planned. */
  interrupted: z.literal(true).optional(),
  cases: z.array(CaseRecord),
  /** Shapes first seen in this file by this record, by key; later records of the same file refer to them by key. */
  shapes: z.record(z.string(), Shape).optional(),
});
export type RunRecord = z.infer<typeof RunRecord>;

/** `2026-12` from an ISO time: the month a record is filed under. */
export function monthOf(at: string): string {
  return at.slice(0, 7);
}

/** `ncp-dataforest/2026-12.shard-1of4.jsonl`: each shard appends to its own file, so no two writers share one. */
export function shardFile(service: string, at: string, shard: string): string {
  return `${service}/${monthOf(at)}.shard-${shard.replace('/', 'of')}.jsonl`;
}
