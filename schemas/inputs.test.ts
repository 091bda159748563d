/**
 * The declared origins of request values (`inputs`): each chained source is a read of the same service whose
 * default example answers 200 with a value at the pointer, each target is a field the dependent's default
 * example sends, and the chains end (a live run sends the sources first, so a cycle would never start).
 */
import { describe, expect, it } from 'vitest';
import { isChained, type Operation, valueAt } from './_shared/operation.ts';
import type { Service } from './_shared/service.ts';
import { services } from './index.ts';

const declared = services.flatMap((service) =>
  service.operations.flatMap((operation) =>
    operation.inputs.map((input) => ({ name: `${service.id} ${operation.operationId} ${input.target}`, service, operation, input })),
  ),
);

const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

function sourceOf(service: Service, operationId: string): Operation | undefined {
  return service.operations.find((op) => op.operationId === operationId);
}

describe('inputs', () => {
  it('the chains the issue names are declared', () => {
    const chains = declared.map(({ operation, input }) =>
      isChained(input.from)
        ? `${operation.operationId} ${input.target} ← ${input.from.operationId} ${input.from.pointer}`
        : `${operation.operationId} ${input.target} ← values (${input.from.values})`,
    );
    expect(chains).toEqual(
      expect.arrayContaining([
        'accountsGetDetail /body/id ← accountsGetList /contents/0/id',
        'appsGetList /body/search/accountId ← accountsGetList /contents/0/id',
        'appsGetDetail /body/id ← appsGetList /contents/0/id',
        'listSessions /params/node_id ← listInstances /instances/0/groups/0/nodes/0/id',
        'listClients /params/instance_id ← values (required)',
        'listClients /query/node_id ← showNodesInformation /nodes/0/node_id',
        'notebooksGetDetail /body/id ← notebooksGetList /contents/0/id',
        'aiWorkspacesGetDetail /body/id ← aiWorkspacesGetList /contents/0/id',
        'aiAppsGetDetail /body/id ← aiAppsGetList /contents/0/id',
      ]),
    );
  });

  it.each(declared)('$name: the target is a scalar the default example sends', ({ operation, input }) => {
    const [example] = operation.examples;
    expect(isScalar(valueAt(example?.request, input.target)), `${input.target} in the default example`).toBe(true);
  });

  it.each(declared)('$name: only a read takes values from the account', ({ operation }) => {
    // A write keeps its documented values, so --allow-unsafe never acts on a resource the runner picked.
    expect(operation.safety).toBe('read');
  });

  it.each(declared.filter(({ input }) => isChained(input.from)))(
    '$name: the source is a read of the same service whose default example holds the value',
    ({ service, input }) => {
      if (!isChained(input.from)) {
        return;
      }
      const source = sourceOf(service, input.from.operationId);
      expect(source, `${input.from.operationId} in ${service.id}`).toBeDefined();
      expect(source?.safety).toBe('read');
      const [example] = source?.examples ?? [];
      expect(example?.response.status).toBe(200);
      expect(isScalar(valueAt(example?.response.body, input.from.pointer)), `${input.from.pointer} in its default response`).toBe(true);
    },
  );

  it.each(services)('$id: every chain ends', (service) => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (operationId: string, path: string[]): void => {
      if (done.has(operationId)) {
        return;
      }
      expect(visiting.has(operationId), `cycle: ${[...path, operationId].join(' → ')}`).toBe(false);
      visiting.add(operationId);
      for (const { from } of sourceOf(service, operationId)?.inputs ?? []) {
        if (isChained(from)) {
          visit(from.operationId, [...path, operationId]);
        }
      }
      visiting.delete(operationId);
      done.add(operationId);
    };
    for (const operation of service.operations) {
      visit(operation.operationId, []);
    }
  });
});
