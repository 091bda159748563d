import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { buildDocument } from '../../contract-tests/spec/document.ts';
import { FORMATS, formatChanges, type OutputFormat } from '../../contract-tests/spec/format-changes.ts';
import { type Change, sortChanges } from '../../contract-tests/spec/rules.ts';
import type { Operation } from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { type Command, EXIT, type Io, parseCommandArgs, UsageError } from '../cli/command.ts';
import { checkOperation } from './check.ts';
import { type EmittedOperation, emitOperation } from './emit.ts';
import { ImportInputError } from './errors.ts';
import { extractOperation } from './extract.ts';
import { formatSource, loadEmitted } from './load.ts';
import type { ImportedOperation } from './model.ts';
import { checkOverview, overviewService, readOverview } from './overview.ts';
import { loadContext, type ProjectContext, pickService } from './project.ts';
import { closeFetcher, readSource } from './read.ts';

export const importUsage = `Usage: api-contracts import SOURCE... [--service ID] [--group NAME] [--print ts|openapi] [--write] [--force]
       api-contracts import --check [--service ID] [--operation OP]... [SOURCE...] [--format text|md|json|github]

Reads vendor doc pages (NCP classic and Method/URI layouts, Huawei; English, Korean, Japanese) and writes the
operation file this project would: defineOperation, Zod schemas with component ids and XML names, path and body
parameters, the page's examples (XML as written), the service's error responses, a doc note for every
inconsistency found on the page. Fields the service's other operations already model (ids, dates, enums) reuse
their schemas.

SOURCE is a saved page (HTML, or its text) or an https:// URL.

  --service ID            the service the page belongs to (default: the one whose paths match)
  --group NAME            the folder under schemas/<service>/ (default: from the path)
  --print ts|openapi      ts (default): the operation file; openapi: the OpenAPI 3.1 document \`generate\`
                          makes for the imported operation(s) alone
  --write                 write the file and its entry in the group's (or service's) index
  --force                 let --write replace an existing file
  --check                 compare each page with the operation as modelled (docs drift); without SOURCE,
                          fetch every operation's docUrl. Each difference is reported in the diff's rules
                          ("the page now documents …; the schema says …"); one a docNotes entry explains
                          is reported as acknowledged
  --operation OP          with --check: only this operation (operationId or path); repeatable
  --format FORMAT         with --check: text (default), md, json or github
  -h, --help

Exit codes: 0 done (--check: no unexplained difference), 1 --check found a difference no doc note explains,
2 usage, or a page that is not an operation page (empty, binary, unknown layout, no method/URI, truncated,
a login or error page): nothing is written.`;

async function catalog(): Promise<Service[]> {
  return (await import('../../schemas/index.ts')).services;
}

interface Imported {
  page: ImportedOperation;
  service?: Service;
  context?: ProjectContext;
  emitted: EmittedOperation;
}

async function importPages(sources: string[], io: Io, options: { service?: string; group?: string }): Promise<Imported[]> {
  const services = await catalog();
  if (options.service !== undefined && !services.some((s) => s.id === options.service)) {
    throw new UsageError(`unknown service '${options.service}' (services: ${services.map((s) => s.id).join(', ')})`);
  }
  const out: Imported[] = [];
  for (const source of sources) {
    const page = extractOperation(await readSource(source, io.cwd));
    const service = pickService(services, page, options.service);
    const context = service ? await loadContext(io.cwd, service, page.method, page.path) : undefined;
    const emitted = emitOperation(page, context, options.group ? { group: options.group } : {});
    emitted.source = await formatSource(io.cwd, emitted.file, emitted.source);
    out.push({ page, emitted, ...(service ? { service } : {}), ...(context ? { context } : {}) });
  }
  return out;
}

