/**
 * The end of a switch that handles every member of a union: a new member makes the call fail to compile,
 * naming the switch that must learn it (which a `default:` would have swallowed).
 */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
