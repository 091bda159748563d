import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
  type ZodContentObject,
} from '@asteasolutions/zod-to-openapi';
import type { ExamplesObject, LinkObject, LinksObject, OpenAPIObject } from 'openapi3-ts/oas31';
import type { z } from 'zod';
import { pointerTokens } from '../../schemas/_shared/json-pointer.ts';
import {
  type AnyExample,
  type ChainedSource,
  fieldName,
  type InputDef,
  isChained,
  mismatchLine,
  type NormalizedBody,
  type Operation,
  setAt,
} from '../../schemas/_shared/operation.ts';
import type { Service } from '../../schemas/_shared/service.ts';
import { type InexpressibleRule, publishRules, UndeclaredRefinementError } from '../../schemas/_shared/spec-rules.ts';
import { encodeXml, xmlRootName } from '../../schemas/_shared/xml/index.ts';
import { ContractError } from '../errors.ts';

export const GENERATED_BY = 'api-contracts generate — do not edit; change schemas/ and run `npx api-contracts generate`';

// Each is a fault of the repository's own schemas, which its maintainer fixes: one line naming the place, exit 2.
export class GenerateError extends ContractError<'CONFIG_SCHEMA'> {
  constructor(
    message: string,
    readonly context: { service: string; operationId?: string; example?: string },
  ) {
    super(
      'CONFIG_SCHEMA',
      `${context.service}${context.operationId ? ` ${context.operationId}` : ''}${context.example ? ` [${context.example}]` : ''}: ${message}`,
    );
  }
}

/** The XML root element of a body, which every body of an XML-speaking service must name. */
export function requireXmlRoot(body: NormalizedBody, where: GenerateError['context']): string {
  const root = xmlRootName(body.xmlSchema);
  if (!root) {
    throw new GenerateError('the XML body schema has no xml.name metadata (the root element)', where);
  }
  return root;
}

/** Notes are prose that quotes XML (`<ErrorResponse>`); outside code spans, Markdown renderers would take it as HTML. */
function escapeMarkdownHtml(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith('`') ? part : part.replace(/</g, '&lt;')))
    .join('');
}

function withDocNotes(description: string, notes: string[]): string {
  if (notes.length === 0) {
    return description;
  }
  const list = notes.map((n) => `- ${escapeMarkdownHtml(n)}`).join('\n');
  return `${description}\n\n**Doc notes** (where the vendor docs contradict themselves, and what this spec chose):\n\n${list}`;
}

/** Where a live run takes each declared input from, for the reader of the docs. */
function withInputs(description: string, inputs: readonly InputDef[]): string {
  if (inputs.length === 0) {
    return description;
  }
  const origin = ({ from }: InputDef) => {
    if (isChained(from)) {
      return `\`${from.pointer}\` of the ${from.operationId} response`;
    }
    return from.values === 'required' ? `the values file (${from.why})` : `the values file if it names one, else left out (${from.why})`;
  };
  const list = inputs.map((input) => `- \`${fieldName(input.target)}\`: ${origin(input)}`).join('\n');
  return `${description}\n\n**Values from the account**: the documented ids exist in no one's account, so a live run takes these from yours (see the response links):\n\n${list}`;
}

/**
 * OpenAPI links on a read's 200 response to every operation that takes a value from it: parameters as runtime
 * expressions, body fields as a literal body with the expressions embedded (a link cannot name one body field).
 * Path parameters both operations share (the project, the instance) are passed along from the request.
 */
