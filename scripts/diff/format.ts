import { acknowledgedChanges, type Change, countLine, openChanges, type Severity } from '../../contract-tests/spec/rules.ts';
import type { SourceIndex } from './sources.ts';

export const FORMATS = ['text', 'json', 'md', 'github'] as const;
export type OutputFormat = (typeof FORMATS)[number];

const changeCount = (changes: Change[]) => `${changes.length} change${changes.length === 1 ? '' : 's'}: ${countLine(changes)}`;

function subject(c: Change): string {
  return c.method && c.path ? `${c.method} ${c.path}` : '';
}

const where = (c: Change) => [subject(c), c.location].filter(Boolean).join('  ');

/**
 * `BREAKING  POST /api/v2/accounts/getDetail  response 200 application/xml /quotas: xml.wrapped changed false → true
 * [xml-wrapped-changed]`: the rule id last, as an acknowledged-breaks entry names it.
 */
function textLine(c: Change): string {
  if (c.acknowledged) {
    const { reason, expires } = c.acknowledged;
    return `${'ACKED'.padEnd(8)}  ${where(c)}: ${c.message} [${c.rule}, ${c.severity}; acknowledged until ${expires}: ${reason}]`;
  }
  return `${c.severity.toUpperCase().padEnd(8)}  ${where(c)}: ${c.message} [${c.rule}]`;
}

function formatText(changes: Change[]): string {
  if (changes.length === 0) {
    return 'no changes\n';
  }
  return `${[...openChanges(changes), ...acknowledgedChanges(changes)].map(textLine).join('\n')}\n\n${changeCount(changes)}\n`;
}

const cell = (text: string) => text.replaceAll('|', '\\|');
const code = (text: string) => (text ? `\`${cell(text)}\`` : '');

function formatMarkdown(changes: Change[], title: string): string {
  const heading = `### ${cell(title)}\n\n`;
  if (changes.length === 0) {
    return `${heading}No changes.\n\n`;
  }
  const rows = openChanges(changes).map(
    (c) => `| ${c.severity} | ${code(subject(c))} | ${code(c.location ?? '')} | ${cell(c.message)} | \`${c.rule}\` |`,
  );
  const table = rows.length > 0 ? `| Severity | Operation | Location | Change | Rule |\n|---|---|---|---|---|\n${rows.join('\n')}\n\n` : '';
  const acked = acknowledgedChanges(changes).map(
    (c) =>
      `| \`${c.rule}\` | ${code(subject(c))} | ${code(c.location ?? '')} | ${cell(c.message)} | ${cell(c.acknowledged?.reason ?? '')} | ${c.acknowledged?.expires ?? ''} |`,
  );
  const ackTable =
    acked.length > 0
      ? `#### Acknowledged breaks\n\n| Rule | Operation | Location | Change | Reason | Until |\n|---|---|---|---|---|---|\n${acked.join('\n')}\n\n`
      : '';
  return `${heading}${changeCount(changes)}\n\n${table}${ackTable}`;
}

const LEVEL: Record<Severity, string> = { breaking: 'error', warning: 'warning', info: 'notice' };

/** Workflow-command escaping: data loses `%`, CR and LF; properties also `:` and `,`. */
const escapeData = (text: string) => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
const escapeProperty = (text: string) => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');

/**
 * One GitHub Actions annotation per change, on the schema source of the operation or component where
 * one is found, else on the spec file: `::error file=schemas/…/get-detail.ts,line=34,title=…::…`.
 */
function formatGithub(changes: Change[], sources: SourceIndex | undefined): string {
  const lines = [...openChanges(changes), ...acknowledgedChanges(changes)].map((c) => {
    const source = sources?.locate(c);
    const properties = [
      ...(source ? [`file=${escapeProperty(source.file)}`, ...(source.line ? [`line=${source.line}`] : [])] : []),
      `title=${escapeProperty(`${c.rule} (${c.acknowledged ? `${c.severity}, acknowledged` : c.severity})`)}`,
    ];
    const ack = c.acknowledged ? ` [acknowledged until ${c.acknowledged.expires}: ${c.acknowledged.reason}]` : '';
    return `::${c.acknowledged ? 'notice' : LEVEL[c.severity]} ${properties.join(',')}::${escapeData(`${where(c)}: ${c.message}${ack}`)}`;
  });
  return `${lines.map((l) => `${l}\n`).join('')}${changes.length === 0 ? 'no changes' : changeCount(changes)}\n`;
}

/**
 * Renders changes; `title` names the compared specs in the Markdown heading (one section per spec in a
 * job summary); `sources` places GitHub annotations on schema files.
 */
export function formatChanges(changes: Change[], format: OutputFormat, title: string, sources?: SourceIndex): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(changes, null, 2)}\n`;
    case 'md':
      return formatMarkdown(changes, title);
    case 'github':
      return formatGithub(changes, sources);
    case 'text':
      return formatText(changes);
  }
}
