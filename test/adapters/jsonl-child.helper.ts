/**
 * Builds the JSONL store (and what it imports) into plain JS for child processes: each source file
 * of the import closure is transpiled (no type check, so others' work in progress cannot break it)
 * into a temp dir under `node_modules/.cache`, where `zod` still resolves.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const repo = resolve(import.meta.dirname, '../..');

/** The built tree: `root` mirrors the repo (`root/src/...js`). */
export interface ChildBuild {
  root: string;
  cleanup(): Promise<void>;
}

/** Transpiles the import closure of `entries` (repo-relative `.ts` paths). */
export async function buildForChild(entries: string[]): Promise<ChildBuild> {
  const cache = join(repo, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const root = await mkdtemp(join(cache, 'wave-child-'));
  writeFileSync(join(root, 'package.json'), '{"type":"module"}\n');
  const todo = entries.map((e) => resolve(repo, e));
  const done = new Set<string>();
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const source = readFileSync(file, 'utf8');
    const out = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const target = join(root, relative(repo, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, out);
    for (const m of source.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
      todo.push(resolve(dirname(file), `${m[1] as string}.ts`));
    }
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
