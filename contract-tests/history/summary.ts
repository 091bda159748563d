import type { CaseId, ServiceHistory } from './analyze.ts';

export type HistoryFormat = 'text' | 'md' | 'json';

export interface Section {
  title: string;
  lines: string[];
}

type Style = { code: (text: string) => string };
const TEXT: Style = { code: (text) => text };
const MD: Style = { code: (text) => `\`${text.replaceAll('`', 'ˋ')}\`` };

const OPEN = '\u0001';
const CLOSE = '\u0002';
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);

/** What changed, as HTML list items (escaped; names in <code>), for the status page. */
export function changeSections(h: ServiceHistory): Section[] {
  const marked = sections(h, { code: (text) => `${OPEN}${text}${CLOSE}` });
  const html = (line: string) => escapeHtml(line).replaceAll(OPEN, '<code>').replaceAll(CLOSE, '</code>');
  return marked.map((s) => ({ title: s.title, lines: s.lines.map(html) }));
}

/** `2026-12-06 02:00 UTC`: minutes are enough to tell nightly runs apart, and shorter to read. */
export function when(at: string): string {
  return `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const nameOf = (style: Style, c: CaseId) => `${style.code(c.op)} [${c.ex}] ${c.fmt}`;

/** Everything still true in the latest run, or (`changed`) only what changed in the runs it accepts. */
function sections(h: ServiceHistory, style: Style, changed?: (since: string) => boolean): Section[] {
  const after = changed;
  const recent = <T extends { since: string }>(items: readonly T[]) => items.filter((item) => changed === undefined || changed(item.since));
  const rules = (list: readonly string[]) => (list.length > 0 ? ` (${list.join(', ')})` : '');
  const out: Section[] = [
    {
      title: after === undefined ? 'Newly failing' : 'Failing',
      lines: (after === undefined ? h.newlyFailing : h.failing).map(
        (t) => `${style.code(t.op)} ${t.fmt}: red since ${when(t.since)}${rules(t.rules)}`,
      ),
    },
    { title: 'Newly passing', lines: recent(h.newlyPassing).map((t) => `${style.code(t.op)} ${t.fmt}: green since ${when(t.since)}`) },
    {
      title: 'Still failing',
      lines:
        after === undefined
          ? h.failing
              .filter((t) => !h.newlyFailing.some((n) => n.op === t.op && n.fmt === t.fmt))
              .map((t) => `${style.code(t.op)} ${t.fmt}: red since ${when(t.since)}${rules(t.rules)}`)
          : [],
    },
    {
      title: 'Flapping',
      lines:
        after === undefined
          ? h.flapping.map((f) => `${style.code(f.op)} ${f.fmt}: ${f.flips} red↔green changes in ${plural(f.runs, 'run')}`)
          : [],
    },
    {
      title: 'Not verified',
      lines: recent(h.coverage).map(
        (g) =>
          `${nameOf(style, g)}: not verified for ${plural(g.runs, 'run')} (${g.reason}), ${
            g.lastVerified ? `last verified ${when(g.lastVerified)}` : 'never verified in the window'
          }`,
      ),
    },
    {
      title: 'Fields gone',
      lines: recent(h.vanishedFields).map(
        (f) =>
          `${nameOf(style, f)} ${style.code(f.path)}: gone since ${when(f.since)}, after ${plural(f.presentIn, 'run')} that all had it`,
      ),
    },
    {
      title: 'New fields',
      lines: recent(h.newFields).map((f) => `${nameOf(style, f)} ${style.code(f.path)} (${f.types.join('|')}): new since ${when(f.since)}`),
    },
    {
      title: 'New values',
      lines: recent(h.newValues).map(
        (v) =>
          `${nameOf(style, v)} ${style.code(v.path)}: ${v.values.map(style.code).join(', ')} new since ${when(v.since)}${
            v.known.length > 0 ? ` (seen before: ${v.known.join(', ')})` : ''
          }`,
      ),
    },
    {
      title: 'Statuses never seen before',
      lines: recent(h.newStatuses).map(
        (s) => `${style.code(s.op)} ${s.fmt}: HTTP ${s.status} (seen before: ${s.known.join(', ')}), since ${when(s.since)}`,
      ),
    },
    {
      title: 'Slower',
      lines: h.latency
        .filter((l) => l.slower)
        .map((l) => `${style.code(l.op)}: p50 ${l.p50} ms, p95 ${l.p95} ms, against a trailing median of ${l.trailing} ms`),
    },
  ];
  return out.filter((s) => s.lines.length > 0);
}

function headline(h: ServiceHistory): string {
  const { latest, lastGreen } = h;
  const c = latest.counts;
  const verdict = latest.green ? 'green' : 'red';
  const counts = `${c.passed} passed, ${c.failed} failed, ${c.unverified} could not verify, ${c.skipped} skipped`;
  const green = latest.green ? '' : lastGreen ? `; last green run ${when(lastGreen.at)}` : '; no green run in the window';
  return `${h.service}: ${plural(h.runs, 'run')} since ${when(h.first)}; latest (${latest.target}) ${when(latest.at)} is ${verdict} (${counts})${green}`;
}

/** The whole analysis: what is true in the latest run of each service, and what changed to make it so. */
export function formatHistory(histories: readonly ServiceHistory[], format: HistoryFormat, warnings: readonly string[] = []): string {
  if (format === 'json') {
    return `${JSON.stringify({ services: histories, warnings }, null, 2)}\n`;
  }
  const style = format === 'md' ? MD : TEXT;
  const blocks = histories.map((h) => {
    const body = sections(h, style);
    const lines = body.length === 0 ? ['nothing changed'] : body.flatMap((s) => [`${s.title}:`, ...s.lines.map((l) => `  ${l}`)]);
    if (format === 'md') {
      return [
        `## ${h.service}`,
        '',
        headline(h).slice(h.service.length + 2),
        '',
        ...(body.length === 0 ? ['Nothing changed.'] : body.flatMap((s) => [`### ${s.title}`, '', ...s.lines.map((l) => `- ${l}`), ''])),
      ].join('\n');
    }
    return [headline(h), ...lines.map((l) => `  ${l}`)].join('\n');
  });
  const warned =
    warnings.length === 0
      ? []
      : [format === 'md' ? '## Warnings\n' : 'warnings:', ...warnings.map((w) => (format === 'md' ? `- ${w}` : `  ${w}`))];
  const none = histories.length === 0 ? ['no runs in the history (write some with `api-contracts test --history DIR`)'] : [];
  return `${[...(format === 'md' ? ['# API contracts history', ''] : []), ...none, ...blocks, ...warned].join('\n').trimEnd()}\n`;
}

/**
 * The top of report.md under `test --history`: per service, since the last green run (or, for a green run, what
 * this run changed), so a red night says since when and what is different.
 */
export function sinceLastGreen(histories: readonly ServiceHistory[]): string {
  const blocks = histories.map((h) => {
    const { latest, lastGreen } = h;
    // A green run shows what this run changed; a red one, all that changed since the last green run.
    const shown = sections(
      h,
      MD,
      latest.green ? (since) => since >= latest.at : (since) => lastGreen === undefined || since > lastGreen.at,
    );
    const redSince = h.failing.map((f) => f.since).sort()[0];
    const head = latest.green
      ? `**${h.service}**: green${lastGreen ? '' : ' (the first green run in the history)'}.`
      : `**${h.service}**: red${redSince ? ` since ${when(redSince)}` : ''}; ${lastGreen ? `last green run ${when(lastGreen.at)}` : 'no green run in the history'}.`;
    const body = shown.length === 0 ? ['- nothing changed'] : shown.flatMap((s) => [`- **${s.title}**`, ...s.lines.map((l) => `  - ${l}`)]);
    return [head, '', ...body, ''].join('\n');
  });
  return `## Since the last green run\n\n${blocks.join('\n')}\n`;
}
