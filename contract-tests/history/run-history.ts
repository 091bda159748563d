import { analyze } from './analyze.ts';
import { readHistory } from './store.ts';
import { sinceLastGreen } from './summary.ts';

/** The "since the last green run" summary of the services just recorded (`files`, as appendRun names them). */
export async function sinceLastGreenOf(dir: string, files: readonly string[]): Promise<{ markdown: string; warnings: string[] }> {
  const services = new Set(files.map((file) => file.split('/')[0]));
  const { runs, warnings } = await readHistory(dir);
  const histories = analyze(runs.filter((run) => services.has(run.service)));
  return { markdown: histories.length === 0 ? '' : `${sinceLastGreen(histories)}\n`, warnings };
}
