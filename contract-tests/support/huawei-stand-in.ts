import { randomUUID } from 'node:crypto';
import type { Service } from '../../schemas/_shared/service.ts';
import type { Answer, RawRequest, StandIn, StandInOptions, VendorRules } from './stand-in.ts';
import { startStandIn } from './stand-in.ts';

/** An IAM user allowed to ask for a project-scoped token with the password method. */
export interface IamUser {
  user: string;
  password: string;
  domain: string;
  projectId: string;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Answer => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify(body),
  ...(headers ? { headers } : {}),
});

const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

interface TokenRequest {
  auth?: {
    identity?: { methods?: string[]; password?: { user?: { name?: string; password?: string; domain?: { name?: string } } } };
    scope?: { project?: { id?: string } };
  };
}

/**
 * `POST /v3/auth/tokens` with the password method, as IAM documents it: a project-scoped token in the
 * `X-Subject-Token` header of a 201, the token's `expires_at` in the body; a wrong password or scope is
 * Keystone's 401.
 */
function tokenEndpoint(iam: IamUser, token: string, request: RawRequest): Answer | undefined {
  if (request.method !== 'POST' || request.url.split('?')[0] !== '/v3/auth/tokens') {
    return undefined;
  }
  let asked: TokenRequest;
  try {
    asked = JSON.parse(request.text) as TokenRequest;
  } catch {
    return json(400, { error: { code: 400, message: 'The request body is not JSON.', title: 'Bad Request' } });
  }
  const identity = asked.auth?.identity;
  const user = identity?.password?.user;
  const granted =
    identity?.methods?.includes('password') &&
    user?.name === iam.user &&
    user.password === iam.password &&
    user.domain?.name === iam.domain &&
    asked.auth?.scope?.project?.id === iam.projectId;
  if (!granted) {
    return json(401, { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } });
  }
  const issuedAt = Date.now();
  const body = {
    token: {
      expires_at: new Date(issuedAt + TOKEN_LIFETIME_MS).toISOString(),
      issued_at: new Date(issuedAt).toISOString(),
      methods: ['password'],
      project: { id: iam.projectId },
    },
  };
  return json(201, body, { 'x-subject-token': token });
}

/**
 * Huawei Cloud's API gateway and IAM: a refused AK/SK signature or token is APIGW.0301 (401); an id the project
 * does not hold is answered by the service itself, as one that does not exist (no gateway ownership check is
 * documented). With `iam`, the same server is the IAM endpoint and accepts the tokens it issues.
 */
export function huaweiGateway(iam?: IamUser): VendorRules {
  const token = `MII${randomUUID().replaceAll('-', '')}`;
  return {
    refuseAuth: (why) => json(401, { error_code: 'APIGW.0301', error_msg: `Incorrect IAM authentication information: ${why}` }),
    ...(iam ? { endpoint: (request: RawRequest) => tokenEndpoint(iam, token, request), issued: { HUAWEI_AUTH_TOKEN: token } } : {}),
  };
}

/**
 * A DCS or DDS on 127.0.0.1 that accepts requests signed with this AK/SK pair and, behind a `gateway` with an IAM
 * user, the tokens it issues (pass one gateway to several services: one IAM serves them all).
 */
export function startHuaweiStandIn(
  service: Service,
  credentials: { accessKey: string; secretKey: string },
  options: StandInOptions & { gateway?: VendorRules } = {},
): Promise<StandIn> {
  const { gateway = huaweiGateway(), ...rest } = options;
  return startStandIn(service, gateway, { HUAWEI_AK: credentials.accessKey, HUAWEI_SK: credentials.secretKey }, rest);
}
