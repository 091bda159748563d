import { readFile } from 'node:fs/promises';
import { basename, resolve as resolvePath } from 'node:path';
import { Parser } from 'htmlparser2';
import { Agent, interceptors, request } from 'undici';
import { ImportInputError } from './errors.ts';

/** A vendor page as text lines, whatever form it came in. */
export interface Page {
  /** How messages name it: the path as given, or the URL. */
  source: string;
  /** The page's own address: the URL fetched, or the `url:` of a saved page's header. */
  url?: string;
  /** `key: value` lines of a saved page's header (above a `---` line), such as `updated`. */
  meta: Record<string, string>;
  /** The page's text, one entry per line, indentation kept (examples are quoted as written). */
  lines: string[];
}

/** Header keys a saved page may carry above its `---` line. */
const HEADER_KEYS = new Set(['url', 'language', 'layout', 'updated', 'complete', 'title', 'saved']);

/** Block elements end a line of text; table cells become `a | b |` rows as in a page's copied text. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'aside',
  'header',
  'footer',
  'nav',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'blockquote',
  'figure',
  'figcaption',
  'caption',
  'details',
  'summary',
  'hr',
  'form',
]);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'head']);

/**
 * The text of an HTML page as its reader sees it: one line per block, table rows as `cell | cell |` with a
 * `---|` line under a header row, `<pre>` kept as written. The same line parser then reads both forms.
 */
export function htmlToLines(html: string): string[] {
  const out: string[] = [];
  let line = '';
  let skipping = 0;
  let pre = 0;
  let row: string[] | undefined;
  let cell: string | undefined;
  let headerRow = false;
  const flush = () => {
    if (line.trim() !== '') {
      out.push(pre > 0 ? line.replace(/\s+$/, '') : line.replace(/\s+/g, ' ').trim());
    }
    line = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) {
          skipping++;
          return;
        }
        if (name === 'tr') {
          flush();
          row = [];
          headerRow = false;
        } else if ((name === 'td' || name === 'th') && row) {
          cell = '';
          headerRow ||= name === 'th';
        } else if (name === 'br') {
          if (cell !== undefined) {
            cell += ' ';
          } else {
            flush();
          }
        } else if (BLOCKS.has(name) && cell === undefined) {
          flush();
          if (name === 'pre') {
            pre++;
          }
        }
      },
      ontext(text) {
        if (skipping > 0) {
          return;
        }
        if (cell !== undefined) {
          cell += text;
          return;
        }
        if (pre > 0) {
          const parts = text.split('\n');
          parts.forEach((part, index) => {
            if (index > 0) {
              out.push(line.replace(/\s+$/, ''));
              line = '';
            }
            line += part;
          });
          return;
        }
        line += text;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) {
          skipping = Math.max(0, skipping - 1);
          return;
        }
        if ((name === 'td' || name === 'th') && row && cell !== undefined) {
          row.push(cell.replace(/\s+/g, ' ').trim());
          cell = undefined;
        } else if (name === 'tr' && row) {
          out.push(`${row.join(' | ')} |`);
          if (headerRow) {
            out.push(`${row.map(() => '---').join('|')}|`);
          }
          row = undefined;
        } else if (BLOCKS.has(name) && cell === undefined) {
          flush();
          if (name === 'pre') {
            pre = Math.max(0, pre - 1);
          }
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return out;
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<!--)/i.test(text) || /<\/(?:div|p|table|body)>/i.test(text);
}

/** NUL bytes or a high share of replacement characters: an image, an archive, a PDF… rather than a page. */
function isBinary(bytes: Uint8Array, text: string): boolean {
  if (bytes.includes(0)) {
    return true;
  }
  const replaced = text.match(/\uFFFD/g)?.length ?? 0;
  return replaced > 8 && replaced / text.length > 0.01;
}

/**
 * Extracted text glues the next heading to the end of a JSON example (`} Example Responses`, `} Status code: 400`);
 * the heading goes back on a line of its own so the section reader sees it.
 */
function splitGlued(line: string): string[] {
  const m = /^(\s*[}\]])\s+([A-Za-z\uac00-\ud7af\u3040-\u30ff].*)$/.exec(line);
  return m?.[1] && m[2] ? [m[1], m[2]] : [line];
}

/** Splits off a saved page's `key: value` header above its `---` line, when it has one. */
function splitHeader(lines: string[]): { meta: Record<string, string>; body: string[] } {
  const end = lines.findIndex((l) => l.trim() === '---');
  if (end <= 0 || end > 20) {
    return { meta: {}, body: lines };
  }
  const meta: Record<string, string> = {};
  for (const line of lines.slice(0, end)) {
    const m = /^([a-z_]+):\s*(.*)$/.exec(line.trim());
    if (!m?.[1] || !HEADER_KEYS.has(m[1])) {
      return { meta: {}, body: lines };
    }
    meta[m[1]] = (m[2] ?? '').trim();
  }
  return { meta, body: lines.slice(end + 1) };
}

/** Turns raw bytes into a Page: refuses empty and binary input, reads HTML through the parser. */
export function pageFromBytes(bytes: Uint8Array, source: string, url?: string): Page {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  if (text.trim() === '') {
    throw new ImportInputError(source, 'empty file: expected a saved vendor doc page (HTML or its text)');
  }
  if (isBinary(bytes, text)) {
    throw new ImportInputError(source, 'binary file, not a doc page: expected a saved page as HTML or as its text');
  }
  const raw = looksLikeHtml(text) ? htmlToLines(text) : text.replace(/\r\n?/g, '\n').split('\n');
  const { meta, body } = splitHeader(raw.flatMap(splitGlued));
  const pageUrl = url ?? meta.url;
  return { source, meta, lines: body, ...(pageUrl ? { url: pageUrl } : {}) };
}

/** Doc sites redirect (language, trailing slash): followed up to five times. */
let agent: ReturnType<Agent['compose']> | undefined;

/** Closes the connections kept for fetching, so the command exits as soon as it is done. */
export async function closeFetcher(): Promise<void> {
  const open = agent;
  agent = undefined;
  await open?.close();
}

/** Fetches an https page with undici (never in tests: they read saved pages). */
async function fetchPage(url: string): Promise<Uint8Array> {
  agent ??= new Agent({ headersTimeout: 30_000, bodyTimeout: 30_000 }).compose(interceptors.redirect({ maxRedirections: 5 }));
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, { dispatcher: agent, headers: { accept: 'text/html, text/plain;q=0.9' } });
  } catch (error) {
    throw new ImportInputError(url, `could not fetch the page (${error instanceof Error ? error.message : String(error)})`);
  }
  const bytes = new Uint8Array(await response.body.arrayBuffer());
  if (response.statusCode !== 200) {
    throw new ImportInputError(url, `the server answered ${response.statusCode}, not the page`);
  }
  return bytes;
}

/** Reads a SOURCE argument: an https URL, or a file path relative to `cwd`. */
export async function readSource(source: string, cwd: string): Promise<Page> {
  if (/^https?:\/\//i.test(source)) {
    if (!source.toLowerCase().startsWith('https://')) {
      throw new ImportInputError(source, 'only https:// pages are fetched');
    }
    return pageFromBytes(await fetchPage(source), source, source);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolvePath(cwd, source));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportInputError(source, code === 'EISDIR' ? 'is a directory, not a page' : 'no such file');
  }
  return pageFromBytes(bytes, source || basename(source));
}
