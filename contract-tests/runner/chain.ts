import { fieldName, isSuccess, valueAt } from '../../schemas/_shared/operation.ts';
import { finding } from '../checks/finding.ts';
import { type Result, resultName } from '../report/report.ts';
import { type CaseContext, type Outcome, sendCase, skippedResult, skipReason } from './execute.ts';
import type { Case } from './plan.ts';
import { completeValues, type PendingInput, resolveValues, type ValueSettings, valuesFromOf } from './request-values.ts';
import type { Target } from './targets.ts';

export interface CaseRunnerOptions extends Omit<CaseContext, 'target' | 'values'> {
  targetOf: (item: Case) => Target;
  values?: ValueSettings | undefined;
}

const caseKey = (item: Case) => `${item.service.id} ${item.operation.operationId} ${item.example.name} ${item.format}`;

const isScalar = (value: unknown) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** Why a source gave no value: what it answered, or why it was not sent. */
function failureOf(source: Case, outcome: Outcome, pointer: string): string {
  const { result } = outcome;
  const said = result.findings[0]?.message ?? '';
  if (result.status === 'skipped') {
    return `${resultName(result)} was not sent (${said})`;
  }
  if (outcome.body === undefined) {
    return `${resultName(result)} gave no 200 body (${result.httpStatus === null ? said : `HTTP ${result.httpStatus}: ${said}`})`;
  }
  return `the ${source.operation.operationId} response has no value at ${pointer} (an empty list?)`;
}

/**
 * Runs cases with their request values resolved: a chained input sends its source read first (the source's
 * default example, in the same format) and takes the value from the actual response. Each case is sent at most
 * once, whether the plan holds it or a dependent asked for it first, so a source in the plan is also the
 * source its dependents read. A source that gives no value makes its dependents `skipped`, never `failed`.
 *
 * Waiting is safe: a case only waits for its sources, which start at once in the waiting worker if no one
 * has started them, and the chains are acyclic (schemas/inputs.test.ts).
 */
export function caseRunner({ targetOf, values = {}, ...context }: CaseRunnerOptions): (item: Case) => Promise<Outcome> {
  const outcomes = new Map<string, Promise<Outcome>>();

  function outcomeOf(item: Case): Promise<Outcome> {
    const key = caseKey(item);
    let outcome = outcomes.get(key);
    if (outcome === undefined) {
      outcome = attempt(item);
      outcomes.set(key, outcome);
    }
    return outcome;
  }

  /** The chained values of a case, or why one of them cannot be had. */
  async function take(item: Case, chained: readonly PendingInput[]): Promise<Map<string, unknown> | string> {
    const taken = new Map<string, unknown>();
    for (const { target, from } of chained) {
      const operation = item.service.operations.find((op) => op.operationId === from.operationId);
      const example = operation?.examples[0];
      if (operation === undefined || example === undefined) {
        return `${fieldName(target)} comes from ${from.operationId}, which ${item.service.id} does not have`;
      }
      const source: Case = { service: item.service, operation, example, format: item.format };
      const outcome = await outcomeOf(source);
      const value = valueAt(outcome.body, from.pointer);
      if (!isScalar(value)) {
        return `${fieldName(target)} comes from ${from.operationId} ${from.pointer}, but ${failureOf(source, outcome, from.pointer)}`;
      }
      taken.set(target, value);
    }
    return taken;
  }

  async function attempt(item: Case): Promise<Outcome> {
    const target = targetOf(item);
    // A case that is not sent needs no values, and must not send the reads its values would chain from.
    const skipped = skipReason(item, target, context.allowUnsafe);
    if (skipped) {
      return { result: skippedResult(item, 'example', skipped, target.kind) };
    }
    const resolved = resolveValues(item, target.kind === 'live', values);
    const valuesFrom = valuesFromOf(resolved);
    if (resolved.missing) {
      const { target: field, why } = resolved.missing;
      const message = `not sent: ${fieldName(field)} must come from the values file (${why}); add it under "${item.operation.operationId}" or "*"`;
      return { result: skippedResult(item, valuesFrom, finding('values-missing', '', 'a value', 'none', message), target.kind) };
    }
    const taken = await take(item, resolved.chained);
    if (typeof taken === 'string') {
      return {
        result: skippedResult(item, valuesFrom, finding('chain-skipped', '', 'a value', 'none', `not sent: ${taken}`), target.kind),
      };
    }
    const outcome = await sendCase(item, { ...context, target, values: completeValues(resolved, taken) });
    return outcome.result.status === 'passed' && !isSuccess(item.example.response.status)
      ? { ...outcome, result: await unlessReached(item, resolved.chained, outcome.result) }
      : outcome;
  }

  /**
   * An error example proves something only where the run reached the operation: a wrong base path or a gateway
   * answering every request with the same 404 would pass it. So it passes only if, in this run and format, one
   * of the operation's documented successes got its documented status, or the read its values were taken from
   * did; otherwise nothing was verified (`could not verify`, never drift).
   */
  async function unlessReached(item: Case, chained: readonly PendingInput[], result: Result): Promise<Result> {
    const own = item.operation.examples.filter((example) => isSuccess(example.response.status));
    const proofs = [
      ...own.map((example): Case => ({ ...item, example })),
      ...chained.flatMap(({ from }) => {
        const source = item.service.operations.find((op) => op.operationId === from.operationId);
        return source?.examples[0] === undefined ? [] : [{ ...item, operation: source, example: source.examples[0] }];
      }),
    ];
    for (const proof of proofs) {
      // Reached, not correct: a success that drifted still came from the operation; another status did not.
      if ((await outcomeOf(proof)).result.httpStatus === proof.example.response.status) {
        return result;
      }
    }
    const sources = [...new Set(chained.map(({ from }) => from.operationId))];
    const expected = `a documented success of ${[item.operation.operationId, ...sources].join(' or ')} in this run`;
    const message = `HTTP ${result.httpStatus} is the documented answer, but nothing in this run reached ${item.operation.operationId}: no documented success of it${sources.length > 0 ? ` or of ${sources.join(', ')}` : ''} came back in ${item.format}, so a wrong base URL or a gateway could have given it`;
    return { ...result, status: 'failed', findings: [finding('reach-unproven', '', expected, 'none', message), ...result.findings] };
  }

  return outcomeOf;
}
