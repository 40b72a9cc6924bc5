import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PersistedChange, Persistence, SandboxMeta } from './persistence';

/**
 * One line of the state file. The file is a log: replaying its lines in order gives the tenant's state.
 * - `meta`: what the seed is made from;
 * - `save`: a request's changes, with the revision it wrote;
 * - `clear`: every change and the meta forgotten (a reset), with the revision it wrote.
 */
export type StateLine =
  | { op: 'meta'; meta: SandboxMeta }
  | { op: 'save'; revision: number; changes: PersistedChange[] }
  | { op: 'clear'; revision: number };

/**
 * Keeps the sandbox's changes in a file (NDJSON, one {@link StateLine} per line) for the local HTTP tenant
 * (Node only): each save appends one line, so a restart reads back every change. Loading compacts the file
 * to the latest version of each record. A torn last line (the process died mid-write) is ignored.
 * One process at a time owns the file.
 */
export function filePersistence(path: string): Persistence & { path: string } {
  let changes = new Map<string, PersistedChange>();
  let meta: SandboxMeta | null = null;
  let revision = 0;
  let loaded = false;
  /** Writes go out in order, one after the other. */
  let writing: Promise<void> = Promise.resolve();

  function read(): void {
    if (loaded) return;
    loaded = true;
    if (!existsSync(path)) return rewrite();
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((text, index) => {
      if (!text.trim()) return;
      let line: StateLine;
      try {
        line = JSON.parse(text) as StateLine;
      } catch (error) {
        if (index >= lines.length - 2) return; // the last line, cut short by a crash: that write never finished
        throw new Error(`The tenant state file ${path} is damaged at line ${index + 1}; delete it or start with --reset.`, { cause: error });
      }
      if (line.op === 'meta') meta = line.meta;
      else if (line.op === 'clear') {
        changes = new Map();
        meta = null;
        revision = Math.max(revision, line.revision);
      } else if (line.op === 'save') {
        for (const c of line.changes) changes.set(`${c.table}:${c.id}`, c);
        revision = Math.max(revision, line.revision);
      }
    });
    rewrite();
  }

  /** The whole state in as few lines as possible, replacing the file at once (write then rename). */
  function rewrite(): void {
    mkdirSync(dirname(path), { recursive: true });
    const out: StateLine[] = [{ op: 'clear', revision }];
    if (meta) out.push({ op: 'meta', meta });
    if (changes.size) out.push({ op: 'save', revision, changes: [...changes.values()] });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, out.map((l) => JSON.stringify(l)).join('\n') + '\n');
    renameSync(temporary, path);
  }

  function append(line: StateLine): Promise<void> {
    const text = JSON.stringify(line) + '\n';
    // A failed write fails its request, not the ones after it.
    const written = writing.catch(() => undefined).then(() => appendFile(path, text));
    writing = written;
    return written;
  }

  return {
    path,
    async load() {
      await writing.catch(() => undefined);
      read();
      return { meta, changes: [...changes.values()].map((c) => structuredClone(c)), revision };
    },
    async save(list) {
      read();
      revision++;
      for (const c of list) changes.set(`${c.table}:${c.id}`, structuredClone(c));
      await append({ op: 'save', revision, changes: list });
      return revision;
    },
    async saveMeta(m) {
      read();
      meta = m;
      await append({ op: 'meta', meta: m });
    },
    async clear() {
      read();
      await writing.catch(() => undefined);
      changes = new Map();
      meta = null;
      revision++;
      rewrite();
      return revision;
    },
    async revision() {
      read();
      return revision;
    },
  };
}
