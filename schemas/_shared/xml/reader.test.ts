import { describe, expect, it } from 'vitest';
import { XmlCodecError, type XmlErrorCode } from './errors.ts';
import { readXml, type XmlNode } from './reader.ts';

const LIMITS = { maxDepth: 8, maxElements: 20 };

/** A node as `[name, attributes, ...children]`, text as its string: the whole tree in one readable literal. */
type Shape = string | [string, Record<string, string>, ...Shape[]];

function shape(node: XmlNode): Shape {
  if (node.kind === 'text') {
    return node.text;
  }
  return [
    node.name,
    Object.fromEntries(node.attributes.map((attribute) => [attribute.name, attribute.value])),
    ...node.children.map(shape),
  ];
}

function readError(xml: string): XmlCodecError {
  try {
    readXml(xml, LIMITS);
  } catch (error) {
    if (error instanceof XmlCodecError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the document to be refused');
}

describe('readXml', () => {
  it.each<[string, string, Shape | undefined]>([
    ['an empty document', '', undefined],
    ['only a prolog, a comment and whitespace', '\uFEFF <?xml version="1.0"?>\n<!-- none -->\n', undefined],
    [
      'prolog, comments and processing instructions around the root',
      '<?xml version="1.0"?><!--a--><?pi x?><r/><!--b--><?pi?>\n',
      ['r', {}],
    ],
    ['a byte-order mark and whitespace before the declaration', '\uFEFF\n  <?xml version="1.0"?><r/>', ['r', {}]],
    [
      'attributes in both quotes, spaces around "=", the other quote inside',
      `<r a="1" b = '2' c="it's" d='say "x"'/>`,
      ['r', { a: '1', b: '2', c: "it's", d: 'say "x"' }],
    ],
    ['">" and "/" in an attribute value', '<r a="x>y/"/>', ['r', { a: 'x>y/' }]],
    [
      'attribute values: references, literal TAB/LF/CR(LF) become spaces, referenced ones stay',
      '<r a="&lt;&amp;&#65;" b="1\t2\n3\r\n4\r5" c="&#x9;&#xA;&#xD;"/>',
      ['r', { a: '<&A', b: '1 2 3 4 5', c: '\t\n\r' }],
    ],
    ['text: predefined entities and character references', '<r>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F600;</r>', ['r', {}, '&<>"\'AB😀']],
    ['text: CRLF and CR become LF, a referenced CR stays', '<r>a\r\nb\rc&#xD;</r>', ['r', {}, 'a\nb\nc\r']],
    ['text: ">" and "]]" alone are data', '<r>a > b ]] c</r>', ['r', {}, 'a > b ]] c']],
    [
      'text, CDATA and text across a comment are one text node',
      '<r>1<!--c--><![CDATA[<2> & ]]>3<b/>4<?pi?>5</r>',
      ['r', {}, '1<2> & 3', ['b', {}], '45'],
    ],
    ['CDATA keeps markup, normalises line ends', '<r><![CDATA[<!DOCTYPE x>\r\n&amp;]]></r>', ['r', {}, '<!DOCTYPE x>\n&amp;']],
    ['whitespace between elements is text', '<r>\n  <a>x</a>\n</r>', ['r', {}, '\n  ', ['a', {}, 'x'], '\n']],
    ['an empty comment and a closing tag with space', '<r><!----></r \n>', ['r', {}]],
    [
      'namespace prefixes are part of the name',
      '<s:r xmlns:s="urn:x" xsi:nil="true"/>',
      ['s:r', { 'xmlns:s': 'urn:x', 'xsi:nil': 'true' }],
    ],
    [
      'names that are JavaScript prototype members, read as names (the decoder decides what they mean)',
      '<a constructor="x"><__proto__/><prototype/></a>',
      ['a', { constructor: 'x' }, ['__proto__', {}], ['prototype', {}]],
    ],
    ['names beyond ASCII, a supplementary character included', '<한국 属性="v"><𐀀x-1.b/></한국>', ['한국', { 属性: 'v' }, ['𐀀x-1.b', {}]]],
    [
      'nesting exactly at maxDepth',
      `${'<a>'.repeat(8)}${'</a>'.repeat(8)}`,
      ['a', {}, ['a', {}, ['a', {}, ['a', {}, ['a', {}, ['a', {}, ['a', {}, ['a', {}]]]]]]]],
    ],
  ])('%s', (_name, xml, expected) => {
    const root = readXml(xml, LIMITS);
    expect(root && shape(root)).toEqual(expected);
  });

  it('places elements, attributes and text where they start', () => {
    const root = readXml('<r>\n  <a id="1">x</a>text</r>', LIMITS);
    const [space, a, text] = root?.children ?? [];
    expect({
      root: root?.start,
      space: space?.start,
      a: a?.start,
      id: a?.kind === 'element' ? a.attributes[0]?.start : undefined,
      text: text?.start,
    }).toEqual({ root: 0, space: 3, a: 6, id: 9, text: 21 });
  });

  it.each<[string, string, XmlErrorCode, string]>([
    // What fast-xml-parser's parser accepts without its validator.
    ['mismatched tags', '<a></b>', 'XML_MALFORMED', '</b> does not close <a>, opened at line 1, column 1 (line 1, column 4)'],
    [
      'overlapping elements',
      '<a>\n<b>\n</a></b>',
      'XML_MALFORMED',
      '</a> does not close <b>, opened at line 2, column 1 (line 3, column 1)',
    ],
    ['an unclosed element with text', '<a>x', 'XML_MALFORMED', '<a> is not closed (line 1, column 1)'],
    ['"/" and a space before ">"', '<a/ >', 'XML_MALFORMED', 'expected whitespace, ">" or "/>" in the start tag <a> (line 1, column 3)'],
    ['a name starting with a digit', '<1a/>', 'XML_MALFORMED', 'expected an element name after "<" (line 1, column 2)'],
    ['a space after "<"', '< a/>', 'XML_MALFORMED', 'expected an element name after "<" (line 1, column 2)'],
    ['an unquoted attribute value', '<a b=1/>', 'XML_MALFORMED', 'the value of attribute b is not quoted (line 1, column 6)'],
    ['an attribute without a value', '<a b/>', 'XML_MALFORMED', 'attribute b has no value (line 1, column 4)'],
    [
      'attributes without a space between',
      '<a b="1"c="2"/>',
      'XML_MALFORMED',
      'expected whitespace, ">" or "/>" in the start tag <a> (line 1, column 9)',
    ],
    ['a repeated attribute', '<a x="1" y="2" x="3"/>', 'XML_MALFORMED', 'attribute x is repeated (line 1, column 16)'],
    ['text before the root', 'x<a/>', 'XML_MALFORMED', 'text outside the root element: "x" (line 1, column 1)'],
    [
      'JSON',
      '{"id":"axE7wU9ERm8fTc7e17vNvu"}',
      'XML_MALFORMED',
      'text outside the root element: "{"id":"axE7wU9ERm8fT…" (line 1, column 1)',
    ],
    [
      'a closing tag with something after its name',
      '<a></a x>',
      'XML_MALFORMED',
      'expected ">" to end the closing tag </a> (line 1, column 7)',
    ],
    ['a closing tag before any element', '</a>', 'XML_MALFORMED', 'a closing tag without a matching start tag (line 1, column 1)'],
    ['an unclosed start tag', '<a/><b', 'XML_MALFORMED', 'the start tag <b> is not closed (line 1, column 5)'],
    ['an unclosed attribute value', '<a b="x/>', 'XML_MALFORMED', 'the value of attribute b is not closed (line 1, column 6)'],
    // What fast-xml-parser's validator lets through too.
    ['text after a self-closed root', '<a/>\ntext', 'XML_MALFORMED', 'text outside the root element: "text" (line 2, column 1)'],
    ['a second self-closed root', '<a/><b/>', 'XML_MALFORMED', 'a second root element <b> (line 1, column 5)'],
    ['"<" in an attribute value', '<a b="<"/>', 'XML_MALFORMED', '"<" in an attribute value: write it as &lt; (line 1, column 7)'],
    ['"]]>" in text', '<a>x]]></a>', 'XML_MALFORMED', '"]]>" in text: write it as ]]&gt; (line 1, column 5)'],
    [
      'a declaration after the root',
      '<a/><?xml version="1.0"?>',
      'XML_MALFORMED',
      'the XML declaration <?xml …?> must come first in the document (line 1, column 5)',
    ],
    [
      'an entity declaration inside an element',
      '<a><!ENTITY e "x"></a>',
      'XML_DTD_FORBIDDEN',
      '<!ENTITY> is refused: DTDs and entity declarations are not read (line 1, column 4)',
    ],
    // The rest of the grammar.
    [
      'a DOCTYPE',
      '<!DOCTYPE a><a/>',
      'XML_DTD_FORBIDDEN',
      '<!DOCTYPE> is refused: DTDs and entity declarations are not read (line 1, column 1)',
    ],
    ['an unknown "<!"', '<a><!x></a>', 'XML_MALFORMED', 'unexpected "<!" (line 1, column 4)'],
    ['CDATA outside the root', '<![CDATA[x]]><a/>', 'XML_MALFORMED', 'a CDATA section outside the root element (line 1, column 1)'],
    ['"--" inside a comment', '<a><!-- x -- y --></a>', 'XML_MALFORMED', '"--" inside a comment (line 1, column 11)'],
    ['a comment ending in "--->"', '<a><!-- x ---></a>', 'XML_MALFORMED', '"--" inside a comment (line 1, column 11)'],
    ['an unclosed comment', '<a/><!--->', 'XML_MALFORMED', 'unclosed comment (line 1, column 5)'],
    ['an unclosed CDATA section', '<a><![CDATA[x</a>', 'XML_MALFORMED', 'unclosed CDATA section (line 1, column 4)'],
    ['an unclosed processing instruction', '<a/><?pi', 'XML_MALFORMED', 'unclosed processing instruction (line 1, column 5)'],
    [
      'a processing instruction target glued to data',
      '<a/><?pi"x"?>',
      'XML_MALFORMED',
      'expected whitespace or "?>" after <?pi (line 1, column 9)',
    ],
    [
      'an undefined entity',
      '<a>&nbsp;</a>',
      'XML_MALFORMED',
      'undefined entity &nbsp;: only &amp; &lt; &gt; &quot; &apos; and character references are allowed (line 1, column 4)',
    ],
    ['a bare "&"', '<a>a & b</a>', 'XML_MALFORMED', 'bare "&": write it as &amp; (line 1, column 6)'],
    ['a reference without ";"', '<a>&#65 </a>', 'XML_MALFORMED', '&#65 lacks its ";" (line 1, column 4)'],
    [
      'a reference to a character XML forbids',
      '<a b="&#x1;"/>',
      'XML_MALFORMED',
      'character reference &#x1; is not an XML character (line 1, column 7)',
    ],
    [
      'a reference beyond Unicode',
      '<a>&#x110000;</a>',
      'XML_MALFORMED',
      'character reference &#x110000; is not an XML character (line 1, column 4)',
    ],
    [
      'nesting beyond maxDepth',
      `${'<a>'.repeat(9)}${'</a>'.repeat(9)}`,
      'XML_TOO_DEEP',
      'elements are nested more than 8 deep (line 1, column 25)',
    ],
    [
      'more elements than maxElements',
      `<r>${'<a/>'.repeat(20)}</r>`,
      'XML_TOO_MANY_ELEMENTS',
      'the document has more than 20 elements (line 1, column 80)',
    ],
  ])('refuses %s', (_name, xml, code, message) => {
    const error = readError(xml);
    expect({ code: error.code, message: error.message }).toEqual({ code, message });
  });
});
