import { stringify } from 'yaml';

/**
 * The YAML form of a spec, reading as the same document in every YAML reader. The default (YAML 1.2 core)
 * writer leaves `2024-01-17T07:05:52`, `yes`, `off`, `0777` or `1:20` unquoted, which YAML 1.1 readers
 * (js-yaml's default schema, SnakeYAML in Java generators, PyYAML) take as timestamps, booleans and numbers;
 * `compat: 'yaml-1.1'` makes the writer quote every string either schema would read as something else.
 */
export function toYaml(document: unknown): string {
  return stringify(document, { aliasDuplicateObjects: false, lineWidth: 0, compat: 'yaml-1.1' });
}
