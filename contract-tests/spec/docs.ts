import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ContractError } from '../errors.ts';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const redocly = require.resolve('@redocly/cli/bin/cli.js');
const REDOCLY_VERSION: string = require('@redocly/cli/package.json').version;
const BUILD_FLAGS = ['--inlineBundle', '--openapi.disableTelemetry=true'];

/**
 * Readers open the docs behind firewalls and from file://, so the page may make no request at all. Redoc still
 * renders its logo from a CDN; this policy blocks that and any other fetch while inline scripts, styles and
 * data: images keep the page working.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; worker-src blob:; connect-src 'none'; base-uri 'none'; form-action 'none'";

export class DocsBuildError extends ContractError<'DOCS_BUILD'> {
  constructor(
    readonly service: string,
    detail: string,
  ) {
    super('DOCS_BUILD', `${service}: redocly build-docs failed: ${detail}`);
  }
}

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text).digest('hex')}`;

/** Everything a page is rendered from: while none of it changes, rendering again gives the same page. */
export function docsInput(title: string, yaml: string): string {
  return sha256(JSON.stringify([REDOCLY_VERSION, BUILD_FLAGS, CONTENT_SECURITY_POLICY, title, yaml]));
}

// The page records what it was rendered from, and a hash of itself so an edited page is rendered again.
const INPUT_META = 'api-contracts-docs-input';
const PAGE_META = /^ {2}<meta name="api-contracts-docs-page" content="(sha256-[0-9a-f]{64})">\n/m;

/** The page as committed: the CSP, the input it was rendered from, and a hash of the rest of the page. */
export function stamp(html: string, input: string): string {
  const head = [
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    `<meta name="${INPUT_META}" content="${input}">`,
  ];
  const page = html.replace(/<head>/, `<head>\n${head.map((line) => `  ${line}\n`).join('')}`);
  const at = page.indexOf(`<meta name="${INPUT_META}"`);
  const lineEnd = page.indexOf('\n', at) + 1;
  return `${page.slice(0, lineEnd)}  <meta name="api-contracts-docs-page" content="${sha256(page)}">\n${page.slice(lineEnd)}`;
}

/** The input an unedited page was rendered from; undefined for an edited page or one without the record. */
export function renderedFrom(page: string): string | undefined {
  const recorded = PAGE_META.exec(page);
  if (recorded === null || sha256(page.replace(PAGE_META, '')) !== recorded[1]) {
    return undefined;
  }
  return new RegExp(`<meta name="${INPUT_META}" content="(sha256-[0-9a-f]{64})">`).exec(page)?.[1];
}

async function build(service: string, title: string, yaml: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'api-contracts-docs-'));
  try {
    const input = join(dir, 'openapi.yaml');
    const output = join(dir, 'index.html');
    await writeFile(input, yaml);
    try {
      await run(process.execPath, [redocly, 'build-docs', input, '-o', output, ...BUILD_FLAGS, '--title', title], {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? String(error);
      throw new DocsBuildError(service, stderr.trim().split('\n').slice(-5).join('\n'));
    }
    return await readFile(output, 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * One spec as a self-contained HTML page, rendered by `redocly build-docs` (bundle inlined, telemetry off)
 * unless `previous` is an unedited page rendered from the same input, which is returned as it is.
 */
export async function renderDocs(service: string, title: string, yaml: string, previous?: string): Promise<string> {
  const input = docsInput(title, yaml);
  if (previous !== undefined && renderedFrom(previous) === input) {
    return previous;
  }
  return stamp(await build(service, title, yaml), input);
}
