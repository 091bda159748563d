import type { Service } from './service.ts';

const cache = new WeakMap<Service, ReadonlySet<unknown>>();

/**
 * Every scalar some example of the service documents, in a request or a response: the ids its documented
 * resources have. A run makes an id that names nothing by avoiding all of them; the mock answers an id outside
 * them as a vendor answers an id it has never issued.
 */
export function documentedValues(service: Service): ReadonlySet<unknown> {
  const known = cache.get(service);
  if (known !== undefined) {
    return known;
  }
  const values = new Set<unknown>();
  const walk = (value: unknown): void => {
    if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(walk);
    } else if (value !== undefined) {
      values.add(value);
    }
  };
  for (const op of service.operations) {
    for (const example of op.examples) {
      walk([example.request.params, example.request.query, example.request.body, example.response.body]);
    }
  }
  cache.set(service, values);
  return values;
}
