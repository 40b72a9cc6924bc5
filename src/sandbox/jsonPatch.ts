import { badRequest } from './errors';

/**
 * RFC 6902 JSON Patch over RFC 6901 JSON Pointers, for the two PATCH operations. A patch applies
 * atomically: it works on a copy, so a failing operation leaves the document untouched. Every problem is
 * a 400 naming the operation (by index) and the path.
 */

export type PatchOp = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';

export interface PatchOperation {
  op: PatchOp;
  path: string;
  value?: unknown;
  from?: string;
}

const OPS: readonly PatchOp[] = ['add', 'remove', 'replace', 'move', 'copy', 'test'];
const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

type Container = Record<string, unknown> | unknown[];

/** Checks a request body is a JSON Patch document: an array of operations with the members each op needs. */
export function parsePatch(body: unknown): PatchOperation[] {
  if (!Array.isArray(body)) throw badRequest('The body must be a JSON Patch document: an array of operations.');
  return body.map((raw, index) => {
    const where = `Patch operation ${index}`;
    if (!isObject(raw)) throw badRequest(`${where} must be an object.`);
    const { op, path, from } = raw;
    if (typeof op !== 'string' || !OPS.includes(op as PatchOp)) {
      throw badRequest(`${where}: op must be one of ${OPS.join(', ')}; it was ${JSON.stringify(op)}.`);
    }
    if (typeof path !== 'string') throw badRequest(`${where}: path must be a JSON Pointer string.`);
    parsePointer(path, `${where}: path`);
    if ((op === 'add' || op === 'replace' || op === 'test') && !('value' in raw)) {
      throw badRequest(`${where}: "${op}" needs a value.`);
    }
    if (op === 'move' || op === 'copy') {
      if (typeof from !== 'string') throw badRequest(`${where}: "${op}" needs a from pointer.`);
      parsePointer(from, `${where}: from`);
    }
    const operation: PatchOperation = { op: op as PatchOp, path };
    if ('value' in raw) operation.value = raw.value;
    if (typeof from === 'string') operation.from = from;
    return operation;
  });
}

/** The reference tokens of a JSON Pointer, `~1` and `~0` unescaped; `""` is the whole document. */
export function parsePointer(pointer: string, what = 'path'): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`${what} "${pointer}" is not a JSON Pointer: it must be empty or start with "/".`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      if (/~[^01]|~$/.test(token)) throw badRequest(`${what} "${pointer}" has an invalid escape; use ~0 for "~" and ~1 for "/".`);
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** The paths an operation changes: its path, and for move the from location it empties. `test` changes nothing. */
export function changedPaths(operation: PatchOperation): string[] {
  if (operation.op === 'test') return [];
  if (operation.op === 'move') return [operation.path, operation.from!];
  return [operation.path];
}

/** Applies a patch to a copy of the document and returns the copy. */
export function applyPatch<T>(document: T, operations: readonly PatchOperation[]): T {
  let doc: unknown = structuredClone(document);
  operations.forEach((operation, index) => {
    doc = applyOperation(doc, operation, `Patch operation ${index} (${operation.op} ${operation.path})`);
  });
  return doc as T;
}

function applyOperation(doc: unknown, operation: PatchOperation, where: string): unknown {
  const tokens = parsePointer(operation.path, `${where}: path`);
  switch (operation.op) {
    case 'add':
      return add(doc, tokens, structuredClone(operation.value), where);
    case 'remove':
      return remove(doc, tokens, where).doc;
    case 'replace': {
      const removed = remove(doc, tokens, where);
      return add(removed.doc, tokens, structuredClone(operation.value), where);
    }
    case 'move': {
      const fromTokens = parsePointer(operation.from!, `${where}: from`);
      if (operation.path === operation.from) return doc;
      if (fromTokens.length < tokens.length && fromTokens.every((t, i) => tokens[i] === t)) {
        throw badRequest(`${where}: a location cannot be moved into one of its own children (from ${operation.from}).`);
      }
      const removed = remove(doc, fromTokens, where);
      return add(removed.doc, tokens, removed.value, where);
    }
    case 'copy': {
      const value = get(doc, parsePointer(operation.from!, `${where}: from`), where);
      return add(doc, tokens, structuredClone(value), where);
    }
    case 'test': {
      const actual = get(doc, tokens, where);
      if (!deepEqual(actual, operation.value)) throw badRequest(`${where}: test failed; the value there is ${JSON.stringify(actual)}.`);
      return doc;
    }
  }
}

/** The container holding the pointer's last token (which must exist), and that token. */
function parentOf(doc: unknown, tokens: string[], where: string): { parent: Container; key: string } {
  const parent = get(doc, tokens.slice(0, -1), where);
  if (!isContainer(parent)) throw badRequest(`${where}: the parent of the target is not an object or an array.`);
  return { parent, key: tokens[tokens.length - 1]! };
}

function get(doc: unknown, tokens: string[], where: string): unknown {
  let current = doc;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      if (!ARRAY_INDEX.test(token) || Number(token) >= current.length) throw badRequest(`${where}: no array element "${token}".`);
      current = current[Number(token)];
    } else if (isObject(current) && Object.hasOwn(current, token)) {
      current = current[token];
    } else {
      throw badRequest(`${where}: nothing at "${token}".`);
    }
  }
  return current;
}

function add(doc: unknown, tokens: string[], value: unknown, where: string): unknown {
  if (tokens.length === 0) return value;
  const { parent, key } = parentOf(doc, tokens, where);
  if (Array.isArray(parent)) {
    const index = key === '-' ? parent.length : ARRAY_INDEX.test(key) ? Number(key) : NaN;
    if (!(index <= parent.length)) throw badRequest(`${where}: "${key}" is not an index from 0 to ${parent.length} or "-".`);
    parent.splice(index, 0, value);
  } else {
    Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
  }
  return doc;
}

function remove(doc: unknown, tokens: string[], where: string): { doc: unknown; value: unknown } {
  if (tokens.length === 0) return { doc: undefined, value: doc };
  const value = get(doc, tokens, where);
  const { parent, key } = parentOf(doc, tokens, where);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return { doc, value };
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}
