import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Run, runsOf, type ServiceHistory } from './analyze.ts';
import type { StoredRun } from './store.ts';
import { changeSections, escapeHtml, when } from './summary.ts';

/** Runs shown in a strip: three months of nightly runs. */
export const STRIP_RUNS = 90;

/**
 * The pages are static: no script at all, styles inline, and a policy that forbids every request, so a page opened
 * from file:// or behind a firewall shows everything and asks no host for anything.
 */
export const STATUS_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

type State = 'passed' | 'failed' | 'unverified' | 'skipped' | 'absent';
const COLOR: Record<State, string> = { passed: '#2da44e', failed: '#cf222e', unverified: '#bf8700', skipped: '#afb8c1', absent: '#ffffff' };
const WORD: Record<State, string> = {
  passed: 'passed',
  failed: 'failed',
  unverified: 'could not verify',
  skipped: 'skipped',
  absent: 'not in this run',
};

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${STATUS_PAGE_POLICY}">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <style>
    body { font: 15px/1.5 system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
    th, td { text-align: left; vertical-align: middle; padding: .25rem .5rem; border-bottom: 1px solid #d0d7de; }
    code { font-size: 90%; }
    .red { color: #cf222e; } .green { color: #1a7f37; }
    .legend span { display: inline-block; margin-right: 1rem; }
    .legend i { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; border: 1px solid #8c959f; vertical-align: middle; }
    svg { display: block; }
  </style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The state of an operation in one format in one run: the worst of its examples. */
function cellState(run: Run, op: string, fmt: string): State {
  let state: State = 'absent';
  const rank: Record<State, number> = { failed: 4, unverified: 3, passed: 2, skipped: 1, absent: 0 };
  for (const item of run.cases.values()) {
    if (item.op === op && item.fmt === fmt) {
      const next: State = item.out;
      state = rank[next] > rank[state] ? next : state;
    }
  }
  return state;
}

/** One square per run, oldest left; each names its run and state in a tooltip (SVG <title>, no script). */
function strip(runs: readonly Run[], op: string, fmt: string): string {
  const size = 8;
  const cells = runs.map((run, index) => {
    const state = cellState(run, op, fmt);
    return `<rect x="${index * (size + 1)}" y="0" width="${size}" height="${size * 2}" fill="${COLOR[state]}" stroke="#d0d7de" stroke-width="0.5"><title>${escapeHtml(when(run.at))}: ${WORD[state]}</title></rect>`;
  });
  const width = Math.max(1, runs.length * (size + 1));
  return `<svg role="img" aria-label="${escapeHtml(`${op} ${fmt}`)}: last ${runs.length} runs" width="${width}" height="${size * 2}" viewBox="0 0 ${width} ${size * 2}">${cells.join('')}</svg>`;
}

/** Median milliseconds of an operation's answered cases, per run, as a line; gaps where it was not sent. */
function sparkline(runs: readonly Run[], op: string): string {
  const points = runs.map((run) => {
    const ms = [...run.cases.values()].filter((c) => c.op === op && c.ms !== undefined && c.out !== 'skipped').map((c) => c.ms as number);
    ms.sort((a, b) => a - b);
    return ms.length === 0 ? undefined : (ms[Math.floor((ms.length - 1) / 2)] as number);
  });
  const known = points.filter((p): p is number => p !== undefined);
  if (known.length === 0) {
    return '<span>no answers</span>';
  }
  const width = 180;
  const height = 24;
  const max = Math.max(...known, 1);
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  const coordinates = points.flatMap((p, i) =>
    p === undefined ? [] : [`${(i * step).toFixed(1)},${(height - 1 - (p / max) * (height - 2)).toFixed(1)}`],
  );
  const last = known.at(-1) as number;
  return `<svg role="img" aria-label="median latency, latest ${last} ms, highest ${max} ms" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><polyline fill="none" stroke="#0969da" stroke-width="1.5" points="${coordinates.join(' ')}"/><title>latest ${last} ms; highest ${max} ms over ${known.length} runs</title></svg>`;
}

/** Every field path seen per operation and format, with the first and last run that had it. */
function fieldTimeline(runs: readonly Run[]): Map<string, Map<string, { first: string; last: string }>> {
  const byCell = new Map<string, Map<string, { first: string; last: string }>>();
  for (const run of runs) {
    for (const item of run.cases.values()) {
      if (item.shape === undefined) {
        continue;
      }
      const cell = `${item.op} ${item.fmt}`;
      const fields = byCell.get(cell) ?? new Map<string, { first: string; last: string }>();
      for (const path of Object.keys(item.shape.f)) {
        const seen = fields.get(path);
        fields.set(path, seen === undefined ? { first: run.at, last: run.at } : { first: seen.first, last: run.at });
      }
      byCell.set(cell, fields);
    }
  }
  return byCell;
}

function legend(): string {
  const states: State[] = ['passed', 'failed', 'unverified', 'skipped', 'absent'];
  return `<p class="legend">${states.map((s) => `<span><i style="background:${COLOR[s]}"></i>${WORD[s]}</span>`).join('')}</p>`;
}

/** One service's page: what changed, the strips, latency, and the field timeline. */
export function servicePage(history: ServiceHistory, allRuns: readonly Run[]): string {
  const runs = allRuns.slice(-STRIP_RUNS);
  const latestRun = allRuns.at(-1) as Run;
  const cells = [...new Set(allRuns.flatMap((run) => [...run.cases.values()].map((c) => `${c.op} ${c.fmt}`)))].sort();
  const verdict = history.latest.green ? '<strong class="green">green</strong>' : '<strong class="red">red</strong>';
  const lastGreen = history.latest.green
    ? ''
    : history.lastGreen
      ? `; last green run ${escapeHtml(when(history.lastGreen.at))}`
      : '; no green run in the history';
  const changes = changeSections(history);
  const changed =
    changes.length === 0
      ? '<p>Nothing changed.</p>'
      : changes
          .map((s) => `<h3>${escapeHtml(s.title)}</h3>\n<ul>\n${s.lines.map((line) => `<li>${line}</li>`).join('\n')}\n</ul>`)
          .join('\n');
  const rows = cells.map((cell) => {
    const [op = '', fmt = ''] = cell.split(' ');
    const now = cellState(latestRun, op, fmt);
    return `<tr><td><code>${escapeHtml(op)}</code></td><td>${fmt}</td><td>${WORD[now]}</td><td>${strip(runs, op, fmt)}</td></tr>`;
  });
  const ops = [...new Set(cells.map((cell) => cell.split(' ')[0] as string))];
  const latency = ops.map((op) => {
    const l = history.latency.find((entry) => entry.op === op);
    const figures = l
      ? `${l.p50} / ${l.p95} ms${l.trailing === undefined ? '' : ` (trailing median ${l.trailing} ms)`}${l.slower ? ' <strong class="red">slower</strong>' : ''}`
      : '';
    return `<tr><td><code>${escapeHtml(op)}</code></td><td>${figures}</td><td>${sparkline(runs, op)}</td></tr>`;
  });
  const timeline = fieldTimeline(allRuns);
  const fields = [...timeline]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([cell, paths]) => {
      const list = [...paths].sort(([a], [b]) => (a < b ? -1 : 1));
      const gone = list.filter(([, seen]) => seen.last !== latestRun.at).length;
      const body = list
        .map(
          ([path, seen]) =>
            `<tr><td><code>${escapeHtml(path || '/')}</code></td><td>${escapeHtml(when(seen.first))}</td><td${seen.last === latestRun.at ? '' : ' class="red"'}>${escapeHtml(when(seen.last))}</td></tr>`,
        )
        .join('\n');
      return `<details><summary><code>${escapeHtml(cell)}</code>: ${list.length} fields${gone > 0 ? `, <span class="red">${gone} not in the latest run</span>` : ''}</summary>\n<table><thead><tr><th>Field</th><th>First seen</th><th>Last seen</th></tr></thead><tbody>\n${body}\n</tbody></table></details>`;
    });
  const c = history.latest.counts;
  return page(
    `${history.service}: run history`,
    `<p><a href="../history.html">All services</a> · <a href="index.html">API reference</a></p>
<h1><code>${escapeHtml(history.service)}</code>: run history</h1>
<p>${history.runs} runs since ${escapeHtml(when(history.first))}. Latest run (${history.latest.target}) ${escapeHtml(when(history.latest.at))}: ${verdict}, ${c.passed} passed, ${c.failed} failed, ${c.unverified} could not verify, ${c.skipped} skipped${lastGreen}.</p>
<h2>What changed</h2>
${changed}
<h2>Last ${runs.length} runs per operation and format</h2>
${legend()}
<table><thead><tr><th>Operation</th><th>Format</th><th>Latest</th><th>Runs, oldest first</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<h2>Latency</h2>
<p>p50 / p95 of the latest run; the line is each run's median, last ${runs.length} runs.</p>
<table><thead><tr><th>Operation</th><th>Latest</th><th>Median per run</th></tr></thead><tbody>
${latency.join('\n')}
</tbody></table>
<h2>Fields: first and last seen</h2>
${fields.join('\n')}`,
  );
}

/** The overview: each service's latest verdict and a link to its page. */
export function overviewPage(histories: readonly ServiceHistory[]): string {
  const rows = histories.map((h) => {
    const verdict = h.latest.green ? '<span class="green">green</span>' : '<span class="red">red</span>';
    return `<tr><td><a href="${escapeHtml(h.service)}/history.html"><code>${escapeHtml(h.service)}</code></a></td><td>${verdict}</td><td>${escapeHtml(when(h.latest.at))}</td><td>${h.lastGreen ? escapeHtml(when(h.lastGreen.at)) : h.latest.green ? 'this run' : 'none'}</td><td>${h.runs}</td></tr>`;
  });
  return page(
    'API contracts: run history',
    `<p><a href="index.html">API reference</a></p>
<h1>API contracts: run history</h1>
<table><thead><tr><th>Service</th><th>Latest run</th><th>When</th><th>Last green</th><th>Runs</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
<p>Written by <code>api-contracts history --html</code> from the run records of <code>test --history</code>. No script, no request to any host.</p>`,
  );
}

/** Writes `history.html` and `<service>/history.html` under `outDir`; returns the paths written, as `given` names the directory. */
export async function writeStatusPages(
  outDir: string,
  stored: readonly StoredRun[],
  histories: readonly ServiceHistory[],
  given = outDir,
): Promise<string[]> {
  const runs = runsOf(stored);
  const written: string[] = [];
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'history.html'), overviewPage(histories));
  written.push(join(given, 'history.html'));
  for (const history of histories) {
    await mkdir(join(outDir, history.service), { recursive: true });
    await writeFile(join(outDir, history.service, 'history.html'), servicePage(history, runs.get(history.service) ?? []));
    written.push(join(given, history.service, 'history.html'));
  }
  return written;
}