/** Adds the operation to its group index (`accounts = [...]`), or to the service's `operations: [...]`. */
async function addIndexEntry(cwd: string, item: Imported): Promise<string | undefined> {
  const { emitted, context } = item;
  if (!context || context.existing) {
    return undefined;
  }
  const groupIndex = join(dirname(emitted.file), 'index.ts');
  const serviceIndex = join(context.serviceDir, 'index.ts');
  const target = existsSync(join(cwd, groupIndex)) ? groupIndex : serviceIndex;
  const text = await readFile(join(cwd, target), 'utf8').catch(() => undefined);
  if (text === undefined || text.includes(`{ ${emitted.operationId} }`)) {
    return undefined;
  }
  let spec = relative(dirname(target), emitted.file);
  spec = spec.startsWith('.') ? spec : `./${spec}`;
  const importLine = `import { ${emitted.operationId} } from '${spec}';\n`;
  const lastImport = text.lastIndexOf('\nimport ');
  const afterImports = lastImport < 0 ? 0 : text.indexOf('\n', text.indexOf(';', lastImport)) + 1;
  let updated = `${text.slice(0, afterImports)}${importLine}${text.slice(afterImports)}`;
  const list = target === groupIndex ? /(export const \w+ = \[)([\s\S]*?)(\n?\];)/ : /(operations: \[)([\s\S]*?)(\])/;
  const m = list.exec(updated);
  if (!m) {
    return undefined;
  }
  const body = (m[2] ?? '').replace(/,?\s*$/, '');
  updated = updated.replace(list, `${m[1]}${body}${body.trim() === '' ? '' : ','} ${emitted.operationId}${m[3]}`);
  await writeFile(join(cwd, target), await formatSource(cwd, target, updated));
  return target;
}

async function runImport(
  sources: string[],
  io: Io,
  values: { service?: string; group?: string; print?: string; write?: boolean; force?: boolean },
): Promise<number> {
  if (sources.length === 0) {
    throw new UsageError(`expected at least one SOURCE (a saved page or an https:// URL)\n\n${importUsage}`);
  }
  const print = values.print ?? 'ts';
  if (print !== 'ts' && print !== 'openapi') {
    throw new UsageError(`--print must be ts or openapi (got '${print}')`);
  }
  const items = await importPages(sources, io, values);
  if (values.write) {
    // Every refusal before the first write: nothing is written unless everything can be.
    for (const { emitted } of items) {
      if (existsSync(join(io.cwd, emitted.file)) && !values.force) {
        throw new ImportInputError(emitted.file, 'already exists: pass --force to replace it');
      }
    }
    for (const item of items) {
      await writeFile(join(io.cwd, item.emitted.file), item.emitted.source, { flag: 'w' }).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') {
          throw error;
        }
        const { mkdir } = await import('node:fs/promises');
        await mkdir(dirname(join(io.cwd, item.emitted.file)), { recursive: true });
        await writeFile(join(io.cwd, item.emitted.file), item.emitted.source);
      });
      const index = await addIndexEntry(io.cwd, item);
      io.stderr(`wrote ${item.emitted.file}${index ? ` and its entry in ${index}` : ''} (${item.emitted.operationId})\n`);
    }
    return EXIT.ok;
  }
  if (print === 'ts') {
    io.stdout(items.map((i) => i.emitted.source).join('\n'));
    return EXIT.ok;
  }
  const byService = new Map<Service, Operation[]>();
  for (const item of items) {
    if (!item.service) {
      throw new ImportInputError(item.page.source, `no service of this project serves ${item.page.path}: pass --service ID`);
    }
    byService.set(item.service, [...(byService.get(item.service) ?? []), await loadEmitted(io.cwd, item.emitted)]);
  }
  const documents = [...byService].map(([service, operations]) => buildDocument({ ...service, operations }));
  io.stdout(`${JSON.stringify(documents.length === 1 ? documents[0] : documents, null, 2)}\n`);
  return EXIT.ok;
}

const matchesOperation = (op: Operation, wanted: string[]) =>
  wanted.length === 0 || wanted.some((w) => w === op.operationId || w === op.path);

