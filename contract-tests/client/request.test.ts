import { describe, expect, it } from 'vitest';
import { huaweiDcs } from '../../schemas/huawei-dcs/index.ts';
import { ncpDataforest } from '../../schemas/ncp-dataforest/index.ts';
import { exampleOf, operationOf } from '../support/drifts.ts';
import { ClientError } from './errors.ts';
import { buildRequest } from './request.ts';

const getDetail = operationOf(ncpDataforest, 'accountsGetDetail');
const listClients = operationOf(huaweiDcs, 'listClients');

describe('buildRequest', () => {
  it('writes an NCP body as JSON, with Content-Type and Accept', () => {
    const { request } = exampleOf(getDetail, 'not-allowed');
    expect(
      buildRequest({ baseUrl: 'https://df.apigw.ntruss.com', operation: getDetail, request, format: 'json', accept: 'application/json' }),
    ).toMatchInlineSnapshot(`
      {
        "body": "{"id":"20nAZnjbUNFdc7RsILlC3A"}",
        "headers": {
          "accept": "application/json",
          "content-type": "application/json",
        },
        "method": "POST",
        "origin": "https://df.apigw.ntruss.com",
        "pathWithQuery": "/api/v2/accounts/getDetail",
      }
    `);
  });

  it('writes the same body as XML under the documented root element', () => {
    const { request } = exampleOf(getDetail, 'not-allowed');
    const built = buildRequest({
      baseUrl: 'http://127.0.0.1:4010/',
      operation: getDetail,
      request,
      format: 'xml',
      accept: 'application/xml',
    });
    expect(built.headers['content-type']).toBe('application/xml');
    expect(built.body).toMatchInlineSnapshot(
      `"<?xml version="1.0" encoding="UTF-8"?><GetAccountDetailRequest><id>20nAZnjbUNFdc7RsILlC3A</id></GetAccountDetailRequest>"`,
    );
  });

  it('fills path parameters, keeps a base path and writes the query string', () => {
    const { request } = exampleOf(listClients, 'query-string');
    const built = buildRequest({
      baseUrl: 'https://gw.example/dcs',
      operation: listClients,
      request,
      format: 'json',
      accept: 'application/json',
    });
    expect(built.pathWithQuery).toMatchInlineSnapshot(
      `"/dcs/v2/0123456789abcdef0123456789abcdef/instances/5560df16-cebf-4473-95c4-d1b573c16e79/clients?node_id=8a2c26c17f4d6516017f4d7b77940030&offset=0&limit=1000&sort=idle&order=desc"`,
    );
    expect(built).toMatchObject({ method: 'GET', body: undefined, headers: { accept: 'application/json' } });
    expect(built.headers).not.toHaveProperty('content-type');
  });

  it('escapes path parameter values', () => {
    const request = { ...exampleOf(listClients, 'default').request, params: { project_id: 'a/b c', instance_id: 'x?y' } };
    const built = buildRequest({
      baseUrl: 'https://gw.example',
      operation: listClients,
      request,
      format: 'json',
      accept: 'application/json',
    });
    expect(built.pathWithQuery.split('?')[0]).toBe('/v2/a%2Fb%20c/instances/x%3Fy/clients');
  });

  it('names a path parameter the values leave out', () => {
    const request = { params: { project_id: '0123456789abcdef0123456789abcdef' } };
    const build = () =>
      buildRequest({ baseUrl: 'https://gw.example', operation: listClients, request, format: 'json', accept: 'application/json' });
    expect(build).toThrow(ClientError);
    expect(build).toThrow('path parameter instance_id has no value');
  });
});
