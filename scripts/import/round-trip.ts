import { diffSpecs } from '../../contract-tests/spec/diff-specs.ts';
import { buildDocument } from '../../contract-tests/spec/document.ts';
import type { Node } from '../../contract-tests/spec/openapi.ts';
import type { Change } from '../../contract-tests/spec/rules.ts';
import type { Operation } from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { type EmittedOperation, emitOperation } from './emit.ts';
import { explainingNote } from './explains.ts';
import { extractOperation } from './extract.ts';
import { loadEmitted } from './load.ts';
import { loadContext, pickService } from './project.ts';
import { readSource } from './read.ts';

export interface RoundTrip {
  emitted: EmittedOperation;
  /** The operation the project has for the page (the one the import replaces). */
  original: Operation;
  imported: Operation;
  /** Breaking and warning changes from the spec with the original to the spec with the import in its place. */
  changes: Change[];
  /** Those no doc note of the original operation explains. */
  unexplained: Change[];
}

const json = (doc: unknown) => JSON.parse(JSON.stringify(doc)) as Node;

/**
 * Imports a page of an operation the project has and generates the service's spec with the imported operation in
 * place of the hand-written one: what the diff then reports (breaking and warning) is what the import lost, and
 * each such change must be a choice the hand-written operation's doc notes explain.
 */
export async function roundTrip(root: string, source: string, services: readonly Service[]): Promise<RoundTrip> {
  const page = extractOperation(await readSource(source, root));
  const service = pickService(services, page);
  if (!service) {
    throw new Error(`${source}: no service serves ${page.path}`);
  }
  const context = await loadContext(root, service, page.method, page.path);
  if (!context.existing) {
    throw new Error(`${source}: the project has no ${page.method.toUpperCase()} ${page.path} to compare with`);
  }
  const original = context.existing.operation;
  const emitted = emitOperation(page, context);
  const imported = await loadEmitted(root, emitted);
  const before = json(buildDocument(service));
  const after = json(buildDocument({ ...service, operations: service.operations.map((op) => (op === original ? imported : op)) }));
  const changes = diffSpecs(before, after).filter(
    (c) => c.severity !== 'info' && (c.operation === null || c.operation === original.operationId),
  );
  const unexplained = changes.filter(
    (c) => c.operation === null || !explainingNote({ rule: c.rule, location: c.location ?? '' }, original.docNotes),
  );
  return { emitted, original, imported, changes, unexplained };
}
