import { applyPatch as applyJsonPatch, JsonPatchError, validate, type Operation } from 'fast-json-patch';
import { badRequest } from './errors';

/**
 * RFC 6902 JSON Patch for the two PATCH operations, applied by fast-json-patch (the same library the client
 * builds its patches with). A patch applies atomically: it works on a copy, so a failing operation leaves the
 * document untouched. Every problem is a 400 naming the operation (by index) and the path.
 */

export type PatchOp = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';

export interface PatchOperation {
  op: PatchOp;
  path: string;
  value?: unknown;
  from?: string;
}

const OPS: readonly PatchOp[] = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

/** What fast-json-patch's error names mean, in words a client developer can act on. */
const REASONS: Partial<Record<string, string>> = {
  OPERATION_NOT_AN_OBJECT: 'must be an object',
  OPERATION_OP_INVALID: `op must be one of ${OPS.join(', ')}`,
  OPERATION_PATH_INVALID: 'path must be a JSON Pointer string: must be empty or start with "/"',
  OPERATION_FROM_REQUIRED: 'needs a from pointer',
  OPERATION_VALUE_REQUIRED: 'needs a value',
  OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED: 'needs a value',
  OPERATION_PATH_CANNOT_ADD: 'the parent of the target does not exist',
  OPERATION_PATH_UNRESOLVABLE: 'nothing at that path',
  OPERATION_FROM_UNRESOLVABLE: 'nothing at the from path',
  OPERATION_PATH_ILLEGAL_ARRAY_INDEX: 'not an array index',
  OPERATION_VALUE_OUT_OF_BOUNDS: 'the array index is out of range',
  TEST_OPERATION_FAILED: 'test failed',
};

function describe(error: InstanceType<typeof JsonPatchError>, operations?: readonly PatchOperation[]): string {
  // While applying, fast-json-patch reports index 0 for every operation; the failing operation object is exact.
  const found = operations ? operations.indexOf(error.operation as PatchOperation) : -1;
  const index = found >= 0 ? found : error.index;
  const operation = index !== undefined ? operations?.[index] : undefined;
  const where = index === undefined ? 'The patch' : `Patch operation ${index}${operation ? ` (${operation.op} ${operation.path})` : ''}`;
  const reason = REASONS[error.name] ?? error.message.split('\n')[0]!;
  return `${where}: ${reason}.`;
}

/** Checks a request body is a JSON Patch document: an array of operations with the members each op needs. */
export function parsePatch(body: unknown): PatchOperation[] {
  if (!Array.isArray(body)) throw badRequest('The body must be a JSON Patch document: an array of operations.');
  // fast-json-patch also knows an internal `_get`, which is not RFC 6902.
  body.forEach((raw: unknown, index) => {
    const op = typeof raw === 'object' && raw !== null ? (raw as { op?: unknown }).op : undefined;
    if (op === '_get') throw badRequest(`Patch operation ${index}: ${REASONS.OPERATION_OP_INVALID}; it was "_get".`);
  });
  const error = validate(body as Operation[]);
  if (error) throw badRequest(describe(error));
  const operations = body as PatchOperation[];
  operations.forEach((operation, index) => {
    parsePointer(operation.path, `Patch operation ${index}: path`);
    if (operation.from !== undefined) parsePointer(operation.from, `Patch operation ${index}: from`);
  });
  return operations.map(({ op, path, value, from }) => ({
    op,
    path,
    ...(value !== undefined || op === 'add' || op === 'replace' || op === 'test' ? { value } : {}),
    ...(from !== undefined ? { from } : {}),
  }));
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

/** Applies a patch to a copy of the document and returns the copy; `__proto__` and `constructor/prototype` are refused. */
export function applyPatch<T>(document: T, operations: readonly PatchOperation[]): T {
  const copies = structuredClone(operations) as PatchOperation[];
  try {
    // validateOperation: true, mutateDocument: false, banPrototypeModifications: true.
    return applyJsonPatch(structuredClone(document), copies as Operation[], true, false, true).newDocument;
  } catch (error) {
    if (error instanceof JsonPatchError) throw badRequest(describe(error, copies));
    if (error instanceof TypeError && /banned/.test(error.message)) {
      throw badRequest('The patch may not modify __proto__ or constructor/prototype.');
    }
    throw error;
  }
}
