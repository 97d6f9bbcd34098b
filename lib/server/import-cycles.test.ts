// No import cycles among the server's modules, type-only imports included: a cycle is how the
// runtime and its builders (runtime.ts ↔ live.ts) once depended on each other, and it makes the
// order modules initialise in depend on which one is loaded first. The graph comes from the
// TypeScript compiler's own import scanner, so dynamic import() and `import type` count too.

import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

function resolve(from: string, spec: string): string | undefined {
  const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : undefined;
  if (!base) return undefined;
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((f) => /\.tsx?$/.test(f) && fs.existsSync(f));
}

/** file → the files it imports (relative and @/ imports; packages left out). */
function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    const deps = info.importedFiles.map((i) => resolve(file, i.fileName)).filter((f): f is string => Boolean(f));
    graph.set(file, [...new Set(deps)]);
  }
  return graph;
}

/** Every cycle's files (strongly connected components of more than one file, or a self-import). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.map((f) => path.relative(root, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe("import cycles", () => {
  it("finds a cycle when there is one (the check itself)", () => {
    const a = path.join(root, "a.ts");
    const b = path.join(root, "b.ts");
    const c = path.join(root, "c.ts");
    expect(cycles(new Map([[a, [b]], [b, [a]], [c, [a]]]))).toEqual([["a.ts", "b.ts"]]);
    expect(cycles(new Map([[a, [b]], [b, [c]], [c, []]]))).toEqual([]);
  });

  it("sees type-only and dynamic imports", () => {
    const file = path.join(root, "lib/server/app-runtime.ts");
    const deps = importGraph([file]).get(file)!.map((f) => path.relative(root, f));
    expect(deps).toContain("lib/server/runtime.ts"); // import type
    expect(deps).toContain("lib/server/compose.ts"); // await import()
  });

  it("has none among the server's modules, the route handlers and the server entry", () => {
    const files = [...sourceFiles(path.join(root, "lib")), ...sourceFiles(path.join(root, "app")), ...sourceFiles(path.join(root, "bin"))];
    const found = cycles(importGraph(files)).filter((scc) => scc.some((f) => f.startsWith("lib/server/") || f.startsWith("app/") || f.startsWith("bin/")));
    expect(found).toEqual([]);
  });
});
