import { describe, expect, it } from 'vitest';
import { services } from '../../schemas/index.ts';
import { compileRouter, type Route, templatesOverlap } from './router.ts';

describe('templatesOverlap', () => {
  const cases: { a: string; b: string; want: boolean }[] = [
    { a: '/api/v2/accounts/getDetail', b: '/api/v2/accounts/getDetail', want: true },
    { a: '/api/v2/accounts/getDetail', b: '/api/v2/accounts/getList', want: false },
    { a: '/v3/{project_id}/nodes/{node_id}/session', b: '/v3/{p}/nodes/{n}/sessions', want: false },
    { a: '/v3/{project_id}/instances', b: '/v3/abc/instances', want: true },
    { a: '/v2/{p}/instances/{i}/clients', b: '/v2/{p}/instances/{i}/clients/kill-all', want: false },
    { a: '/v2/{p}/jobs/{j}', b: '/v2/{p}/{x}/{y}', want: true },
  ];
  it.each(cases)('$a ~ $b: $want', ({ a, b, want }) => {
    expect(templatesOverlap(a, b)).toBe(want);
  });
});

describe('compileRouter', () => {
  const routes: Route<string>[] = [
    { method: 'POST', path: '/api/v2/accounts/getDetail', target: 'accountsGetDetail' },
    { method: 'GET', path: '/v2/{project_id}/instances/{instance_id}/clients', target: 'listClients' },
    { method: 'POST', path: '/v2/{project_id}/instances/{instance_id}/clients', target: 'scanClients' },
    { method: 'GET', path: '/v2/{project_id}/jobs/{job_id}', target: 'showJobInfo' },
  ];
  const match = compileRouter(routes);

  const cases: { method: string; path: string; want: ReturnType<typeof match> }[] = [
    { method: 'POST', path: '/api/v2/accounts/getDetail', want: { kind: 'found', target: 'accountsGetDetail', params: [] } },
    {
      method: 'GET',
      path: '/v2/p1/instances/i%2F1/clients',
      want: {
        kind: 'found',
        target: 'listClients',
        params: [
          ['project_id', 'p1'],
          ['instance_id', 'i%2F1'],
        ],
      },
    },
    { method: 'POST', path: '/v2/p1/instances/i1/clients', want: expect.objectContaining({ target: 'scanClients' }) },
    {
      method: 'DELETE',
      path: '/v2/p1/instances/i1/clients',
      want: { kind: 'wrong-method', allow: ['GET', 'POST'], targets: ['listClients', 'scanClients'] },
    },
    { method: 'GET', path: '/api/v2/accounts/getDetail', want: { kind: 'wrong-method', allow: ['POST'], targets: ['accountsGetDetail'] } },
    { method: 'POST', path: '/api/v2/accounts/getDetail/', want: { kind: 'not-found' } },
    { method: 'GET', path: '/v2//jobs/j1', want: { kind: 'not-found' } },
    { method: 'GET', path: '/v2/p1/jobs', want: { kind: 'not-found' } },
  ];
  it.each(cases)('$method $path', ({ method, path, want }) => {
    expect(match(method, path)).toEqual(want);
  });

  it('refuses two routes of one method that can match the same path', () => {
    const conflicting = [...routes, { method: 'GET', path: '/v2/{project_id}/jobs/latest', target: 'latest' }];
    expect(() => compileRouter(conflicting)).toThrowErrorMatchingInlineSnapshot(
      `[MockConfigError: GET /v2/{project_id}/jobs/{job_id} and GET /v2/{project_id}/jobs/latest can match the same request path; the mock could not tell them apart]`,
    );
  });

  /** Thousands of literal routes (the shape of a large generated API) with one conflict added at the end. */
  const many: Route<string>[] = Array.from({ length: 3000 }, (_, i) => ({
    method: 'POST',
    path: `/api/v2/group${i}/op${i}`,
    target: `op${i}`,
  }));
  it.each<{ name: string; extra: Route<string>[]; want: string | undefined }>([
    { name: 'none', extra: [{ method: 'GET', path: '/api/v2/group7/op7', target: 'get' }], want: undefined },
    {
      name: 'the same literal path twice',
      extra: [{ method: 'POST', path: '/api/v2/group2999/op2999', target: 'again' }],
      want: 'POST /api/v2/group2999/op2999 and POST /api/v2/group2999/op2999',
    },
    {
      name: 'a template that matches a literal path listed before it',
      extra: [{ method: 'POST', path: '/api/v2/{group}/op1500', target: 'templated' }],
      want: 'POST /api/v2/group1500/op1500 and POST /api/v2/{group}/op1500',
    },
    {
      name: 'two templates',
      extra: [
        { method: 'POST', path: '/api/v3/{a}/x', target: 't1' },
        { method: 'POST', path: '/api/v3/y/{b}', target: 't2' },
      ],
      want: 'POST /api/v3/{a}/x and POST /api/v3/y/{b}',
    },
  ])('among 3000 routes, conflicts: $name', ({ extra, want }) => {
    const compile = () => compileRouter([...many, ...extra]);
    if (want === undefined) {
      expect(compile).not.toThrow();
    } else {
      expect(compile).toThrow(`${want} can match the same request path`);
    }
  });
});

describe('the routes of every service', () => {
  const all = services.flatMap((service) =>
    service.operations.map((op) => ({ method: op.method.toUpperCase(), path: op.path, target: `${service.id} ${op.operationId}` })),
  );

  it('never collide, so one server serves them all', () => {
    const collisions = all.flatMap((a, i) =>
      all
        .slice(i + 1)
        .filter((b) => a.method === b.method && templatesOverlap(a.path, b.path))
        .map((b) => `${a.target} / ${b.target}`),
    );
    expect(collisions).toEqual([]);
  });

  it('resolve each example request to its own operation', () => {
    const match = compileRouter(all);
    const misrouted = services.flatMap((service) =>
      service.operations.flatMap((op) =>
        op.examples
          .map((example) => {
            const params = (example.request.params ?? {}) as Record<string, unknown>;
            const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
            const found = match(op.method.toUpperCase(), path);
            return found.kind === 'found' && found.target === `${service.id} ${op.operationId}`
              ? undefined
              : `${op.operationId} ${example.name}`;
          })
          .filter((row) => row !== undefined),
      ),
    );
    expect(misrouted).toEqual([]);
  });
});
