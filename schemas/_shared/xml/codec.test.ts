import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeXml, encodeXml, XmlCodecError, xmlRootName } from './index.ts';

const Quota = z.object({ namespace: z.string(), fileCountMillion: z.number().int(), spaceTb: z.number().int() }).meta({ id: 'TestQuota' });

const Detail = z
  .object({
    success: z.boolean(),
    message: z.string().optional(),
    id: z.string(),
    createdAt: z.iso.datetime({ offset: true }).optional(),
    quotas: z.array(Quota).optional(),
  })
  .meta({ id: 'TestDetail', xml: { name: 'GetAccountDetailResponse' } });

const Tags = z.object({
  tags: z.array(z.string()),
  labels: z
    .array(z.string())
    .optional()
    .meta({ xml: { wrapped: true } }),
  ports: z.array(z.number()).meta({ xml: { wrapped: true, name: 'portList' } }),
  envs: z.array(z.string().meta({ xml: { name: 'env' } })).optional(),
});

const Attributed = z.object({
  id: z.string().meta({ xml: { attribute: true } }),
  version: z
    .number()
    .optional()
    .meta({ xml: { attribute: true } }),
  label: z.string().meta({ xml: { name: 'Label' } }),
});

const Config = z.object({
  env: z.record(z.string(), z.string()),
  images: z.record(z.string(), z.array(z.string())).optional(),
  paging: z.object({ limit: z.number(), offset: z.number() }).optional(),
});

const Scalars = z.object({
  text: z.string().optional(),
  count: z.number().optional(),
  big: z.bigint().optional(),
  flag: z.boolean().optional(),
  state: z.enum(['RUNNING', 'STOPPED']).optional(),
  fixed: z.literal(false).optional(),
  either: z.union([z.number(), z.string()]).optional(),
  anything: z.unknown().optional(),
});

const Nulls = z.object({
  count: z.number().nullable(),
  text: z.string().nullable(),
  items: z.array(z.string()).nullable().optional(),
});

describe('xmlRootName', () => {
  it.each([
    ['the xml.name of the schema', Detail, 'GetAccountDetailResponse'],
    ['through optional and nullable wrappers', Detail.optional().nullable(), 'GetAccountDetailResponse'],
    ['through a default', Detail.default({ success: true, id: 'x' }), 'GetAccountDetailResponse'],
    [
      'set on the wrapper itself',
      z
        .object({})
        .optional()
        .meta({ xml: { name: 'Outer' } }),
      'Outer',
    ],
    ['none', Quota, undefined],
  ])('%s', (_name, schema, expected) => {
    expect(xmlRootName(schema)).toBe(expected);
  });
});

