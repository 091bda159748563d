/**
 * `npm run bench:xml`: throughput of the schema-driven XML codec on real Data Forest bodies, against raw
 * fast-xml-parser (`new XMLParser().parse`, default options) on the very same documents.
 *
 * - decode+validate = `decodeXml` (one strict pass: well-formedness, limits, tree; then coercion by schema)
 *   + `schema.parse`;
 * - encode = `encodeXml` of the parsed value.
 * Target (issue 4): decode+validate ≥ 50 % of the raw parse speed.
 *
 * Each measurement warms up, then runs ROUNDS timed rounds and keeps the median.
 */
import { XMLParser } from 'fast-xml-parser';
import type { z } from 'zod';
import type { NormalizedBody } from '../schemas/_shared/operation.ts';
import { decodeXml, encodeXml, xmlRootName } from '../schemas/_shared/xml/index.ts';
import { services } from '../schemas/index.ts';

const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 300);
const ROUNDS = 7;
const TARGET = 0.5;

interface Document {
  name: string;
  schema: z.ZodType;
  value: unknown;
  xml: string;
}

const operations = services.flatMap((service) => service.operations);

function bodyOf(operationId: string, status: number | 'request'): NormalizedBody {
  const operation = operations.find((candidate) => candidate.operationId === operationId);
  const body = status === 'request' ? operation?.request.body : operation?.responses.find((response) => response.status === status)?.body;
  if (!body) {
    throw new Error(`bench: ${operationId} has no ${status} body`);
  }
  return body;
}

function exampleBody(operationId: string, status: number | 'request'): unknown {
  const operation = operations.find((candidate) => candidate.operationId === operationId);
  const example = operation?.examples.find((candidate) => status === 'request' || candidate.response.status === status);
  return status === 'request' ? example?.request.body : example?.response.body;
}

function documentOf(name: string, operationId: string, status: number | 'request', value?: unknown): Document {
  const body = bodyOf(operationId, status);
  const parsed = body.fromJson(body.schema.parse(value ?? exampleBody(operationId, status)));
  return { name, schema: body.xmlSchema, value: parsed, xml: encodeXml(body.xmlSchema, parsed, xmlRootName(body.xmlSchema) ?? 'Body') };
}

/** appsGetList with 50 apps, each a copy of the documented one with its own id and numbers. */
function appList(count: number): unknown {
  const example = exampleBody('appsGetList', 200) as { contents: Record<string, unknown>[] };
  const [app] = example.contents;
  const contents = Array.from({ length: count }, (_, index) => ({
    ...app,
    id: `App${String(index).padStart(19, '0')}`,
    name: `app-${index}`,
    lifetimeMillis: 604800 + index,
    disabled: index % 2 === 0,
  }));
  return { ...example, total: count, contents };
}

const documents: Document[] = [
  documentOf('list: appsGetList, 50 apps', 'appsGetList', 200, appList(50)),
  documentOf('nested: aiWorkspacesGetDetail', 'aiWorkspacesGetDetail', 200),
  documentOf('small: accountsGetDetail request', 'accountsGetDetail', 'request'),
  documentOf('error: ErrorResponse 404', 'appsKillMaster', 404),
];

/** Median operations per second over the timed rounds, after a warm-up round. */
function opsPerSecond(run: () => unknown): number {
  const measure = () => {
    let count = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < ROUND_MS) {
      for (let i = 0; i < 32; i++) {
        run();
      }
      count += 32;
      elapsed = performance.now() - start;
    }
    return (count * 1000) / elapsed;
  };
  measure();
  const rounds = Array.from({ length: ROUNDS }, measure).sort((a, b) => a - b);
  return rounds[Math.floor(ROUNDS / 2)] ?? 0;
}

const raw = new XMLParser();
const rows: string[][] = [];
let belowTarget = 0;
for (const document of documents) {
  // Guard: a benchmark of a codec that decodes wrongly measures nothing.
  const check = decodeXml(document.schema, document.xml);
  if (
    check.unknown.length + check.shape.length > 0 ||
    JSON.stringify(document.schema.parse(check.value)) !== JSON.stringify(document.value)
  ) {
    throw new Error(`bench: ${document.name} does not round-trip`);
  }
  const rawOps = opsPerSecond(() => raw.parse(document.xml));
  const decodeOps = opsPerSecond(() => document.schema.parse(decodeXml(document.schema, document.xml).value));
  const encodeOps = opsPerSecond(() => encodeXml(document.schema, document.value, 'Body'));
  const ratio = decodeOps / rawOps;
  belowTarget += ratio < TARGET ? 1 : 0;
  rows.push([
    document.name,
    String(Buffer.byteLength(document.xml)),
    Math.round(rawOps).toLocaleString('en-US'),
    Math.round(decodeOps).toLocaleString('en-US'),
    `${Math.round(ratio * 100)} %`,
    Math.round(encodeOps).toLocaleString('en-US'),
    `${Math.round((encodeOps / rawOps) * 100)} %`,
  ]);
}

const header = ['document', 'bytes', 'raw parse ops/s', 'decode+validate ops/s', 'ratio', 'encode ops/s', 'encode/raw'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
const line = (cells: string[]) =>
  `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
process.stdout.write(
  [
    `XML codec benchmark (node ${process.version}, median of ${ROUNDS} rounds of ${ROUND_MS} ms)`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    belowTarget === 0
      ? `decode+validate is at least ${TARGET * 100} % of raw fast-xml-parser speed on every document (target met)`
      : `${belowTarget} document(s) below the ${TARGET * 100} % target`,
    '',
  ].join('\n'),
);
