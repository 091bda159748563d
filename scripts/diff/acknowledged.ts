import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { type Change, change, RULES, type RuleId } from '../../contract-tests/spec/rules.ts';
import { DiffInputError } from './errors.ts';

/** The rules this module reports about the acknowledged-breaks file itself. */
export const ACKNOWLEDGEMENT_RULES = ['acknowledgement-expired', 'acknowledgement-unused'] as const satisfies RuleId[];

/** One intentional change a team accepts, until it expires. */
export interface AcknowledgementEntry {
  rule: RuleId;
  /** operationId or `METHOD /path`; omitted: any operation. */
  operation?: string;
  /** The change's location as the diff prints it, or its end (`/quotas`, `application/xml /quotas`); omitted: anywhere. */
  location?: string;
  reason: string;
  /** `YYYY-MM-DD`, the last day the entry counts. */
  expires: string;
  /** `schemas/ncp-dataforest/breaking-allowed.yaml:7` */
  entry: string;
}

const KEYS = new Set(['rule', 'operation', 'location', 'reason', 'expires']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isRule = (value: string): value is RuleId => value in RULES;

function validDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return DATE.test(text) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * Reads an acknowledged-breaks file: a YAML list of `{ rule, operation?, location?, reason, expires }`.
 * Anything malformed is a DiffInputError naming the file and line, so the command exits 2 on it.
 */
export function parseAcknowledgements(text: string, file: string): AcknowledgementEntry[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const fail = (offset: number | undefined, message: string): never => {
    throw new DiffInputError('DIFF_ACK_FILE', `${file}:${offset === undefined ? 1 : lines.linePos(offset).line}`, message);
  };
  const [syntax] = doc.errors;
  if (syntax) {
    fail(syntax.pos[0], `not valid YAML: ${syntax.message.split('\n')[0]}`);
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return [];
  }
  if (!isSeq(doc.contents)) {
    return fail(doc.contents.range?.[0], 'expected a list of entries (- rule: …, reason: …, expires: YYYY-MM-DD)');
  }
  return doc.contents.items.map((item) => {
    const start = (item as YamlNode | null)?.range?.[0];
    if (!isMap(item)) {
      return fail(start, 'each entry is a mapping with rule, reason, expires and operation and/or location');
    }
    const fields: Record<string, string> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const at = (pair.key as YamlNode | null)?.range?.[0];
      if (!KEYS.has(key)) {
        fail(at, `unknown key '${key}' (expected ${[...KEYS].join(', ')})`);
      }
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof value !== 'string' || value.trim() === '') {
        fail(at, `${key} must be a non-empty string`);
      }
      fields[key] = String(value);
    }
    const { rule, operation, location, reason, expires } = fields;
    if (rule === undefined || !isRule(rule)) {
      return fail(
        start,
        rule === undefined ? 'rule is missing' : `unknown rule '${rule}' (the rule ids are RULES in contract-tests/spec/rules.ts)`,
      );
    }
    if (reason === undefined) {
      return fail(start, 'reason is missing: say why the break is intended');
    }
    if (expires === undefined || !validDate(expires)) {
      return fail(start, expires === undefined ? 'expires is missing (YYYY-MM-DD)' : `expires '${expires}' is not a date (YYYY-MM-DD)`);
    }
    if (operation === undefined && location === undefined) {
      return fail(start, 'give operation and/or location, so the entry cannot acknowledge every change of its rule');
    }
    const entry = `${file}:${start === undefined ? 1 : lines.linePos(start).line}`;
    return { rule, reason, expires, entry, ...(operation ? { operation } : {}), ...(location ? { location } : {}) };
  });
}

/** Reads and parses the file at `path` (relative to `cwd`); a missing file is a DiffInputError too. */
export async function loadAcknowledgements(path: string, cwd: string): Promise<AcknowledgementEntry[]> {
  const text = await readFile(resolvePath(cwd, path), 'utf8').catch(() => {
    throw new DiffInputError('DIFF_ACK_FILE', path, 'no such acknowledged-breaks file');
  });
  return parseAcknowledgements(text, path);
}

function matches(entry: AcknowledgementEntry, c: Change): boolean {
  if (entry.rule !== c.rule) {
    return false;
  }
  if (entry.operation !== undefined && entry.operation !== c.operation && entry.operation !== `${c.method} ${c.path}`) {
    return false;
  }
  const { location } = entry;
  return location === undefined || c.location === location || c.location?.endsWith(` ${location}`) === true;
}

const describe = (entry: AcknowledgementEntry) => [entry.rule, entry.operation, entry.location].filter(Boolean).join(' ');

/**
 * Marks the changes a live entry covers as acknowledged (reported, never failing). An entry past its
 * expiry acknowledges nothing and is itself a warning; so is a live entry that matches no change.
 * `today` is `YYYY-MM-DD`; an entry expiring today still counts.
 */
export function applyAcknowledgements(changes: Change[], entries: AcknowledgementEntry[], today: string): Change[] {
  const live = entries.filter((e) => e.expires >= today);
  const used = new Set<AcknowledgementEntry>();
  const marked = changes.map((c) => {
    const entry = live.find((e) => matches(e, c));
    if (!entry) {
      return c;
    }
    used.add(entry);
    return { ...c, acknowledged: { reason: entry.reason, expires: entry.expires, entry: entry.entry } };
  });
  const notices = entries.flatMap((e) => {
    if (e.expires < today) {
      return [
        change(
          'acknowledgement-expired',
          null,
          e.entry,
          `acknowledgement of ${describe(e)} expired on ${e.expires}: renew it or remove it`,
        ),
      ];
    }
    return used.has(e)
      ? []
      : [change('acknowledgement-unused', null, e.entry, `acknowledgement of ${describe(e)} matches no change: remove it`)];
  });
  return [...marked, ...notices];
}
