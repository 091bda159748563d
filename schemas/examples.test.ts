/**
 * Every example of every operation, in both its forms: the JSON example parses with its schema, the documented
 * XML (where the vendor gives one) decodes to the same value (the twin check), every example survives
 * encode → decode, and random valid values of every body schema survive JSON → XML → JSON.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AnyExample, NormalizedBody, Operation } from './_shared/operation.ts';
import type { Service } from './_shared/service.ts';
import { arbitraryOf } from './_shared/xml/arbitrary.ts';
import { decodeXml, encodeXml, xmlRootName } from './_shared/xml/index.ts';
import { services } from './index.ts';

const PROPERTY_RUNS = 200;

interface Side {
  side: 'request' | 'response';
  body: NormalizedBody | undefined;
  json: unknown;
  xml: string | undefined;
  /** A file, not a structured body: it has no XML form. */
  binary: boolean;
}

function sidesOf(operation: Operation, example: AnyExample): Side[] {
  const response = operation.responses.find((candidate) => candidate.status === example.response.status);
  return [
    { side: 'request', body: operation.request.body, json: example.request.body, xml: example.request.xml, binary: false },
    {
      side: 'response',
      body: response?.body,
      json: example.response.body,
      xml: example.response.xml,
      binary: response?.contentType !== undefined,
    },
  ];
}

const speaksXml = (service: Service) => service.mediaTypes.includes('application/xml');

/** The value an XML document of this body carries for a JSON example, normalised by the XML schema. */
function xmlValueOf(body: NormalizedBody, json: unknown): unknown {
  return body.xmlSchema.parse(body.fromJson(body.schema.parse(json)));
}

function rootOf(body: NormalizedBody): string {
  const root = xmlRootName(body.xmlSchema);
  if (root === undefined) {
    throw new Error('the XML body schema has no xml.name metadata, so its documents have no root element name');
  }
  return root;
}

describe.each(services.map((service) => [service.id, service] as const))('%s', (_id, service) => {
  describe.each(service.operations.map((operation) => [operation.operationId, operation] as const))('%s', (_operationId, operation) => {
    describe.each(operation.examples.map((example) => [example.name, example] as const))('example %s', (_name, example) => {
      it('JSON: every part parses with its schema', () => {
        const { params, query, headers } = operation.request;
        for (const [schema, value] of [
          [params, example.request.params],
          [query, example.request.query],
          [headers, example.request.headers],
        ] as const) {
          if (schema) {
            expect(schema.safeParse(value ?? {}).error).toBeUndefined();
          }
        }
        // A body may be left out (an error example sending none), but never given where no schema describes it.
        for (const { body, json, side } of sidesOf(operation, example)) {
          if (json !== undefined) {
            expect({ side, schema: body?.schema.safeParse(json).error }).toEqual({ side, schema: undefined });
            expect(body, `${side} body without a schema`).toBeDefined();
          }
        }
      });

      if (!speaksXml(service)) {
        return;
      }

      it('XML: the documented XML decodes to the JSON example (twin check)', () => {
        for (const { body, json, xml } of sidesOf(operation, example)) {
          if (xml === undefined) {
            continue;
          }
          if (!body) {
            // Documented placeholders for body-less requests hold no element at all.
            expect(decodeXml(z.object({}), xml).root).toBeUndefined();
            continue;
          }
          const decoded = decodeXml(body.xmlSchema, xml);
          expect(decoded.unknown).toEqual([]);
          expect(decoded.shape).toEqual([]);
          expect(decoded.root).toBe(rootOf(body));
          expect(body.xmlSchema.parse(decoded.value)).toEqual(xmlValueOf(body, json));
        }
      });

      it('XML: encode → decode gives the example back, and both validate', () => {
        for (const { body, json, binary } of sidesOf(operation, example)) {
          if (!body || binary || json === undefined) {
            continue;
          }
          const value = xmlValueOf(body, json);
          const decoded = decodeXml(body.xmlSchema, encodeXml(body.xmlSchema, value, rootOf(body), { pretty: true }));
          expect(decoded.unknown).toEqual([]);
          expect(decoded.shape).toEqual([]);
          expect(body.xmlSchema.parse(decoded.value)).toEqual(value);
        }
      });
    });
  });

  const bodies = new Map<z.ZodType, string>();
  for (const operation of service.operations) {
    const responses = operation.responses.filter((response) => response.contentType === undefined);
    for (const [label, body] of [
      ['request', operation.request.body],
      ...responses.map((response) => [String(response.status), response.body] as const),
    ] as const) {
      if (body && !bodies.has(body.xmlSchema)) {
        bodies.set(body.xmlSchema, `${operation.operationId} ${label}`);
      }
    }
  }

  it.each([...bodies].map(([schema, label]) => [label, schema] as const))(
    'property: random %s bodies round-trip JSON → XML → JSON',
    (_label, schema) => {
      const root = xmlRootName(schema) ?? 'Body';
      fc.assert(
        fc.property(arbitraryOf(schema), (value) => {
          const json = JSON.parse(JSON.stringify(value));
          expect(schema.safeParse(json).error).toBeUndefined();
          const decoded = decodeXml(schema, encodeXml(schema, json, root));
          expect(decoded.unknown).toEqual([]);
          expect(decoded.shape).toEqual([]);
          expect(decoded.value).toEqual(json);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    },
  );
});