describe('encodeXml', () => {
  it.each([
    [
      'flat object, schema order, absent optionals omitted',
      Detail,
      { id: 'a1', success: true },
      '<Root><success>true</success><id>a1</id></Root>',
    ],
    [
      'one-item array of objects repeats the field name',
      Detail,
      { success: true, id: 'a1', quotas: [{ namespace: 'koya', fileCountMillion: 1, spaceTb: 200 }] },
      '<Root><success>true</success><id>a1</id><quotas><namespace>koya</namespace><fileCountMillion>1</fileCountMillion><spaceTb>200</spaceTb></quotas></Root>',
    ],
    [
      'unwrapped, wrapped, renamed wrapper and named items',
      Tags,
      { tags: ['a', 'b'], labels: ['x'], ports: [80, 443], envs: ['e1'] },
      '<Root><tags>a</tags><tags>b</tags><labels><labels>x</labels></labels><portList><portList>80</portList><portList>443</portList></portList><env>e1</env></Root>',
    ],
    [
      'empty arrays: unwrapped writes nothing, wrapped an empty element',
      Tags,
      { tags: [], labels: [], ports: [] },
      '<Root><labels/><portList/></Root>',
    ],
    [
      'attributes and a renamed element',
      Attributed,
      { id: 'n-1', version: 2, label: 'L' },
      '<Root id="n-1" version="2"><Label>L</Label></Root>',
    ],
    [
      'records: one element per key, array values repeat the key',
      Config,
      { env: { HOME: '/root', TF_LEVEL: '2' }, images: { tf: ['2.4', '2.3'] }, paging: { limit: 10, offset: 0 } },
      '<Root><env><HOME>/root</HOME><TF_LEVEL>2</TF_LEVEL></env><images><tf>2.4</tf><tf>2.3</tf></images><paging><limit>10</limit><offset>0</offset></paging></Root>',
    ],
    [
      'escaping in text and attributes',
      Attributed,
      { id: `a"b'c<&>\n`, label: `x < y && y > z "q" 'a' ]]>` },
      `<Root id="a&quot;b&apos;c&lt;&amp;&gt;&#xA;"><Label>x &lt; y &amp;&amp; y &gt; z "q" 'a' ]]&gt;</Label></Root>`,
    ],
    ['carriage returns survive as references', Scalars, { text: 'line1\r\nline2' }, '<Root><text>line1&#xD;\nline2</text></Root>'],
    [
      'scalars as text; -0 keeps its sign',
      Scalars,
      { text: '0123', count: -0, big: 12345678901234567890n, flag: false, state: 'RUNNING', fixed: false, either: 1.5 },
      '<Root><text>0123</text><count>-0</count><big>12345678901234567890</big><flag>false</flag><state>RUNNING</state><fixed>false</fixed><either>1.5</either></Root>',
    ],
    [
      'null: an empty element where unambiguous, xsi:nil where an empty element means ""',
      Nulls,
      { count: null, text: null, items: null },
      '<Root xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><count/><text xsi:nil="true"/><items xsi:nil="true"/></Root>',
    ],
    [
      'nullable values that are not null',
      Nulls,
      { count: 0, text: '', items: ['a'] },
      '<Root><count>0</count><text/><items>a</items></Root>',
    ],
  ])('%s', (_name, schema, value, expected) => {
    expect(encodeXml(schema, value, 'Root', { declaration: false })).toBe(expected);
  });

  it('pretty: two-space indentation, one element per line, prolog by default', () => {
    expect(
      encodeXml(
        Detail,
        { success: true, id: 'a1', message: '', quotas: [{ namespace: 'koya', fileCountMillion: 1, spaceTb: 200 }] },
        'GetAccountDetailResponse',
        { pretty: true },
      ),
    ).toMatchInlineSnapshot(`
        "<?xml version="1.0" encoding="UTF-8"?>
        <GetAccountDetailResponse>
          <success>true</success>
          <message/>
          <id>a1</id>
          <quotas>
            <namespace>koya</namespace>
            <fileCountMillion>1</fileCountMillion>
            <spaceTb>200</spaceTb>
          </quotas>
        </GetAccountDetailResponse>"
      `);
  });

  it('compact: one line, prolog unless declaration is false', () => {
    expect(encodeXml(Quota, { namespace: 'n', fileCountMillion: 1, spaceTb: 2 }, 'Q')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Q><namespace>n</namespace><fileCountMillion>1</fileCountMillion><spaceTb>2</spaceTb></Q>',
    );
  });

  it.each([
    ['a control character', Scalars, { text: 'bell\u0007' }, '/text'],
    ['a lone surrogate', Scalars, { text: 'x\uD800' }, '/text'],
    ['a map key that is no element name', Config, { env: { 'not a name': 'v' } }, '/env/not a name'],
    ['a root name that is no element name', Scalars, {}, undefined],
    ['an infinite number', Scalars, { count: Number.POSITIVE_INFINITY }, '/count'],
  ])('refuses %s (XML_UNENCODABLE)', (_name, schema, value, pointer) => {
    const error = captureError(() => encodeXml(schema, value, pointer === undefined ? '1Root' : 'Root'));
    expect(error).toMatchObject({ code: 'XML_UNENCODABLE', pointer });
  });
});