function linksFrom(service: Service, source: Operation): LinksObject | undefined {
  const links: LinksObject = {};
  for (const dependent of service.operations) {
    const fed = dependent.inputs.filter(
      (input): input is InputDef & { from: ChainedSource } => isChained(input.from) && input.from.operationId === source.operationId,
    );
    if (fed.length === 0) {
      continue;
    }
    const parameters: Record<string, string> = {};
    let requestBody: Record<string, unknown> | undefined;
    for (const { target, from } of fed) {
      const [place = '', ...path] = pointerTokens(target);
      const expression = `$response.body#${from.pointer}`;
      if (place === 'body') {
        requestBody ??= {};
        setAt(requestBody, target.slice('/body'.length), `{${expression}}`);
      } else {
        parameters[`${place === 'params' ? 'path' : place}.${path.join('.')}`] = expression;
      }
    }
    const shared = Object.keys(dependent.request.params?.shape ?? {}).filter(
      (name) => Object.hasOwn(source.request.params?.shape ?? {}, name) && parameters[`path.${name}`] === undefined,
    );
    for (const name of shared) {
      parameters[`path.${name}`] = `$request.path.${name}`;
    }
    const link: LinkObject = {
      operationId: dependent.operationId,
      description: `${fed.map(({ target }) => `\`${fieldName(target)}\``).join(' and ')} of ${dependent.operationId} from this response.`,
      ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
      ...(requestBody ? { requestBody } : {}),
    };
    links[dependent.operationId] = link;
  }
  return Object.keys(links).length > 0 ? links : undefined;
}

/** What decides an error example's response, for readers (`description`) and tools (`x-outcome`). */
export function outcomeFields(example: AnyExample): { description?: string; 'x-outcome'?: AnyExample['outcome'] } {
  const { outcome } = example;
  if (outcome === undefined) {
    return {};
  }
  if (outcome.from === 'state') {
    return { description: `Depends on the account's state: ${outcome.why}. A live run skips this example.`, 'x-outcome': outcome };
  }
  const fresh = outcome.nonexistent ? ` A live run sends a freshly generated id in \`${fieldName(outcome.nonexistent)}\`.` : '';
  const others = outcome.equivalent?.statuses.filter((status) => status !== example.response.status) ?? [];
  const equivalent =
    outcome.equivalent && others.length > 0 ? ` HTTP ${others.join(', ')} counts as the same outcome: ${outcome.equivalent.why}.` : '';
  return { description: `Follows from the request: ${outcome.why}.${fresh}${equivalent}`, 'x-outcome': outcome };
}

/** The media types and named examples of one body, JSON and (for XML services) XML rendered by the codec. */
function bodyContent(
  service: Service,
  body: NormalizedBody,
  examples: { example: AnyExample; value: unknown; described?: ReturnType<typeof outcomeFields> }[],
  where: GenerateError['context'],
): ZodContentObject {
  const json: ExamplesObject = {};
  const xml: ExamplesObject = {};
  const root = service.mediaTypes.includes('application/xml') ? requireXmlRoot(body, where) : undefined;
  for (const { example, value, described } of examples) {
    const context = { ...where, example: example.name };
    const parsed = body.schema.safeParse(value);
    if (!parsed.success) {
      throw new GenerateError(`example does not match its schema ${mismatchLine(parsed.error.issues)}`, context);
    }
    json[example.name] = { summary: example.summary, ...described, value };
    if (root) {
      xml[example.name] = {
        summary: example.summary,
        ...described,
        value: encodeXml(body.xmlSchema, body.fromJson(parsed.data), root, { pretty: true }),
      };
    }
  }
  const content: ZodContentObject = { 'application/json': { schema: body.schema, examples: json } };
  if (root) {
    content['application/xml'] = { schema: body.xmlSchema, examples: xml };
  }
  return content;
}

function requestConfig(service: Service, op: Operation): RouteConfig['request'] {
  const where = { service: service.id, operationId: op.operationId };
  const { body, params, query, headers } = op.request;
  return {
    ...(params ? { params } : {}),
    ...(query ? { query } : {}),
    ...(headers ? { headers } : {}),
    ...(body
      ? {
          body: {
            required: true,
            ...(body.description ? { description: body.description } : {}),
            content: bodyContent(
              service,
              body,
              op.examples.flatMap((example) => (example.request.body === undefined ? [] : [{ example, value: example.request.body }])),
              where,
            ),
          },
        }
      : {}),
  };
}

function responsesConfig(service: Service, op: Operation): Record<number, ResponseConfig> {
  const where = { service: service.id, operationId: op.operationId };
  const links = linksFrom(service, op);
  return Object.fromEntries(
    op.responses.map((response) => {
      const examples = op.examples.filter((e) => e.response.status === response.status);
      let content: ZodContentObject | undefined;
      if (response.contentType) {
        content = {
          [response.contentType]: { schema: response.body?.schema ?? { type: 'string', contentMediaType: response.contentType } },
        };
      } else if (response.body) {
        content = bodyContent(
          service,
          response.body,
          examples.map((example) => ({ example, value: example.response.body, described: outcomeFields(example) })),
          where,
        );
      }
      const linked = response.status === 200 && links ? { links } : {};
      return [response.status, { description: response.description, ...(content ? { content } : {}), ...linked }];
    }),
  );
}

