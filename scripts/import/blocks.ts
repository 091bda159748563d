import { parseDocument } from 'htmlparser2';

/** A JSON body as the page writes it: its text, its value when it parses, and why not when it does not. */
export interface JsonBlock {
  text: string;
  /** 0-based line where it starts. */
  line: number;
  value?: unknown;
  error?: string;
  /** The block runs to the end of the page without closing: the page was cut off. */
  unterminated?: boolean;
}

/** A block cut out of a page: its first line from where it starts, the others without the indentation they all share. */
export function dedent(lines: readonly string[]): string {
  const [first = '', ...rest] = lines;
  const indents = rest.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return [first.trim(), ...rest.map((l) => l.slice(cut).replace(/\s+$/, ''))].join('\n').trim();
}

/** The end index (exclusive) of the balanced `{…}`/`[…]` that opens at `start` in `text`, strings respected. */
function balancedEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') {
        i++;
      } else if (ch === '"') {
        inString = false;
      }
      continue;
    }
    if (ch === '"') {
      inString = true;
    } else if (ch === '{' || ch === '[') {
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) {
        return i + 1;
      }
    }
  }
  return undefined;
}

/** Why a body does not parse, in words that do not depend on the JavaScript engine's messages. */
function whyNotJson(text: string): string {
  const parses = (t: string) => {
    try {
      JSON.parse(t);
      return true;
    } catch {
      return false;
    }
  };
  if (parses(text.replace(/,(\s*[}\]])/g, '$1'))) {
    return 'a trailing comma';
  }
  if (parses(text.replace(/""(\s*[,}\]])/g, '"$1'))) {
    return 'a doubled quote';
  }
  if (parses(text.replace(/([{,]\s*)([A-Za-z_$][\w$]*)\s*:/g, '$1"$2":'))) {
    return 'an unquoted name';
  }
  return 'it does not parse';
}

function parse(text: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: whyNotJson(text) };
  }
}

/** Where a JSON body opens on a line: alone, after a bullet or a JSON/BASH tab, after an HTTP request line, or in a curl -d. */
function openAt(line: string): { open: number; shellQuoted: boolean } | undefined {
  const curl = /(?:-d|--data(?:-raw|-binary)?)\s+(["'])/.exec(line);
  if (curl) {
    const open = line.indexOf('{', curl.index);
    return open < 0 ? undefined : { open, shellQuoted: curl[1] === '"' };
  }
  const open = line.indexOf('{');
  if (open < 0) {
    return undefined;
  }
  const before = line.slice(0, open).trim();
  const prefix =
    /^(?:[•-]\s*)?(?:JSON|BASH|HTTP)?$/i.test(before) ||
    /x-ncp-apigw-signature-v2:\s*\S+$/.test(before) ||
    /^(?:[•-]\s*)?(?:POST|GET|PUT|PATCH|DELETE)\s+https?:\/\/\S+$/.test(before);
  return prefix ? { open, shellQuoted: false } : undefined;
}

/**
 * Every JSON object in the lines, in page order. A curl `-d "{ \"id\": … }"` argument is unquoted first. A block
 * that does not parse is kept with its error, so the importer can say so in a doc note.
 */
export function jsonBlocks(lines: readonly string[], from: number, to: number): JsonBlock[] {
  const blocks: JsonBlock[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    const at = openAt(line);
    if (!at) {
      continue;
    }
    const { open } = at;
    const unquote = (text: string) => (at.shellQuoted ? text.replace(/\\"/g, '"') : text);
    // Join the following lines until the braces balance (or the page ends).
    let text = unquote(line.slice(open));
    let endLine = i;
    let end = balancedEnd(text, 0);
    while (end === undefined && endLine + 1 < to && endLine - i < 400) {
      endLine++;
      text += `\n${unquote(lines[endLine] ?? '')}`;
      end = balancedEnd(text, 0);
    }
    if (end === undefined) {
      blocks.push({ text: dedent(text.split('\n')), line: i, error: 'the page ends before the body closes', unterminated: true });
      break;
    }
    const body = text.slice(0, end);
    const rawLines = body.split('\n');
    const written = dedent([rawLines[0] ?? '', ...rawLines.slice(1)]);
    blocks.push({ text: written, line: i, ...parse(written) });
    // Continue after the block's last line (what follows on that line rarely opens another body).
    i = endLine;
  }
  return blocks;
}

/** An XML sample: its text as written, its root name and the element tree (names only, for the twin check). */
export interface XmlBlock {
  text: string;
  line: number;
  root: string;
  tree: XmlShape;
}

export interface XmlShape {
  name: string;
  children: XmlShape[];
  text: string;
}

function shapeOf(node: { name?: string; children?: unknown[]; data?: string; type?: string }): XmlShape | undefined {
  if (node.type !== 'tag' || !node.name) {
    return undefined;
  }
  const kids = (node.children ?? []) as (typeof node)[];
  return {
    name: node.name,
    children: kids.map(shapeOf).filter((c): c is XmlShape => c !== undefined),
    text: kids
      .filter((k) => k.type === 'text')
      .map((k) => k.data ?? '')
      .join('')
      .trim(),
  };
}

/** Every XML document (from `<?xml` or a root tag to its closing tag) in the lines. */
export function xmlBlocks(lines: readonly string[], from: number, to: number): XmlBlock[] {
  const blocks: XmlBlock[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    const start = line.indexOf('<?xml');
    if (start < 0) {
      continue;
    }
    let text = line.slice(start);
    let endLine = i;
    const rootName = () => /<([A-Za-z_][\w.-]*)[\s>/]/.exec(text.replace(/<\?xml[^>]*\?>/, ''))?.[1];
    const closed = () => {
      const root = rootName();
      return root !== undefined && (text.includes(`</${root}>`) || new RegExp(`<${root}[^>]*/>`).test(text));
    };
    while (!closed() && endLine + 1 < to && endLine - i < 400) {
      const next = lines[endLine + 1] ?? '';
      if (next.trim() !== '' && !next.trim().startsWith('<')) {
        break;
      }
      endLine++;
      text += `\n${next}`;
    }
    const root = rootName();
    if (root === undefined || !closed()) {
      i = endLine;
      continue;
    }
    const close = text.indexOf(`</${root}>`);
    const cut = close >= 0 ? close + root.length + 3 : text.length;
    const raw = text.slice(0, cut).split('\n');
    const written = dedent([raw[0] ?? '', ...raw.slice(1)]);
    const doc = parseDocument(written, { xmlMode: true });
    const tree = doc.children.map((c) => shapeOf(c as Parameters<typeof shapeOf>[0])).find((c) => c !== undefined);
    if (tree) {
      blocks.push({ text: written, line: i, root, tree });
    }
    i = endLine;
  }
  return blocks;
}
