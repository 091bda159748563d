import { describe, expect, test } from 'vitest';
import { ServiceDefinitionError } from '../schemas/_shared/service.ts';
import { MissingCredentialsError, SigningError } from '../schemas/_shared/signing/index.ts';
import { XmlCodecError } from '../schemas/_shared/xml/index.ts';
import { ClientError } from './client/errors.ts';
import { MockConfigError, MockRequestError } from './contract/errors.ts';
import { ContractError, ERRORS, EXIT, exitCodeOf, UsageError } from './errors.ts';
import { RunConfigError } from './runner/errors.ts';
import { GenerateError } from './spec/document.ts';

describe('error catalogue', () => {
  test.each<[string, unknown, number]>([
    ['a usage error', new UsageError('--port must be an integer'), EXIT.usage],
    ['missing credentials', new MissingCredentialsError('ncp-apigw-v2', ['NCP_ACCESS_KEY']), EXIT.usage],
    ['a run that cannot start', new RunConfigError('CONFIG_TARGET', 'bad base URL'), EXIT.usage],
    ['a mock that cannot start', new MockConfigError('CONFIG_MOCK_UNKNOWN_SERVICE', 'unknown service "x"'), EXIT.usage],
    ['a schema fault', new ServiceDefinitionError('duplicate route', 'ncp-dataforest'), EXIT.failed],
    ['a schema whose example no longer matches it', new GenerateError('no example', { service: 'ncp-dataforest' }), EXIT.usage],
    ['an XML codec refusal', new XmlCodecError('XML_MALFORMED', 'not XML'), EXIT.failed],
    ['a signing fault', new SigningError('SIGNING_MISSING_HOST', 'ncp-apigw-v2', 'no host'), EXIT.failed],
    ['a transport failure', new ClientError('CLIENT_TIMEOUT', 'timed out'), EXIT.failed],
    ['any other error', new Error('bug'), EXIT.failed],
    ['a CONFIG-looking code outside the catalogue', Object.assign(new Error('x'), { code: 'CONFIG_X' }), EXIT.failed],
  ])('%s: exit %s', (_, error, exit) => {
    expect(exitCodeOf(error)).toBe(exit);
  });

  test('every error keeps its class name and stable code', () => {
    const errors: ContractError[] = [
      new UsageError('m'),
      new MockConfigError('CONFIG_MOCK_OPTION', 'm'),
      new ClientError('CLIENT_NETWORK', 'm'),
    ];
    expect(errors.map((e) => [e.name, e.code, e instanceof ContractError])).toEqual([
      ['UsageError', 'USAGE', true],
      ['MockConfigError', 'CONFIG_MOCK_OPTION', true],
      ['ClientError', 'CLIENT_NETWORK', true],
    ]);
  });

  test("the mock's refusals are named codes, each answered with its catalogue status", () => {
    const refusals = Object.entries(ERRORS).filter(([code]) => code.startsWith('MOCK_'));
    expect(Object.fromEntries(refusals.map(([code, entry]) => [code, (entry as { status: number }).status]))).toMatchInlineSnapshot(`
      {
        "MOCK_AUTH": 401,
        "MOCK_BODY_ENCODING": 400,
        "MOCK_BODY_JSON": 400,
        "MOCK_BODY_TOO_LARGE": 413,
        "MOCK_BODY_XML": 400,
        "MOCK_CONTENT_TYPE": 415,
        "MOCK_INVALID_REQUEST": 400,
        "MOCK_NOT_ACCEPTABLE": 406,
        "MOCK_PATH_ENCODING": 400,
        "MOCK_PREFER": 400,
      }
    `);
    expect(new MockRequestError('MOCK_NOT_ACCEPTABLE', 'Accept text/html matches none').status).toBe(406);
  });
});
