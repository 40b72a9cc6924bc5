import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * SailPoint's official OpenAPI 3.0 definitions (copied here from the public api-specs, MIT) and what the tests
 * need from them: the operation a request goes to, the examples of its response, and an ajv validator of its
 * response schema.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface SpecOperation {
  /** Which of the two files: "certifications" or "supporting". */
  file: SpecFile;
  operationId: string;
  method: string;
  /** The path template, e.g. /certifications/{id}. */
  path: string;
  pattern: RegExp;
  operation: JsonObject;
}

export type SpecFile = 'certifications' | 'supporting';

const FILES: Record<SpecFile, string> = {
  certifications: 'sailpoint-v3-certifications.openapi.json',
  supporting: 'sailpoint-v3-supporting.openapi.json',
};

export const specs: Record<SpecFile, JsonObject> = {
  certifications: JSON.parse(readFileSync(new URL(FILES.certifications, import.meta.url), 'utf8')) as JsonObject,
  supporting: JSON.parse(readFileSync(new URL(FILES.supporting, import.meta.url), 'utf8')) as JsonObject,
};

/** Every operation of both files; the certifications file wins where both define one. */
export const operations: SpecOperation[] = (['certifications', 'supporting'] as const).flatMap((file) =>
  Object.entries(specs[file].paths as JsonObject).flatMap(([path, item]) =>
    Object.entries(item as JsonObject)
      .filter(([, op]) => op !== null && typeof op === 'object' && 'operationId' in op)
      .map(([method, op]) => ({
        file,
        operationId: (op as JsonObject).operationId as string,
        method: method.toUpperCase(),
        path,
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        operation: op as JsonObject,
      })),
  ),
);

/** The operation a request goes to (path below /v3). Literal paths win over templated ones. */
export function operationFor(method: string, pathname: string): SpecOperation | undefined {
  const matches = operations.filter((o) => o.method === method.toUpperCase() && o.pattern.test(pathname));
  return matches.sort((a, b) => (a.path.includes('{') ? 1 : 0) - (b.path.includes('{') ? 1 : 0))[0];
}

function deref(file: SpecFile, node: Json): Json {
  let current = node;
  for (let guard = 0; current && typeof current === 'object' && !Array.isArray(current) && typeof current.$ref === 'string'; guard++) {
    if (guard > 50) throw new Error('a $ref cycle');
    current = pointer(specs[file], current.$ref);
  }
  return current;
}

function pointer(doc: Json, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are expected; got ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<Json>((node, key) => (node as JsonObject)[key]!, doc);
}

/** The success response of an operation: its status and its JSON media type object, if it has a body. */
export function successResponse(op: SpecOperation): { status: number; media: JsonObject | null } {
  const [status, response] = Object.entries(op.operation.responses as JsonObject).find(([code]) => code.startsWith('2'))!;
  const content = (deref(op.file, response) as JsonObject).content as JsonObject | undefined;
  return { status: Number(status), media: (content?.['application/json'] as JsonObject | undefined) ?? null };
}

/**
 * The examples of an operation's success response, as SailPoint gives them: the named examples, the example,
 * or else the example a documentation viewer builds from the schema's own examples (property by property).
 */
export function responseExamples(op: SpecOperation): { name: string; value: Json }[] {
  const { media } = successResponse(op);
  if (!media) return [];
  if (media.examples) {
    return Object.entries(media.examples as JsonObject).map(([name, example]) => ({ name, value: (deref(op.file, example) as JsonObject).value! }));
  }
  if (media.example !== undefined) return [{ name: 'example', value: media.example }];
  return [{ name: 'from the schema', value: exampleOf(op.file, media.schema!) }];
}

/** The example of a schema: its own `example`, or one built from its parts' examples. */
export function exampleOf(file: SpecFile, node: Json, depth = 0): Json {
  const schema = deref(file, node) as JsonObject;
  if (depth > 12) return null;
  if (schema.example !== undefined) return schema.example;
  if (schema.allOf) {
    return Object.assign({}, ...(schema.allOf as Json[]).map((part) => exampleOf(file, part, depth + 1) as JsonObject));
  }
  const choice = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (choice) return exampleOf(file, choice[0]!, depth + 1);
  if (schema.enum) return (schema.enum as Json[])[0]!;
  if (schema.type === 'array') return schema.items ? [exampleOf(file, schema.items, depth + 1)] : [];
  if (schema.type === 'object' || schema.properties) {
    return Object.fromEntries(
      Object.entries((schema.properties ?? {}) as JsonObject).map(([key, value]) => [key, exampleOf(file, value, depth + 1)]),
    );
  }
  switch (schema.type) {
    case 'string':
      return schema.format === 'date-time' ? '2025-01-01T00:00:00Z' : 'string';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/**
 * OpenAPI 3.0's schema dialect as JSON Schema for ajv: `nullable: true` becomes a null alternative (ajv's own
 * `nullable` needs a sibling `type`, which $ref'd and allOf'd schemas lack); `oneOf` is read as `anyOf`,
 * because the definition's oneOfs (v3 search's documents) have no discriminator and every document matches
 * several of them; `example`, `x-*` and other annotations are ignored (strict off).
 */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example' || key === 'examples' || key.startsWith('x-')) continue;
    out[key === 'oneOf' ? 'anyOf' : key] = key === 'properties' || key === 'patternProperties' ? mapValues(value as JsonObject) : toJsonSchema(value);
  }
  if (node.nullable === true) {
    if (out.enum) out.enum = [...(out.enum as Json[]), null];
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function mapValues(properties: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, toJsonSchema(value)]));
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
for (const file of Object.keys(specs) as SpecFile[]) {
  ajv.addSchema({ $id: `${file}.json`, components: toJsonSchema(specs[file].components!) } as object);
}

const validators = new Map<string, ValidateFunction>();

/**
 * An ajv validator of the JSON body an operation answers with a status (its success status if none is
 * given); null when the definition gives that status no JSON body.
 */
export function responseValidator(op: SpecOperation, status?: number): ValidateFunction | null {
  const responses = op.operation.responses as JsonObject;
  const code = status === undefined ? String(successResponse(op).status) : String(status);
  const response = responses[code] ?? responses.default;
  if (!response) return null;
  const media = ((deref(op.file, response) as JsonObject).content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined;
  if (!media?.schema) return null;
  const key = `${op.file}:${op.operationId}:${code}`;
  let validate = validators.get(key);
  if (!validate) {
    const schema = rebase(toJsonSchema(media.schema), `${op.file}.json`) as JsonObject;
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

/** Local `#/components/...` refs of an operation's schema point into its file's registered components. */
function rebase(node: Json, id: string): Json {
  if (Array.isArray(node)) return node.map((n) => rebase(n, id));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${id}${value}` : rebase(value, id)]),
  );
}
