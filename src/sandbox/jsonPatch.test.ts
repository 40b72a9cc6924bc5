// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { SandboxError } from './errors';
import { applyPatch, changedPaths, parsePatch, parsePointer, type PatchOperation } from './jsonPatch';

const doc = () => ({ name: 'A', tags: ['x', 'y'], nested: { 'a/b': 1, 'm~n': 2, deep: { v: true } }, empty: null as string | null });

function rejects(fn: () => unknown, text: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxError);
    expect((error as SandboxError).status).toBe(400);
    expect((error as SandboxError).message).toMatch(text);
    return;
  }
  throw new Error('expected a 400');
}

const patch = <T>(document: T, ...ops: PatchOperation[]) => applyPatch(document, ops);

describe('parsePointer', () => {
  it('splits tokens and unescapes ~1 before ~0', () => {
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('/')).toEqual(['']);
    expect(parsePointer('/a~1b/m~0n/~01')).toEqual(['a/b', 'm~n', '~1']);
  });

  it('refuses pointers without a leading slash and bad escapes', () => {
    rejects(() => parsePointer('name'), /must be empty or start with "\/"/);
    rejects(() => parsePointer('/a~2'), /invalid escape/);
    rejects(() => parsePointer('/a~'), /invalid escape/);
  });
});

describe('parsePatch', () => {
  it('accepts a well-formed document, keeping null values', () => {
    expect(parsePatch([{ op: 'replace', path: '/empty', value: null }, { op: 'copy', from: '/name', path: '/x' }])).toEqual([
      { op: 'replace', path: '/empty', value: null },
      { op: 'copy', from: '/name', path: '/x' },
    ]);
  });

  it('refuses what is not a patch', () => {
    rejects(() => parsePatch({ op: 'add' }), /array of operations/);
    rejects(() => parsePatch(['add']), /operation 0: must be an object/);
    rejects(() => parsePatch([{ op: 'merge', path: '/a' }]), /op must be one of/);
    rejects(() => parsePatch([{ op: '_get', path: '/a', value: 1 }]), /op must be one of/);
    rejects(() => parsePatch([{ op: 'add', value: 1 }]), /path must be a JSON Pointer/);
    rejects(() => parsePatch([{ op: 'add', path: '/a' }]), /needs a value/);
    rejects(() => parsePatch([{ op: 'replace', path: '/a' }]), /needs a value/);
    rejects(() => parsePatch([{ op: 'test', path: '/a' }]), /needs a value/);
    rejects(() => parsePatch([{ op: 'move', path: '/a' }]), /needs a from pointer/);
    rejects(() => parsePatch([{ op: 'remove', path: 'a' }]), /start with "\/"/);
  });
});

describe('applyPatch (fast-json-patch)', () => {
  it('adds members and array elements (by index and with "-")', () => {
    const result = patch(
      doc(),
      { op: 'add', path: '/description', value: 'new' },
      { op: 'add', path: '/tags/0', value: 'first' },
      { op: 'add', path: '/tags/-', value: 'last' },
      { op: 'add', path: '/tags/4', value: 'end' },
    );
    expect(result.tags).toEqual(['first', 'x', 'y', 'last', 'end']);
    expect((result as Record<string, unknown>).description).toBe('new');
  });

  it('add replaces an existing member, and the root', () => {
    expect(patch(doc(), { op: 'add', path: '/name', value: 'B' }).name).toBe('B');
    expect(patch(doc(), { op: 'add', path: '', value: [1] })).toEqual([1]);
  });

  it('unescapes ~1 and ~0 in paths', () => {
    const result = patch(doc(), { op: 'replace', path: '/nested/a~1b', value: 10 }, { op: 'remove', path: '/nested/m~0n' });
    expect(result.nested).toEqual({ 'a/b': 10, deep: { v: true } });
  });

  it('removes and replaces only what exists', () => {
    expect(patch(doc(), { op: 'remove', path: '/tags/0' }).tags).toEqual(['y']);
    expect(patch(doc(), { op: 'replace', path: '/nested/deep/v', value: false }).nested.deep.v).toBe(false);
    rejects(() => patch(doc(), { op: 'remove', path: '/missing' }), /operation 0 \(remove \/missing\): nothing at that path/);
    rejects(() => patch(doc(), { op: 'replace', path: '/missing', value: 1 }), /nothing at that path/);
    rejects(() => patch(doc(), { op: 'replace', path: '/tags/2', value: 1 }), /nothing at that path/);
    rejects(() => patch(doc(), { op: 'remove', path: '/tags/-' }), /Patch operation 0 \(remove \/tags\/-\)/);
  });

  it('refuses adds whose parent is missing or whose index is out of range', () => {
    rejects(() => patch(doc(), { op: 'add', path: '/missing/child', value: 1 }), /parent of the target does not exist/);
    rejects(() => patch(doc(), { op: 'add', path: '/tags/3', value: 1 }), /index is out of range/);
    rejects(() => patch(doc(), { op: 'add', path: '/tags/x', value: 1 }), /not an array index/);
  });

  it('moves and copies', () => {
    const moved = patch(doc(), { op: 'move', from: '/name', path: '/nested/name' }) as Record<string, unknown>;
    expect(moved.name).toBeUndefined();
    expect((moved.nested as Record<string, unknown>).name).toBe('A');
    const copied = patch(doc(), { op: 'copy', from: '/nested/deep', path: '/copy' }) as Record<string, unknown>;
    expect(copied.copy).toEqual({ v: true });
    // The copy is independent of its source.
    const changed = patch(copied, { op: 'replace', path: '/copy/v', value: false }) as Record<string, unknown>;
    expect((changed.nested as { deep: { v: boolean } }).deep.v).toBe(true);
    expect(patch(doc(), { op: 'move', from: '/tags/0', path: '/tags/1' }).tags).toEqual(['y', 'x']);
  });

  it('refuses a missing from', () => {
    rejects(() => patch(doc(), { op: 'copy', from: '/nope', path: '/x' }), /nothing at the from path/);
    rejects(() => patch(doc(), { op: 'move', from: '/nope', path: '/x' }), /nothing at the from path/);
  });

  it('tests values by deep equality', () => {
    expect(patch(doc(), { op: 'test', path: '/nested/deep', value: { v: true } }, { op: 'test', path: '/empty', value: null }).name).toBe('A');
    rejects(() => patch(doc(), { op: 'test', path: '/tags', value: ['y', 'x'] }), /test failed/);
    rejects(() => patch(doc(), { op: 'test', path: '/name', value: 'a' }), /test failed/);
  });

  it('is atomic: a failing operation leaves the original untouched', () => {
    const original = doc();
    rejects(() => patch(original, { op: 'replace', path: '/name', value: 'B' }, { op: 'remove', path: '/missing' }), /operation 1/);
    expect(original).toEqual(doc());
  });

  it('does not let a key reach the prototype', () => {
    rejects(() => patch({}, { op: 'add', path: '/__proto__', value: { polluted: true } }), /__proto__/);
    rejects(() => patch({}, { op: 'add', path: '/constructor/prototype/polluted', value: true }), /__proto__|nothing|parent/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('changedPaths', () => {
  it('names the locations an operation changes', () => {
    expect(changedPaths({ op: 'test', path: '/a', value: 1 })).toEqual([]);
    expect(changedPaths({ op: 'copy', path: '/a', from: '/b' })).toEqual(['/a']);
    expect(changedPaths({ op: 'move', path: '/a', from: '/b' })).toEqual(['/a', '/b']);
  });
});
