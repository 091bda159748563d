/**
 * `npm run bench:import`: how well `api-contracts import` reads pages it was not written against, and how fast.
 *
 * Over the saved vendor pages (`../shared/vendor-pages/`, listed in its index.json: Data Forest accounts in both
 * NCP layouts and three languages, dated Huawei DCS scanClients and DDS deleteSession pages and a mirror), each
 * page is imported as a new operation would be (the operation's own hand-written file is held back: only the
 * service's other operations lend their schemas) and compared with the hand-written operation, field by field:
 * a field agrees when both have it with the same type and requirement; each body's XML root name counts as a
 * field too. Pages the importer refuses (no method/URI, cut off before the response) are listed with the reason
 * and counted apart.
 *
 * Time per page: reading and importing (extract, emit, evaluate the emitted file), against reading the page
 * alone, measured in the same run.
 *
 * Target (issue 24): at least 95 % field agreement.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Operation } from '../schemas/_shared/operation.ts';
import { services } from '../schemas/index.ts';
import { schemaFacts } from '../scripts/import/check.ts';
import { emitOperation } from '../scripts/import/emit.ts';
import { extractOperation } from '../scripts/import/extract.ts';
import { loadEmitted } from '../scripts/import/load.ts';
import { loadContext, pickService } from '../scripts/import/project.ts';
import { readSource } from '../scripts/import/read.ts';
import { REPO_ROOT, sharedInputs } from '../scripts/import/shared-inputs.ts';

const TARGET = 0.95;
const shared = sharedInputs();
if (!shared) {
  process.stdout.write('bench:import: no ../shared/vendor-pages beside the repository; nothing to measure\n');
  process.exit(0);
}

interface Entry {
  file: string;
  method: string;
  path: string;
  layout: string;
  language: string;
}

type Side = Map<string, string>;

/** `request /quotas[]/namespace` → `string required`, and `request <xml>` → the root name. */
function fieldsOf(op: Operation): Side {
  const side: Side = new Map();
  const add = (where: string, schema: z.ZodType | undefined, io: 'input' | 'output') => {
    if (!schema) {
      return;
    }
    const { facts, xmlName } = schemaFacts(schema, io);
    for (const [pointer, fact] of facts) {
      side.set(`${where} ${pointer}`, `${fact.type ?? '?'} ${fact.required === false ? 'optional' : 'required'}`);
    }
    if (xmlName) {
      side.set(`${where} <xml>`, xmlName);
    }
  };
  add('path', op.request.params, 'input');
  add('query', op.request.query, 'input');
  add('request', op.request.body?.schema, 'input');
  add('response 200', op.responses.find((r) => r.status === 200)?.body?.schema, 'output');
  return side;
}

const entries = JSON.parse(await readFile(join(shared.vendorPages, 'index.json'), 'utf8')) as Entry[];
let agreed = 0;
let total = 0;
let refusedFields = 0;
const readMs: number[] = [];
const importMs: number[] = [];
const lines: string[] = [];
const byLayout = new Map<string, { agreed: number; total: number }>();

for (const entry of entries) {
  const file = join(shared.vendorPages, entry.file);
  const t0 = performance.now();
  const page = await readSource(file, REPO_ROOT);
  const t1 = performance.now();
  readMs.push(t1 - t0);
  const original = services.flatMap((s) => s.operations).find((o) => o.method === entry.method.toLowerCase() && o.path === entry.path);
  if (!original) {
    lines.push(`  ${entry.file.padEnd(52)} no hand-written operation for ${entry.method} ${entry.path}`);
    continue;
  }
  const theirs = fieldsOf(original);
  let imported: Operation;
  try {
    const model = extractOperation(page);
    const service = pickService(services, model);
    const context = service ? await loadContext(REPO_ROOT, service, model.method, model.path) : undefined;
    imported = await loadEmitted(REPO_ROOT, emitOperation(model, context));
  } catch (error) {
    refusedFields += theirs.size;
    lines.push(
      `  ${entry.file.padEnd(52)} refused: ${error instanceof Error ? error.message.split(': ').slice(1).join(': ') : String(error)}`,
    );
    continue;
  }
  importMs.push(performance.now() - t1);
  const mine = fieldsOf(imported);
  const keys = new Set([...theirs.keys(), ...mine.keys()]);
  const differing = [...keys].filter((k) => theirs.get(k) !== mine.get(k));
  agreed += keys.size - differing.length;
  total += keys.size;
  const layout = byLayout.get(`${entry.layout}/${entry.language}`) ?? { agreed: 0, total: 0 };
  layout.agreed += keys.size - differing.length;
  layout.total += keys.size;
  byLayout.set(`${entry.layout}/${entry.language}`, layout);
  const detail = differing.map((k) => `${k}: page ${mine.get(k) ?? 'absent'}, schema ${theirs.get(k) ?? 'absent'}`).join('; ');
  lines.push(`  ${entry.file.padEnd(52)} ${keys.size - differing.length}/${keys.size}${detail ? `  ${detail}` : ''}`);
}

const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)} %`);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const out = [
  `bench:import — ${entries.length} saved vendor pages, each imported with its own operation held back`,
  ...lines,
  '',
  ...[...byLayout].sort().map(([key, v]) => `  ${key.padEnd(18)} ${pct(v.agreed, v.total)} (${v.agreed}/${v.total} fields)`),
  `field agreement over imported pages: ${pct(agreed, total)} (${agreed}/${total}); target ${TARGET * 100} %: ${agreed / Math.max(1, total) >= TARGET ? 'met' : 'missed'}`,
  `counting refused pages' fields as disagreeing: ${pct(agreed, total + refusedFields)}`,
  `time per page: import ${mean(importMs).toFixed(1)} ms (extract, emit, evaluate), reading alone ${mean(readMs).toFixed(2)} ms; ratio ${(mean(importMs) / Math.max(0.001, mean(readMs))).toFixed(0)}×`,
];
process.stdout.write(`${out.join('\n')}\n`);
