import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

/**
 * Readers open the docs behind firewalls and from file://, so the page may make no request at all. Redoc still
 * renders its logo from a CDN; this policy blocks that and any other fetch while inline scripts, styles and
 * data: images keep the page working.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; worker-src blob:; connect-src 'none'; base-uri 'none'; form-action 'none'";

export class DocsBuildError extends Error {
  readonly code = 'DOCS_BUILD';
  constructor(
    readonly service: string,
    detail: string,
  ) {
    super(`${service}: redocly build-docs failed: ${detail}`);
    this.name = 'DocsBuildError';
  }
}

/** Renders one spec to a self-contained HTML page with `redocly build-docs`: bundle inlined, telemetry off. */
export async function renderDocs(service: string, title: string, yaml: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'api-contracts-docs-'));
  try {
    const input = join(dir, 'openapi.yaml');
    const output = join(dir, 'index.html');
    await writeFile(input, yaml);
    try {
      await run(
        process.execPath,
        [redocly, 'build-docs', input, '-o', output, '--inlineBundle', '--openapi.disableTelemetry=true', '--title', title],
        { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, maxBuffer: 16 * 1024 * 1024 },
      );
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? String(error);
      throw new DocsBuildError(service, stderr.trim().split('\n').slice(-5).join('\n'));
    }
    const html = await readFile(output, 'utf8');
    return html.replace(/<head>/, `<head>\n  <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
