import type { Change } from '../../contract-tests/spec/rules.ts';
import type { Pending } from '../../contract-tests/spec/versioning.ts';

const HEADER = (title: string) => `# Changelog: ${title}

The spec's \`info.version\` follows semantic versioning against the previous release: a breaking change
makes a major release, an addition or any other change a client can see a minor one, a documentation
edit a patch. Each entry is written by \`api-contracts release\` from the diff; newest first.
`;

const SECTIONS: Array<[string, (c: Change) => boolean]> = [
  ['Breaking', (c) => c.severity === 'breaking'],
  ['Warnings', (c) => c.severity === 'warning'],
  ['Changes', (c) => c.severity === 'info' && c.rule !== 'docs-changed'],
  ['Documentation', (c) => c.rule === 'docs-changed'],
];

const LEAD: Record<Pending['bump'], string> = {
  first: '',
  major: 'Breaking changes: clients generated from the previous release may need changes.',
  minor: 'Backward compatible: additions and changes existing clients keep working with.',
  patch: 'Documentation only.',
};

function line(c: Change): string {
  const subject = c.method && c.path ? `\`${c.method} ${c.path}\`` : '';
  const where = [subject, c.location ? `\`${c.location}\`` : ''].filter(Boolean).join(' ');
  return `- ${where}: ${c.message} (\`${c.rule}\`)`;
}

/** One release's entry: version, date, and the diff by section (breaking first). */
export function changelogEntry(pending: Pending, date: string, operations: number): string {
  const heading = `## ${pending.to} — ${date}\n\n`;
  if (pending.bump === 'first') {
    return `${heading}First release: ${operations} operation${operations === 1 ? '' : 's'}.\n`;
  }
  const sections = SECTIONS.map(([title, keep]) => [title, pending.changes.filter(keep)] as const)
    .filter(([, changes]) => changes.length > 0)
    .map(([title, changes]) => `### ${title}\n\n${changes.map(line).join('\n')}\n`);
  return `${heading}${LEAD[pending.bump]}\n\n${sections.join('\n')}`;
}

/** The changelog with `entry` on top of the previous ones (a new file gets the header first). */
export function withEntry(changelog: string, title: string, entry: string): string {
  const text = changelog.trim() === '' ? HEADER(title) : changelog;
  const first = text.search(/^## /m);
  return first === -1 ? `${text.trimEnd()}\n\n${entry}` : `${text.slice(0, first)}${entry}\n${text.slice(first)}`;
}