/** A rule the spec states only in prose and `x-inexpressible`, and where. */
export interface ProseRule extends InexpressibleRule {
  service: string;
  operationId: string;
  /** `request.body`, `request.query`, `response.200`… */
  place: string;
  pointer: string;
}

/** Every schema of an operation, named by where it sits. */
function schemasOf(op: Operation): [string, z.core.$ZodType][] {
  const { params, query, headers, body } = op.request;
  return [
    ...(params ? [['request.params', params] as [string, z.core.$ZodType]] : []),
    ...(query ? [['request.query', query] as [string, z.core.$ZodType]] : []),
    ...(headers ? [['request.headers', headers] as [string, z.core.$ZodType]] : []),
    ...(body ? bodySchemas('request.body', body) : []),
    ...op.responses.flatMap((response) => (response.body ? bodySchemas(`response.${response.status}`, response.body) : [])),
  ];
}

function bodySchemas(place: string, body: NormalizedBody): [string, z.core.$ZodType][] {
  return body.xmlSchema === body.schema
    ? [[place, body.schema]]
    : [
        [place, body.schema],
        [`${place} (XML)`, body.xmlSchema],
      ];
}

/**
 * Puts every check of every schema of `service` where zod-to-openapi writes it into the spec (see
 * schemas/_shared/spec-rules.ts), and returns the rules only prose can carry.
 */
export function publishServiceRules(service: Service): ProseRule[] {
  const rules: ProseRule[] = [];
  for (const op of service.operations) {
    for (const [place, schema] of schemasOf(op)) {
      try {
        for (const rule of publishRules(schema).inexpressible) {
          rules.push({ service: service.id, operationId: op.operationId, place, ...rule });
        }
      } catch (error) {
        if (error instanceof UndeclaredRefinementError) {
          throw new GenerateError(`${place}: ${error.message}`, { service: service.id, operationId: op.operationId });
        }
        throw error;
      }
    }
  }
  return rules;
}

/** What `generate` prints about the rules only prose carries: each with where it sits, or that there are none. */
export function proseRulesReport(rules: readonly ProseRule[]): string {
  if (rules.length === 0) {
    return 'Rules the spec states only in prose (no JSON Schema keyword can say them): none';
  }
  const lines = rules.map(
    (rule) => `  ${rule.service} ${rule.operationId} ${rule.place} ${rule.pointer || '/'}: ${rule.rule} (${rule.why})`,
  );
  return [`Rules the spec states only in prose and x-inexpressible (no JSON Schema keyword can say them): ${rules.length}`, ...lines].join(
    '\n',
  );
}

/**
 * One OpenAPI 3.1 document per service, built from its operations through the zod-to-openapi registry.
 * `version` is the spec's own semantic version (the last release, see scripts/release); the vendor's API
 * version (`v2`) is kept as `x-vendor-api-version`.
 */
export function buildDocument(service: Service, version = '0.0.0'): OpenAPIObject {
  publishServiceRules(service);
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(service.securitySchemes)) {
    registry.registerComponent('securitySchemes', name, scheme);
  }
  for (const op of service.operations) {
    registry.registerPath({
      method: op.method,
      path: op.path,
      operationId: op.operationId,
      summary: op.summary,
      description: withDocNotes(withInputs(op.description, op.inputs), op.docNotes),
      tags: op.tags,
      externalDocs: { description: 'Vendor reference page', url: op.docUrl },
      'x-safety': op.safety,
      request: requestConfig(service, op),
      responses: responsesConfig(service, op),
    });
  }
  const usedTags = new Set(service.operations.flatMap((op) => op.tags));
  const generator = new OpenApiGeneratorV31(registry.definitions, { sortComponents: 'alphabetically' });
  return generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: service.title,
      version,
      'x-vendor-api-version': service.version,
      description: withDocNotes(service.description, service.docNotes),
      'x-generated-by': GENERATED_BY,
    },
    externalDocs: { description: 'Vendor API reference', url: service.docUrl },
    servers: service.servers,
    security: service.security,
    tags: service.tags.filter((tag) => usedTags.has(tag.name)),
  });
}
