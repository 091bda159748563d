import { type Change, SEVERITIES } from './rules.ts';

export const FORMATS = ['text', 'json', 'md'] as const;
export type Format = (typeof FORMATS)[number];

/** `1 breaking, 0 warning, 2 info` */
export function countLine(changes: Change[]): string {
  return SEVERITIES.map((s) => `${changes.filter((c) => c.severity === s).length} ${s}`).join(', ');
}

const changeCount = (changes: Change[]) => `${changes.length} change${changes.length === 1 ? '' : 's'}: ${countLine(changes)}`;

function subject(c: Change): string {
  return c.method && c.path ? `${c.method} ${c.path}` : '';
}

/** `BREAKING  POST /api/v2/accounts/getDetail  response 200 application/xml /quotas: xml.wrapped changed false → true` */
function textLine(c: Change): string {
  const where = [subject(c), c.location].filter(Boolean).join('  ');
  return `${c.severity.toUpperCase().padEnd(8)}  ${where}: ${c.message}`;
}

function formatText(changes: Change[]): string {
  if (changes.length === 0) {
    return 'no changes\n';
  }
  return `${changes.map(textLine).join('\n')}\n\n${changeCount(changes)}\n`;
}

const cell = (text: string) => text.replaceAll('|', '\\|');
const code = (text: string) => (text ? `\`${cell(text)}\`` : '');

function formatMarkdown(changes: Change[], title: string): string {
  const heading = `### ${cell(title)}\n\n`;
  if (changes.length === 0) {
    return `${heading}No changes.\n\n`;
  }
  const rows = changes.map(
    (c) => `| ${c.severity} | ${code(subject(c))} | ${code(c.location ?? '')} | ${cell(c.message)} | \`${c.rule}\` |`,
  );
  return `${heading}${changeCount(changes)}\n\n| Severity | Operation | Location | Change | Rule |\n|---|---|---|---|---|\n${rows.join('\n')}\n\n`;
}

/** Renders changes; `title` names the compared specs in the Markdown heading (one section per spec in a job summary). */
export function formatChanges(changes: Change[], format: Format, title: string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(changes, null, 2)}\n`;
    case 'md':
      return formatMarkdown(changes, title);
    case 'text':
      return formatText(changes);
  }
}