async function runCheck(sources: string[], io: Io, values: { service?: string; operation?: string[]; format?: string }): Promise<number> {
  const format = FORMATS.find((f) => f === values.format);
  if (!format) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${values.format}')`);
  }
  const services = (await catalog()).filter((s) => values.service === undefined || s.id === values.service);
  if (services.length === 0) {
    throw new UsageError(`unknown service '${values.service}'`);
  }
  const wanted = values.operation ?? [];
  const pairs: { op: Operation; service: Service; source: string }[] = [];
  if (sources.length === 0) {
    for (const service of services) {
      for (const op of service.operations.filter((o) => matchesOperation(o, wanted))) {
        pairs.push({ op, service, source: op.docUrl });
      }
    }
    if (pairs.length === 0) {
      throw new UsageError(`no operation matches --operation ${wanted.join(', ')}`);
    }
  }
  const changes: Change[] = [];
  const checkPage = async (source: string, pinned?: { op: Operation; service: Service }) => {
    const page = await readSource(source, io.cwd);
    const overview = pinned ? undefined : readOverview(page);
    if (overview) {
      const service = values.service !== undefined ? services[0] : overviewService(page, services);
      if (!service) {
        throw new ImportInputError(source, 'an overview page of no service this project has (no server URL matches): pass --service ID');
      }
      changes.push(...checkOverview(service, overview));
      return;
    }
    const only =
      pinned ??
      (wanted.length === 1
        ? services.flatMap((s) => s.operations.map((op) => ({ op, service: s }))).find((x) => matchesOperation(x.op, wanted))
        : undefined);
    const model = extractOperation(page, only ? { method: only.op.method.toUpperCase(), path: only.op.path } : undefined);
    const found =
      only ??
      services
        .flatMap((s) => s.operations.map((op) => ({ op, service: s })))
        .find((x) => x.op.method === model.method && x.op.path === model.path);
    if (!found) {
      throw new ImportInputError(
        source,
        `documents ${model.method.toUpperCase()} ${model.path}, which no modelled operation has: import it, or name it with --operation`,
      );
    }
    changes.push(...checkOperation(found.op, model, found.service.docNotes));
  };
  for (const source of sources) {
    await checkPage(source);
  }
  // Every docUrl is checked even when one cannot be fetched or read: the others' drift is still worth reporting.
  const unreadable: string[] = [];
  for (const pair of pairs) {
    try {
      await checkPage(pair.source, pair);
    } catch (error) {
      if (!(error instanceof ImportInputError)) {
        throw error;
      }
      unreadable.push(`${pair.op.operationId}: ${error.message}`);
    }
  }
  const sorted = sortChanges(changes);
  io.stdout(formatChanges(sorted, format as OutputFormat, `Docs drift: ${sources.length > 0 ? sources.join(', ') : 'every docUrl'}`));
  const unexplained = sorted.filter((c) => !c.acknowledged);
  for (const line of unreadable) {
    io.stderr(`api-contracts import --check: could not check ${line}\n`);
  }
  if (unexplained.length > 0) {
    io.stderr(
      `api-contracts import --check: ${unexplained.length} difference(s) between the vendor pages and the schemas that no doc note explains\n`,
    );
    return EXIT.failed;
  }
  return unreadable.length > 0 ? EXIT.usage : EXIT.ok;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'write operation files from vendor doc pages (--check: report where the pages and the schemas differ)',
  usage: importUsage,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      'import',
      argv,
      {
        service: { type: 'string' },
        group: { type: 'string' },
        print: { type: 'string' },
        write: { type: 'boolean' },
        force: { type: 'boolean' },
        check: { type: 'boolean' },
        operation: { type: 'string', multiple: true },
        format: { type: 'string', default: 'text' },
      },
      true,
    );
    if (values.help) {
      io.stdout(`${importUsage}\n`);
      return EXIT.ok;
    }
    try {
      return values.check ? await runCheck(positionals, io, values) : await runImport(positionals, io, values);
    } catch (error) {
      if (error instanceof ImportInputError) {
        io.stderr(`api-contracts import: ${error.message}\n`);
        return EXIT.usage;
      }
      throw error;
    } finally {
      await closeFetcher();
    }
  },
};
