/**
 * When a doc note explains a difference between a page and the schema.
 *
 * A note explains a difference when it names **what** differs and **how**:
 * - what: the field's name as a word or in backticks (`quotas`, `job_id`; for `/quotas[]/namespace` the last
 *   name, `namespace`), the XML element (`<ErrorResponse>`), or the status code (`200`) for a status rule;
 * - how: a word of the difference's kind, in the rule's vocabulary: "required"/"optional" for a requirement,
 *   "type" or a type name for a type, "enum"/"values" for an enumeration, "table"/"documents"/"missing"/"neither"
 *   for a field one side lacks, "XML"/"element"/"root" for XML names, "at least"/"at most"/"characters"/"empty"
 *   and the like for a constraint.
 * So "The table types fileCountMillion as String, but every example uses integers; the schema expects integers"
 * explains a type change of `fileCountMillion`, and does not excuse a field removed from the same object.
 */

const KIND_WORDS: [RegExp, string[]][] = [
  [
    /made-required|made-optional|required-field|optional-field|required-parameter|optional-parameter/,
    ['required', 'requires', 'optional', 'mandatory', 'always'],
  ],
  [/type-|format-changed/, ['type', 'types', 'typed', 'string', 'integer', 'number', 'boolean', 'array', 'object', 'format']],
  [/enum/, ['enum', 'enumeration', 'values', 'value', 'one of']],
  [
    /field-added|field-removed|parameter-added|parameter-removed/,
    [
      'table',
      'tables',
      'documents',
      'documented',
      'not document',
      'missing',
      'leaves out',
      'leave out',
      'neither',
      'no longer',
      'only say',
      'has no',
      'lists',
    ],
  ],
  [/xml-/, ['xml', 'element', 'root']],
  [/status/, ['status', 'statuses', 'answer', 'answers', 'documents']],
  [
    /pattern|length|maximum|minimum|multiple-of|items|properties/,
    ['at least', 'at most', 'characters', 'empty', 'pattern', 'limit', 'bound', 'never', 'up to', 'format', 'length'],
  ],
  [/docs-changed|example/, ['example', 'examples', 'sample']],
];

function kindWords(rule: string): string[] {
  return KIND_WORDS.filter(([pattern]) => pattern.test(rule)).flatMap(([, words]) => words);
}

/** The field (or status) a difference is about: the last name of its pointer, `/quotas[]/namespace` → `namespace`. */
export function subjectOf(location: string): string {
  const pointer = location.split(' ').at(-1) ?? location;
  const names = pointer
    .split('/')
    .filter((s) => s && s !== '[]')
    .map((s) => s.replace(/\[\]$/, ''));
  return names.at(-1) ?? pointer;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first note that names the difference's subject and kind, or undefined. */
export function explainingNote(difference: { rule: string; location: string }, notes: readonly string[]): string | undefined {
  const subject = subjectOf(difference.location);
  const named = new RegExp(`(?:^|[^\\w])(?:\`${escapeRegExp(subject)}\`|<${escapeRegExp(subject)}>|${escapeRegExp(subject)})(?:[^\\w]|$)`);
  const words = kindWords(difference.rule);
  return notes.find(
    (note) => named.test(note) && words.some((w) => new RegExp(`(?:^|[^\\w])${escapeRegExp(w)}(?:[^\\w]|$)`, 'i').test(note)),
  );
}
