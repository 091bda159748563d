import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { services } from '../../schemas/index.ts';
import { toYaml } from './yaml.ts';

const root = join(import.meta.dirname, '../..');

/** The readers client generators and doc tools use: YAML 1.2 (core schema) and two YAML 1.1 ones. */
const readers = {
  'yaml 1.2 core': (text: string) => parse(text),
  'yaml 1.1': (text: string) => parse(text, { version: '1.1' }),
  'js-yaml default schema': (text: string) => jsYaml.load(text),
};

const readAll = (text: string) => Object.fromEntries(Object.entries(readers).map(([name, read]) => [name, read(text)]));

describe('every generated openapi.yaml is its openapi.json for every reader', () => {
  test.each(services.map((s) => s.id))('%s', async (id) => {
    const json = JSON.parse(await readFile(join(root, 'spec', id, 'openapi.json'), 'utf8'));
    const yaml = await readFile(join(root, 'spec', id, 'openapi.yaml'), 'utf8');
    expect(readAll(yaml)).toEqual({ 'yaml 1.2 core': json, 'yaml 1.1': json, 'js-yaml default schema': json });
    // Guard against a vacuous pass: written without the compat option, a YAML 1.1 reader reads this spec differently.
    expect(parse(stringify(json, { aliasDuplicateObjects: false, lineWidth: 0 }), { version: '1.1' })).not.toEqual(json);
  });
});

describe('strings a YAML reader could take for something else are quoted', () => {
  const tricky: [kind: string, text: string][] = [
    ['timestamp (1.1)', '2024-01-17T07:05:52'],
    ['timestamp with zone (1.1)', '2001-12-14t21:59:43.10-05:00'],
    ['date (1.1)', '2024-01-17'],
    ['boolean yes (1.1)', 'yes'],
    ['boolean No (1.1)', 'No'],
    ['boolean on (1.1)', 'on'],
    ['boolean OFF (1.1)', 'OFF'],
    ['boolean y (1.1)', 'y'],
    ['boolean n (1.1)', 'n'],
    ['boolean true (1.2)', 'true'],
    ['boolean False (1.2)', 'False'],
    ['null ~', '~'],
    ['null', 'null'],
    ['empty string', ''],
    ['octal 0777 (1.1)', '0777'],
    ['octal 0o17 (1.2)', '0o17'],
    ['hexadecimal', '0x1F'],
    ['binary 0b101 (1.1)', '0b101'],
    ['sexagesimal integer (1.1)', '1:20'],
    ['sexagesimal float (1.1)', '1:20:30.5'],
    ['negative sexagesimal (1.1)', '-1:20'],
    ['number with underscores (1.1)', '1_000'],
    ['float with underscores (1.1)', '0.1_2'],
    ['exponent without a dot (1.2)', '1e3'],
    ['infinity', '.inf'],
    ['negative infinity', '-.Inf'],
    ['not a number', '.NaN'],
    ['signed integer', '+12'],
    ['negative zero', '-0'],
    ['merge key (1.1)', '<<'],
  ];

  test.each(tricky)('%s: %j', (_kind, text) => {
    const yaml = toYaml({ [text]: text });
    expect(readAll(yaml)).toEqual({
      'yaml 1.2 core': { [text]: text },
      'yaml 1.1': { [text]: text },
      'js-yaml default schema': { [text]: text },
    });
  });

  test('quoted as a double-quoted string, keys and values alike', () => {
    expect(toYaml({ created: '2024-01-17T07:05:52', enabled: 'on', mode: '0777', '1:20': 'y', plain: 'a word' })).toMatchInlineSnapshot(`
      "created: "2024-01-17T07:05:52"
      enabled: "on"
      mode: "0777"
      "1:20": "y"
      plain: a word
      "
    `);
  });
});
