import type { AnyExample, Operation } from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { type BodyFormat, formatsOf } from '../format.ts';
import { RunConfigError } from './errors.ts';

/** One example of one operation, in one format: a row of the run. */
export interface Case {
  service: Service;
  operation: Operation;
  example: AnyExample;
  format: BodyFormat;
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface Selection {
  /** Service ids; empty for all. */
  services?: readonly string[];
  /** operationIds or paths; empty for all. */
  operations?: readonly string[];
  format?: BodyFormat | 'both';
  shard?: Shard | undefined;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new RunConfigError('CONFIG_OPTION', `--shard ${text}: expected I/N with 1 <= I <= N, e.g. 1/4`);
  }
  return { index, count };
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** `(did you mean accountsGetDetail?)` when a known name is a few typos away. */
export function suggestion(name: string, known: readonly string[]): string {
  const [best] = known.map((k) => ({ k, d: distance(name, k) })).sort((x, y) => x.d - y.d);
  return best !== undefined && best.d <= Math.max(2, Math.floor(name.length / 4)) ? ` (did you mean ${best.k}?)` : '';
}

function selectServices(catalog: readonly Service[], ids: readonly string[] = []): Service[] {
  if (ids.length === 0) {
    return [...catalog];
  }
  const known = catalog.map((s) => s.id);
  for (const id of ids) {
    if (!known.includes(id)) {
      throw new RunConfigError('CONFIG_SELECTION', `unknown service "${id}"${suggestion(id, known)}; services: ${known.join(', ')}`);
    }
  }
  return catalog.filter((s) => ids.includes(s.id));
}

function selectOperations(services: readonly Service[], names: readonly string[]): Set<Operation> | undefined {
  if (names.length === 0) {
    return undefined;
  }
  const all = services.flatMap((s) => s.operations);
  const chosen = new Set<Operation>();
  for (const name of names) {
    const matches = all.filter((op) => op.operationId === name || op.path === name);
    if (matches.length === 0) {
      const where = services.map((s) => s.id).join(', ');
      throw new RunConfigError(
        'CONFIG_SELECTION',
        `unknown operation "${name}" in ${where}${suggestion(
          name,
          all.map((op) => op.operationId),
        )}`,
      );
    }
    for (const op of matches) {
      chosen.add(op);
    }
  }
  return chosen;
}

/**
 * Every case of the selection, in catalog order: service, operation, example, format. A shard takes every
 * N-th operation, so an operation's examples stay together and shards stay stable as examples are added.
 */
export function planCases(catalog: readonly Service[], selection: Selection = {}): Case[] {
  const services = selectServices(catalog, selection.services);
  const operations = selectOperations(services, selection.operations ?? []);
  const { shard, format = 'both' } = selection;
  let position = 0;
  const cases: Case[] = [];
  for (const service of services) {
    const formats = formatsOf(service.mediaTypes).filter((f) => format === 'both' || f === format);
    for (const operation of service.operations) {
      if (operations !== undefined && !operations.has(operation)) {
        continue;
      }
      const inShard = shard === undefined || position % shard.count === shard.index - 1;
      position += 1;
      if (!inShard) {
        continue;
      }
      for (const example of operation.examples) {
        for (const f of formats) {
          cases.push({ service, operation, example, format: f });
        }
      }
    }
  }
  return cases;
}