describe('decodeXml', () => {
  it.each([
    [
      'the documented NCP form: prolog, whitespace, one-item array',
      Detail,
      `<?xml version="1.0" encoding="UTF-8"?>
<GetAccountDetailResponse>
  <createdAt>2023-04-20T07:06:56.308Z</createdAt>
  <id>string</id>
  <message/>
  <quotas>
    <fileCountMillion>1</fileCountMillion>
    <namespace>koya</namespace>
    <spaceTb>200</spaceTb>
  </quotas>
  <success>true</success>
</GetAccountDetailResponse>`,
      {
        createdAt: '2023-04-20T07:06:56.308Z',
        id: 'string',
        message: '',
        quotas: [{ fileCountMillion: 1, namespace: 'koya', spaceTb: 200 }],
        success: true,
      },
    ],
    [
      'a required unwrapped array that is absent is empty; an optional one is absent',
      Tags,
      '<Root><portList/></Root>',
      { tags: [], ports: [] },
    ],
    [
      'wrapped and unwrapped arrays side by side',
      Tags,
      '<Root><tags>a</tags><portList><portList>80</portList></portList><tags>b</tags><labels><labels>x</labels></labels><env>e</env></Root>',
      { tags: ['a', 'b'], ports: [80], labels: ['x'], envs: ['e'] },
    ],
    ['attributes', Attributed, '<Root id="n&amp;1" version=" 2 "><Label>L</Label></Root>', { id: 'n&1', version: 2, label: 'L' }],
    [
      'records, with repeated keys for array values',
      Config,
      '<Root><env><additionalProp1>string</additionalProp1><B>2</B></env><images><tf>2.4</tf><tf>2.3</tf></images></Root>',
      { env: { additionalProp1: 'string', B: '2' }, images: { tf: ['2.4', '2.3'] } },
    ],
    ['CDATA joins the text around it, unescaped', Scalars, '<Root><text>a &lt; <![CDATA[<b> & ]]>c</text></Root>', { text: 'a < <b> & c' }],
    ['whitespace inside a string is data', Scalars, '<Root><text>  two  words \n</text></Root>', { text: '  two  words \n' }],
    [
      'comments and processing instructions are skipped',
      Scalars,
      '<?xml version="1.0"?><!-- a --><Root><!-- b --><count>1<!-- c --></count><?pi x?></Root><!-- d -->',
      { count: 1 },
    ],
    ['character references', Scalars, '<Root><text>&#x41;&#66;&#x1F600;&#13;</text></Root>', { text: 'AB😀\r' }],
    ['a byte-order mark and leading whitespace', Scalars, '\uFEFF\n  <Root><flag>true</flag></Root>', { flag: true }],
    [
      'nulls: xsi:nil, and empty elements of types with no empty form',
      Nulls,
      '<Root><count/><text xsi:nil="true"/><items xsi:nil="true"/></Root>',
      { count: null, text: null, items: null },
    ],
    ['an empty element of a nullable string is the empty string', Nulls, '<Root><count> </count><text/></Root>', { count: null, text: '' }],
    [
      'unknown keeps text and reads children generically',
      Scalars,
      '<Root><anything><a>1</a><a>2</a><b/></anything></Root>',
      { anything: { a: ['1', '2'], b: '' } },
    ],
    [
      'unknown reads elements named like Object.prototype members as data',
      Scalars,
      '<Root><anything><toString>1</toString><toString>2</toString><valueOf/></anything></Root>',
      { anything: { toString: ['1', '2'], valueOf: '' } },
    ],
  ])('%s', (_name, schema, xml, expected) => {
    const result = decodeXml(schema, xml);
    expect(result.unknown).toEqual([]);
    expect(result.value).toEqual(expected);
    expect(schema.safeParse(result.value).success).toBe(true);
  });

  it.each([
    ['a string holding a leading zero stays a string', '<text>0123</text>', { text: '0123' }],
    ['numbers are read as numbers, spaces trimmed', '<count> 1 </count>', { count: 1 }],
    ['exponent and sign', '<count>-1.5e3</count>', { count: -1500 }],
    ['big integers', '<big>12345678901234567890</big>', { big: 12345678901234567890n }],
    ['true', '<flag>true</flag>', { flag: true }],
    ['false', '<flag>false</flag>', { flag: false }],
    ['an enum keeps its text', '<state>RUNNING</state>', { state: 'RUNNING' }],
    ['an enum value the schema lacks is left for zod to report', '<state>PAUSED</state>', { state: 'PAUSED' }],
    ['a boolean literal', '<fixed>false</fixed>', { fixed: false }],
    ['a literal mismatch keeps the literal type for zod to report', '<fixed>true</fixed>', { fixed: true }],
    ['union members are tried in order: number first', '<either>42</either>', { either: 42 }],
    ['then string', '<either>forty-two</either>', { either: 'forty-two' }],
  ])('coercion by schema: %s', (_name, inner, expected) => {
    expect(decodeXml(Scalars, `<Root>${inner}</Root>`).value).toEqual(expected);
  });

  it.each([
    ['text in a number', Scalars, '<Root><count>abc</count></Root>', '/count', 1, 7, 'expected a number, found "abc"'],
    ['hex in a number', Scalars, '<Root><count>0x10</count></Root>', '/count', 1, 7, 'expected a number'],
    ['an empty number', Scalars, '<Root>\n  <count/>\n</Root>', '/count', 2, 3, 'expected a number, found ""'],
    ['yes for a boolean', Scalars, '<Root><flag>yes</flag></Root>', '/flag', 1, 7, 'expected true or false'],
    ['1 for a boolean', Scalars, '<Root><flag>1</flag></Root>', '/flag', 1, 7, 'expected true or false'],
    ['a repeated single element', Scalars, '<Root><count>1</count><count>2</count></Root>', '/count', 1, 23, 'appears more than once'],
    [
      'text in a number attribute',
      Attributed,
      '<Root version="v2"><Label>L</Label></Root>',
      '/version',
      1,
      7,
      'expected a number, found "v2"',
    ],
  ])('XML_TYPE_MISMATCH: %s', (_name, schema, xml, pointer, line, column, message) => {
    const error = captureError(() => decodeXml(schema, xml));
    expect(error).toMatchObject({ code: 'XML_TYPE_MISMATCH', pointer, line, column });
    expect(error.message).toContain(message);
  });

  it('names the array item in a mismatch inside a list', () => {
    const error = captureError(() =>
      decodeXml(
        Detail,
        '<R><success>true</success><id>x</id><quotas><spaceTb>1</spaceTb></quotas><quotas><spaceTb>big</spaceTb></quotas></R>',
      ),
    );
    expect(error).toMatchObject({ code: 'XML_TYPE_MISMATCH', pointer: '/quotas/1/spaceTb' });
  });

  it('reports elements and attributes the schema does not know, with JSON pointers, in document order, and leaves them out of the value', () => {
    const result = decodeXml(
      Detail,
      `<GetAccountDetailResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" region="kr">
  <success>true</success><id>x</id><extra>1</extra>
  <quotas><namespace>n</namespace><fileCountMillion>1</fileCountMillion><spaceTb>2</spaceTb><unit>TB</unit></quotas>
</GetAccountDetailResponse>`,
    );
    expect(result.value).toEqual({ success: true, id: 'x', quotas: [{ namespace: 'n', fileCountMillion: 1, spaceTb: 2 }] });
    expect(result.root).toBe('GetAccountDetailResponse');
    expect(result.unknown.map(({ pointer, element, line, column }) => ({ pointer, element, line, column }))).toEqual([
      { pointer: '/@region', element: '@region', line: 1, column: 81 },
      { pointer: '/extra', element: 'extra', line: 2, column: 36 },
      { pointer: '/quotas/0/unit', element: 'unit', line: 3, column: 93 },
    ]);
  });

  it.each([
    ['a number where the body is an object', Detail, '<GetAccountDetailResponse>0.5</GetAccountDetailResponse>', '', 'an object'],
    ['text beside the fields of an object', Detail, '<R><success>true</success>\n  stray text\n<id>x</id></R>', '', 'an object'],
    ['text inside a nested object', Detail, '<R><success>true</success><id>x</id><quotas>3</quotas></R>', '/quotas/0', 'an object'],
    ['text inside a wrapped list', Tags, '<R><tags>a</tags><portList><portList>80</portList>junk</portList></R>', '/ports', 'a list'],
    ['text inside a map', Config, '<R><env>PATH</env></R>', '/env', 'a map'],
  ])('refuses text where the schema expects elements: %s', (_name, schema, xml, pointer, what) => {
    expect(() => decodeXml(schema, xml)).toThrowError(expect.objectContaining({ code: 'XML_TYPE_MISMATCH', pointer }));
    expect(() => decodeXml(schema, xml)).toThrowError(`text where the schema expects ${what} (elements only)`);
  });

  it('returns the root element it saw, even when the schema names another', () => {
    expect(decodeXml(Detail, '<Other><success>true</success><id>x</id></Other>')).toMatchObject({
      root: 'Other',
      value: { success: true, id: 'x' },
    });
  });

  it('picks the union member that validates without unknown elements', () => {
    const ErrorResponse = z.union([
      z.object({ message: z.string(), success: z.literal(false) }),
      z.object({ errorCode: z.string(), requestId: z.string(), message: z.string() }),
    ]);
    expect(decodeXml(ErrorResponse, '<ErrorResponse><message>no such element</message><success>false</success></ErrorResponse>')).toEqual({
      value: { message: 'no such element', success: false },
      root: 'ErrorResponse',
      unknown: [],
      shape: [],
    });
    expect(
      decodeXml(ErrorResponse, '<ErrorResponse><errorCode>10002</errorCode><requestId>r-1</requestId><message>m</message></ErrorResponse>'),
    ).toEqual({
      value: { errorCode: '10002', requestId: 'r-1', message: 'm' },
      root: 'ErrorResponse',
      unknown: [],
      shape: [],
    });
  });

  describe('documents without a root element (empty-body requests)', () => {
    const AllOptional = z.object({ typeCode: z.string().optional() });
    it.each([
      ['empty text', ''],
      ['whitespace', ' \n '],
      [
        'the Data Forest placeholder',
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- XML example cannot be generated; root element name is undefined -->',
      ],
    ])('%s decodes to {} against an all-optional object', (_name, xml) => {
      expect(decodeXml(AllOptional, xml)).toEqual({ value: {}, root: undefined, unknown: [], shape: [] });
    });

    it('an empty root element is {} too', () => {
      expect(decodeXml(AllOptional, '<GetAccountListRequest></GetAccountListRequest>')).toEqual({
        value: {},
        root: 'GetAccountListRequest',
        unknown: [],
        shape: [],
      });
    });

    it('is XML_ROOT_MISSING where the schema has a required field', () => {
      expect(captureError(() => decodeXml(Detail, '<!-- nothing -->'))).toMatchObject({ code: 'XML_ROOT_MISSING' });
    });
  });
});

function captureError(run: () => unknown): XmlCodecError {
  try {
    run();
  } catch (error) {
    if (error instanceof XmlCodecError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an XmlCodecError');
}
