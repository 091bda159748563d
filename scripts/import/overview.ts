import { type Change, change } from '../../contract-tests/spec/rules.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { explainingNote } from './explains.ts';
import type { Page } from './read.ts';

/** A service's overview page: the operations it lists per group, and the error statuses it documents for all. */
export interface Overview {
  groups: { name: string; operations: string[] }[];
  errorStatuses: number[];
}

const API_TABLE = /^\s*(?:API name|API 이름|API名)\s*\|/;
const STATUS_TABLE = /^\s*(?:HTTP Code|HTTP 코드|HTTPコード|Status code)\s*\|/i;

/** The overview's operation tables (each under its group's name) and its error status table; undefined when it has none. */
export function readOverview(page: Page): Overview | undefined {
  const lines = page.lines.map((l) => l.trim());
  const groups: Overview['groups'] = [];
  const errorStatuses: number[] = [];
  lines.forEach((line, index) => {
    if (API_TABLE.test(line)) {
      const name =
        lines
          .slice(0, index)
          .reverse()
          .find((l) => l !== '') ?? '';
      const operations: string[] = [];
      for (let i = index + 2; i < lines.length && (lines[i] ?? '').includes('|'); i++) {
        const op = (lines[i] ?? '').split('|')[0]?.trim() ?? '';
        if (/^[a-z][A-Za-z0-9]*$/.test(op)) {
          operations.push(op);
        }
      }
      groups.push({ name, operations });
    } else if (STATUS_TABLE.test(line)) {
      for (let i = index + 2; i < lines.length && (lines[i] ?? '').includes('|'); i++) {
        const status = /^([1-5]\d\d)\s*\|/.exec(lines[i] ?? '')?.[1];
        if (status) {
          errorStatuses.push(Number(status));
        }
      }
    }
  });
  return groups.length > 0 ? { groups, errorStatuses } : undefined;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The service an overview describes: the one whose server URL the page gives. */
export function overviewService(page: Page, services: readonly Service[]): Service | undefined {
  const text = page.lines.join('\n');
  return services.find((s) => s.servers.some((server) => text.includes(server.url)));
}

/**
 * An overview against the service as modelled: an operation it lists that no operation models (or the reverse),
 * by group (the path segment before the operation's name), and error statuses it documents for every operation
 * that the operations do not answer (or the reverse).
 */
export function checkOverview(service: Service, overview: Overview): Change[] {
  const changes: Change[] = [];
  for (const group of overview.groups) {
    const modelled = service.operations.filter((op) => squash(op.path.split('/').at(-2) ?? '') === squash(group.name));
    if (modelled.length === 0) {
      changes.push(
        change(
          'operation-added',
          null,
          `group ${group.name}`,
          `the overview now lists the group ${group.name} (${group.operations.join(', ')}); no operation models it`,
        ),
      );
      continue;
    }
    const names = new Set(modelled.map((op) => squash(op.path.split('/').at(-1) ?? '')));
    for (const name of group.operations.filter((n) => !names.has(squash(n)))) {
      changes.push(
        change(
          'operation-added',
          null,
          `group ${group.name} ${name}`,
          `the overview now lists ${group.name} ${name}; no operation models it`,
        ),
      );
    }
    const listed = new Set(group.operations.map(squash));
    for (const op of modelled.filter((o) => !listed.has(squash(o.path.split('/').at(-1) ?? '')))) {
      changes.push(
        change(
          'operation-removed',
          { operation: op.operationId, method: op.method.toUpperCase(), path: op.path },
          null,
          `the overview no longer lists ${op.operationId}; the schema has it`,
        ),
      );
    }
  }
  if (overview.errorStatuses.length > 0) {
    const everywhere = (status: number) => service.operations.every((op) => op.responses.some((r) => r.status === status));
    const modelled = [...new Set(service.operations.flatMap((op) => op.responses.map((r) => r.status)))].filter(
      (s) => s >= 400 && everywhere(s),
    );
    for (const status of overview.errorStatuses.filter((s) => !modelled.includes(s))) {
      changes.push(
        change(
          'response-status-added',
          null,
          `response ${status}`,
          `the overview now documents status ${status} for every operation; the operations do not all answer it`,
        ),
      );
    }
    for (const status of modelled.filter((s) => !overview.errorStatuses.includes(s))) {
      changes.push(
        change(
          'response-status-removed',
          null,
          `response ${status}`,
          `the overview no longer documents status ${status}; every operation answers it`,
        ),
      );
    }
  }
  return changes.map((c) => {
    const note = explainingNote({ rule: c.rule, location: c.location ?? '' }, service.docNotes);
    return note ? { ...c, acknowledged: { reason: note, expires: 'the doc note is removed', entry: `${service.id} docNotes` } } : c;
  });
}
