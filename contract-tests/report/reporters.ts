import { jsonReport } from './json.ts';
import { junitReport } from './junit.ts';
import { markdownReport } from './markdown.ts';
import type { Report } from './report.ts';

/** Every report file a run can write, by the KIND of `--report KIND=FILE`. */
export const REPORTERS: Record<string, (report: Report) => string> = { json: jsonReport, junit: junitReport, md: markdownReport };
