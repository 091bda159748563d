import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_LIMITS, decodeXml, XmlCodecError, type XmlErrorCode } from './index.ts';

const Request = z
  .object({ id: z.string().optional(), name: z.string().optional(), items: z.array(z.string()).optional() })
  .meta({ id: 'HostileRequest' });

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Root><name>&lol9;</name></Root>`;

function decodeError(input: string | Uint8Array, limits?: Parameters<typeof decodeXml>[2]): XmlCodecError {
  try {
    decodeXml(Request, input, limits);
  } catch (error) {
    if (error instanceof XmlCodecError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the document to be refused');
}

describe('hostile documents are refused with a stable code', () => {
  it.each<[string, string, XmlErrorCode, { line?: number; column?: number }]>([
    [
      'XXE: external entity reading a local file',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Root><name>&e;</name></Root>',
      'XML_DTD_FORBIDDEN',
      { line: 1, column: 22 },
    ],
    [
      'XXE over HTTP',
      '<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:1/x">]><Root>&e;</Root>',
      'XML_DTD_FORBIDDEN',
      { line: 1, column: 1 },
    ],
    ['billion laughs', BILLION_LAUGHS, 'XML_DTD_FORBIDDEN', { line: 2, column: 1 }],
    ['an external DTD', '<!DOCTYPE Root SYSTEM "http://127.0.0.1:1/root.dtd"><Root/>', 'XML_DTD_FORBIDDEN', {}],
    ['a parameter entity', '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:1/p">%p;]><Root/>', 'XML_DTD_FORBIDDEN', {}],
    ['a lower-case doctype after a comment', '<!-- hi --><!doctype x><Root/>', 'XML_DTD_FORBIDDEN', { line: 1, column: 12 }],
    ['an entity declaration inside the root', '<Root><!ENTITY e "x"></Root>', 'XML_DTD_FORBIDDEN', {}],
    ['an undefined entity reference (no DTD can define one)', '<Root><name>&e;</name></Root>', 'XML_MALFORMED', { line: 1, column: 13 }],
    ['an HTML entity', '<Root><name>&nbsp;</name></Root>', 'XML_MALFORMED', { line: 1, column: 13 }],
    ['a bare ampersand', '<Root><name>a & b</name></Root>', 'XML_MALFORMED', { line: 1, column: 15 }],
    ['a character reference to NUL', '<Root><name>&#0;</name></Root>', 'XML_MALFORMED', { line: 1, column: 13 }],
    ['a character reference to a surrogate', '<Root><name>&#xD800;</name></Root>', 'XML_MALFORMED', { line: 1, column: 13 }],
    ['an unclosed tag', '<Root><name>x</name>', 'XML_MALFORMED', { line: 1, column: 1 }],
    ['an unclosed child', '<Root>\n  <name>x\n</Root>', 'XML_MALFORMED', { line: 3, column: 1 }],
    ['mismatched tags', '<Root><name>x</id></Root>', 'XML_MALFORMED', { line: 1, column: 14 }],
    ['two roots', '<Root/><Root/>', 'XML_MALFORMED', { line: 1, column: 8 }],
    ['text after the root', '<Root/>trailing', 'XML_MALFORMED', { line: 1, column: 8 }],
    ['a duplicated attribute', '<Root a="1" a="2"/>', 'XML_MALFORMED', { line: 1, column: 13 }],
    [
      'mismatched tags fast-xml-parser would read without its validator',
      '<Root><name>x</Root></name>',
      'XML_MALFORMED',
      { line: 1, column: 14 },
    ],
    ['a second self-closed root', '<Root/>\n<Root/>', 'XML_MALFORMED', { line: 2, column: 1 }],
    ['an unclosed comment', '<Root/><!-- ', 'XML_MALFORMED', { line: 1, column: 8 }],
    ['an unclosed CDATA section', '<Root><name><![CDATA[x</name></Root>', 'XML_MALFORMED', { line: 1, column: 13 }],
    ['plain text', 'not xml at all', 'XML_MALFORMED', { line: 1, column: 1 }],
    ['JSON sent as XML', '{"id":"x"}', 'XML_MALFORMED', { line: 1, column: 1 }],
    ['binary junk', '\u0000\u0001\u0002<Root/>\u00ff', 'XML_MALFORMED', { line: 1, column: 1 }],
    ['a control character in text', '<Root>\n<name>a\u0007b</name></Root>', 'XML_MALFORMED', { line: 2, column: 8 }],
  ])('%s', (_name, xml, code, where) => {
    const error = decodeError(xml);
    expect(error.code).toBe(code);
    expect(error).toMatchObject(where);
  });

  it('a DOCTYPE spelled inside CDATA or a comment is data, not a declaration', () => {
    expect(decodeXml(Request, '<!-- <!DOCTYPE x> --><Root><name><![CDATA[<!DOCTYPE x [<!ENTITY e "x">]>]]></name></Root>').value).toEqual({
      name: '<!DOCTYPE x [<!ENTITY e "x">]>',
    });
  });

  describe('names that reach JavaScript prototypes are data, never the prototype', () => {
    const Keyed = z.object({ env: z.record(z.string(), z.string()), any: z.unknown().optional() }).meta({ id: 'HostileMap' });

    it.each([
      ['__proto__ in an object: an unknown element, like any other', Request, '<Root><__proto__><id>x</id></__proto__><id>y</id></Root>'],
      ['constructor and prototype in an object', Request, '<Root><constructor>1</constructor><prototype/><id>y</id></Root>'],
      ['an attribute named constructor', Request, '<Root constructor="x"><id>y</id></Root>'],
    ])('%s', (_name, schema, xml) => {
      const result = decodeXml(schema, xml);
      expect(result.value).toEqual({ id: 'y' });
      expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
      expect(result.unknown.map((entry) => entry.pointer)).toEqual(
        xml.includes('__proto__') ? ['/__proto__'] : xml.includes('constructor=') ? ['/@constructor'] : ['/constructor', '/prototype'],
      );
      expect(({} as Record<string, unknown>).id).toBeUndefined();
    });

    it('__proto__ as a map key or in an unknown value is an own key, as JSON.parse makes it', () => {
      const { value } = decodeXml(
        Keyed,
        '<Root><env><__proto__>polluted</__proto__><a>1</a></env><any><__proto__><x>1</x></__proto__></any></Root>',
      );
      const { env, any } = value as { env: Record<string, unknown>; any: Record<string, unknown> };
      expect(Object.getPrototypeOf(env)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(any)).toBe(Object.prototype);
      expect(Object.hasOwn(env, '__proto__') && env.a).toBe('1');
      expect(Object.getOwnPropertyDescriptor(env, '__proto__')?.value).toBe('polluted');
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      // Zod leaves `__proto__` out of a parsed record, for XML as for JSON.
      expect(Keyed.parse(value)).toEqual(Keyed.parse(JSON.parse('{"env":{"__proto__":"polluted","a":"1"},"any":{"__proto__":{"x":"1"}}}')));
    });
  });

  it('invalid UTF-8 bytes → XML_MALFORMED', () => {
    const bytes = new Uint8Array([...Buffer.from('<Root><name>'), 0xc3, 0x28, 0xff, ...Buffer.from('</name></Root>')]);
    expect(decodeError(bytes)).toMatchObject({ code: 'XML_MALFORMED', message: 'the document is not valid UTF-8' });
  });

  it('valid UTF-8 bytes decode', () => {
    expect(decodeXml(Request, Buffer.from('<Root><name>한국</name></Root>')).value).toEqual({ name: '한국' });
  });

  describe('limits', () => {
    const items = (count: number) => `<Root>${'<items>x</items>'.repeat(count)}</Root>`;
    const nested = (depth: number) => `${'<items>'.repeat(depth)}${'</items>'.repeat(depth)}`;

    it.each<[string, string | Uint8Array, Parameters<typeof decodeXml>[2], XmlErrorCode, { line?: number; column?: number }]>([
      ['a body larger than maxBytes', items(10), { limits: { maxBytes: 100 } }, 'XML_TOO_LARGE', {}],
      [
        'multi-byte characters count as bytes',
        `<Root><name>${'한'.repeat(40)}</name></Root>`,
        { limits: { maxBytes: 100 } },
        'XML_TOO_LARGE',
        {},
      ],
      ['bytes larger than maxBytes', Buffer.from(items(10)), { limits: { maxBytes: 100 } }, 'XML_TOO_LARGE', {}],
      ['the default 1 MiB', `<Root><name>${'x'.repeat(DEFAULT_LIMITS.maxBytes)}</name></Root>`, undefined, 'XML_TOO_LARGE', {}],
      ['nesting deeper than maxDepth', nested(5), { limits: { maxDepth: 4 } }, 'XML_TOO_DEEP', { line: 1, column: 29 }],
      ['nesting far deeper than maxDepth', nested(10_000), undefined, 'XML_TOO_DEEP', {}],
      ['more elements than maxElements', items(10), { limits: { maxElements: 10 } }, 'XML_TOO_MANY_ELEMENTS', { line: 1, column: 151 }],
    ])('%s', (_name, input, options, code, where) => {
      const error = decodeError(input, options);
      expect(error.code).toBe(code);
      expect(error).toMatchObject(where);
    });

    it.each([
      ['depth exactly maxDepth', nested(4), { maxDepth: 4 }],
      ['elements exactly maxElements', items(9), { maxElements: 10 }],
      ['size exactly maxBytes', items(9), { maxBytes: items(9).length }],
    ])('%s is accepted', (_name, xml, limits) => {
      expect(() => decodeXml(z.unknown(), xml, { limits })).not.toThrow();
    });
  });
});
