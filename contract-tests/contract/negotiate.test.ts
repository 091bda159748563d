import { describe, expect, it } from 'vitest';
import type { Representation } from '../format.ts';
import { bodyKind, negotiate, parsePrefer } from './negotiate.ts';

const JSON_XML: Representation[] = ['json', 'xml'];

describe('negotiate', () => {
  const cases: { name: string; accept: string | undefined; offered: Representation[]; want: Representation | undefined }[] = [
    { name: 'no Accept: the first offer', accept: undefined, offered: JSON_XML, want: 'json' },
    { name: 'empty Accept: the first offer', accept: ' ', offered: JSON_XML, want: 'json' },
    { name: 'exact XML', accept: 'application/xml', offered: JSON_XML, want: 'xml' },
    { name: 'any type: the first offer', accept: '*/*', offered: JSON_XML, want: 'json' },
    { name: 'type wildcard', accept: 'application/*', offered: ['xml'], want: 'xml' },
    { name: 'q-values rank', accept: 'application/json;q=0.4, application/xml', offered: JSON_XML, want: 'xml' },
    { name: 'tie goes to the earlier offer', accept: 'application/xml, application/json', offered: JSON_XML, want: 'json' },
    { name: 'specific q=0 beats a wildcard', accept: '*/*, application/json;q=0', offered: JSON_XML, want: 'xml' },
    { name: 'nothing acceptable', accept: 'text/html', offered: JSON_XML, want: undefined },
    { name: 'XML asked of a JSON-only service', accept: 'application/xml', offered: ['json'], want: undefined },
    { name: 'octet-stream response', accept: 'application/octet-stream', offered: ['octet'], want: 'octet' },
    { name: 'case and spaces', accept: ' Application/XML ; Q=1 ', offered: JSON_XML, want: 'xml' },
    { name: 'garbage ranges are skipped', accept: 'json, /, application/json', offered: JSON_XML, want: 'json' },
  ];
  it.each(cases)('$name', ({ accept, offered, want }) => {
    expect(negotiate(accept, offered)).toBe(want);
  });
});

describe('bodyKind', () => {
  const cases: { contentType: string; want: ReturnType<typeof bodyKind> }[] = [
    { contentType: 'application/json', want: { format: 'json' } },
    { contentType: 'application/json; charset=UTF-8', want: { format: 'json' } },
    { contentType: 'application/problem+json', want: { format: 'json' } },
    { contentType: 'text/xml; charset="utf-8"', want: { format: 'xml' } },
    { contentType: 'application/xml', want: { format: 'xml' } },
    { contentType: 'application/json; charset=iso-8859-1', want: { unsupported: 'charset iso-8859-1 (send UTF-8)' } },
    { contentType: 'text/plain', want: { unsupported: 'text/plain' } },
    { contentType: '', want: { unsupported: 'an empty media type' } },
  ];
  it.each(cases)('$contentType', ({ contentType, want }) => {
    expect(bodyKind(contentType)).toEqual(want);
  });
});

describe('parsePrefer', () => {
  const cases: { header: string | undefined; want: ReturnType<typeof parsePrefer> }[] = [
    { header: undefined, want: {} },
    { header: 'example=not-allowed', want: { example: 'not-allowed' } },
    { header: 'code=404', want: { code: '404' } },
    { header: 'return=minimal, code="403"; example=x', want: { code: '403', example: 'x' } },
    { header: 'dynamic=true', want: {} },
  ];
  it.each(cases)('$header', ({ header, want }) => {
    expect(parsePrefer(header)).toEqual(want);
  });
});
