/**
 * Schema-driven XML: the zod schema, with its OpenAPI `xml` metadata, decides the shape of the document
 * (element names, repeated or wrapped arrays, attributes, maps) and the type of every value; a strict
 * one-pass reader (`reader.ts`) turns the text into a tree. Conventions: docs/xml.md.
 */
export type { DecodeResult, XmlLimits, XmlShapeIssue, XmlUnknownElement } from './decode.ts';
export { DEFAULT_LIMITS, decodeXml } from './decode.ts';
export type { EncodeOptions } from './encode.ts';
export { encodeXml } from './encode.ts';
export type { XmlErrorCode } from './errors.ts';
export { XmlCodecError } from './errors.ts';
export { xmlRootName } from './plan.ts';
