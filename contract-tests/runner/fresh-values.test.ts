import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineOperation, setAt, valueAt } from '../../schemas/_shared/operation.ts';
import { services } from '../../schemas/index.ts';
import { acceptsAt, freshId, freshLike, vary } from './fresh-values.ts';

describe('vary', () => {
  it.each([
    ['a Base62 id keeps its other letters', 'ZU0bnYbeokqeKVwdus92nH', 'ZU0anYaaokqaKVwaus00nH'],
    ['a DDS node id keeps its kind marker', '520c58ba00a3497e97ce0b9604874dd6no02', '000a00aa00a0000a00aa0a0000000aa0no00'],
    ['a UUID keeps its dashes', '5560df16-cebf-4473-95c4-d1b573c16e79', '0000aa00-aaaa-0000-00a0-a0a000a00a00'],
    ['an app type keeps its layout', 'DEV-1.0.0', 'AAV-0.0.0'],
  ])('%s', (_, template, expected) => {
    expect(vary(template, (chars) => chars[0] as string)).toBe(expected);
  });
});

/** Every example whose error follows from an id that names nothing: what a live run sends a fresh id for. */
const nonexistent = services.flatMap((service) =>
  service.operations.flatMap((operation) =>
    operation.examples.flatMap((example) =>
      example.outcome?.from === 'request' && example.outcome.nonexistent !== undefined
        ? [
            {
              label: `${service.id} ${operation.operationId} [${example.name}]`,
              service,
              operation,
              example,
              pointer: example.outcome.nonexistent,
            },
          ]
        : [],
    ),
  ),
);

describe('freshId, for every request-determined error about an id that names nothing', () => {
  it('covers the catalog', () => {
    expect(nonexistent.length).toBe(30);
  });

  it.each(nonexistent)('$label: valid for the field, never documented, new each time', ({ service, operation, example, pointer }) => {
    const documented = JSON.stringify(service.operations.map((op) => op.examples));
    const ids = Array.from({ length: 50 }, () => freshId(service, operation, example, pointer));
    expect(new Set(ids).size).toBeGreaterThan(45);
    const [place, field] = [pointer.split('/')[1] as 'params' | 'query' | 'body', pointer.split('/').slice(2)];
    const schema = place === 'body' ? operation.request.body?.schema : operation.request[place];
    for (const id of ids) {
      expect(documented).not.toContain(JSON.stringify(id));
      const request = structuredClone(example.request) as Record<string, unknown>;
      setAt(request, pointer, id);
      const issues = schema?.safeParse(valueAt(request, `/${place}`)).error?.issues ?? [];
      expect(issues.filter((issue) => issue.path.join('/') === field.join('/'))).toEqual([]);
    }
  });
});

describe('freshLike', () => {
  const op = defineOperation({
    operationId: 'thingsGet',
    method: 'post',
    path: '/things/get',
    summary: 's',
    description: 'd',
    tags: ['Things'],
    docUrl: 'https://example.test',
    safety: 'read',
    request: { body: z.object({ id: z.string().regex(/^[0-9a-f]{8}$/) }) },
    responses: { 200: { description: 'ok' } },
    examples: [{ name: 'default', summary: 's', request: { body: { id: '0badcafe' } }, response: { status: 200 } }],
  });
  const service = { id: 'toy', operations: [op] } as unknown as Parameters<typeof freshLike>[0]['service'];
  const accepts = acceptsAt(z.object({ id: z.string().regex(/^[0-9a-f]{8}$/) }), { id: 'x' }, ['id']);

  it.each([
    ['a placeholder template is passed over for the next', ['string', 'feedf00d'], /^[0-9a-f]{8}$/],
    ['no template that can vary enough gives nothing', ['string', 'abc'], undefined],
  ])('%s', (_, templates, expected) => {
    const value = freshLike({ service, templates, accepts });
    if (expected === undefined) {
      expect(value).toBeUndefined();
    } else {
      expect(value).toMatch(expected);
    }
  });

  it('never answers a documented value, nor one the schema refuses', () => {
    // A pick that can only rebuild the documented id; a template whose letters the pattern refuses (upper case).
    expect(freshLike({ service, templates: ['0badcafe'], accepts }, (_, char) => char)).toBeUndefined();
    expect(freshLike({ service, templates: ['0BADCAFE'], accepts })).toBeUndefined();
    expect(freshLike({ service, templates: ['0badcafe'], accepts }, (chars) => chars[0] as string)).toBe('0aaaaaaa');
  });
});
