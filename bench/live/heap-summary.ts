// Where a heap snapshot's memory is retained: reads a .heapsnapshot (as written by
// `--heapsnapshot-signal`, `v8.writeHeapSnapshot` or DevTools), computes the dominator tree, and
// prints the largest retainers with their dominator paths and the retained size per constructor.
//
//   node --max-old-space-size=6000 --import tsx bench/live/heap-summary.ts FILE [--top 40] [--depth 12] [--min 0.5]
//
// --min: the dominator tree shows children holding at least this percentage of the heap.
// --focus NAME (repeatable): what the largest object of that constructor holds, by the property
// that refers to each piece and its kind (where its retained size goes, field by field).
//
// The file is parsed from a Buffer (a large snapshot is longer than the longest string V8 allows),
// and weak edges are not followed, as in DevTools' "Retained size".

import fs from "node:fs";
import { parseArgs } from "node:util";

const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "40" }, depth: { type: "string", default: "12" }, min: { type: "string", default: "0.5" }, focus: { type: "string", multiple: true, default: [] } } });
if (!positionals[0]) {
  console.error("usage: heap-summary.ts FILE.heapsnapshot [--top N] [--depth N]");
  process.exit(1);
}

const buf = fs.readFileSync(positionals[0]);

function indexOf(s: string, from = 0): number {
  const i = buf.indexOf(s, from, "latin1");
  if (i < 0) throw new Error(`${positionals[0]}: no ${s} in the snapshot`);
  return i;
}

/** The unsigned integers of a JSON array starting at `start` (just after its "["), up to its "]". */
function ints(start: number, count: number): Uint32Array | Float64Array {
  let out: Uint32Array | Float64Array = new Uint32Array(count);
  let n = 0;
  let v = 0;
  let inNum = false;
  for (let i = start; ; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      inNum = true;
    } else {
      if (inNum) {
        if (v > 0xffffffff && out instanceof Uint32Array) out = Float64Array.from(out);
        out[n++] = v;
        v = 0;
        inNum = false;
      }
      if (c === 93) break; // ]
    }
  }
  if (n !== count) throw new Error(`expected ${count} numbers, read ${n}`);
  return out;
}

const nodesAt = indexOf('"nodes":[');
const header = JSON.parse(buf.toString("utf8", 0, nodesAt).replace(/,\s*$/, "") + "}") as {
  snapshot: { meta: { node_fields: string[]; edge_fields: string[]; node_types: [string[]]; edge_types: [string[]] }; node_count: number; edge_count: number };
};
const meta = header.snapshot.meta;
const NF = meta.node_fields.length;
const EF = meta.edge_fields.length;
const nodeCount = header.snapshot.node_count;
const edgeCount = header.snapshot.edge_count;
const nodes = ints(nodesAt + 9, nodeCount * NF);
const edges = ints(indexOf('"edges":[', nodesAt) + 9, edgeCount * EF);
const stringsAt = indexOf('"strings":[', nodesAt);
const strings = JSON.parse(buf.toString("utf8", stringsAt + 10, buf.lastIndexOf("]") + 1)) as string[];

const N_TYPE = meta.node_fields.indexOf("type");
const N_NAME = meta.node_fields.indexOf("name");
const N_SIZE = meta.node_fields.indexOf("self_size");
const N_EDGES = meta.node_fields.indexOf("edge_count");
const E_TYPE = meta.edge_fields.indexOf("type");
const E_NAME = meta.edge_fields.indexOf("name_or_index");
const E_TO = meta.edge_fields.indexOf("to_node");
const nodeTypes = meta.node_types[0];
const edgeTypes = meta.edge_types[0];
const WEAK = edgeTypes.indexOf("weak");
const SHORTCUT = edgeTypes.indexOf("shortcut");
const ELEMENT = edgeTypes.indexOf("element");
const HIDDEN = edgeTypes.indexOf("hidden");

const firstEdge = new Uint32Array(nodeCount + 1);
for (let i = 0; i < nodeCount; i++) firstEdge[i + 1] = firstEdge[i] + nodes[i * NF + N_EDGES];

const follows = (e: number) => edges[e * EF + E_TYPE] !== WEAK && edges[e * EF + E_TYPE] !== SHORTCUT;
const target = (e: number) => edges[e * EF + E_TO] / NF;

// Post-order from the root (node 0), iteratively.
const post = new Int32Array(nodeCount).fill(-1);
const order = new Uint32Array(nodeCount);
let count = 0;
{
  const stack = new Uint32Array(nodeCount);
  const cursor = new Uint32Array(nodeCount);
  const seen = new Uint8Array(nodeCount);
  let sp = 0;
  stack[sp++] = 0;
  seen[0] = 1;
  cursor[0] = firstEdge[0];
  while (sp) {
    const n = stack[sp - 1];
    if (cursor[n] < firstEdge[n + 1]) {
      const e = cursor[n]++;
      if (!follows(e)) continue;
      const t = target(e);
      if (seen[t]) continue;
      seen[t] = 1;
      cursor[t] = firstEdge[t];
      stack[sp++] = t;
    } else {
      sp--;
      post[n] = count;
      order[count++] = n;
    }
  }
}

// Predecessors of the reachable nodes.
const predCount = new Uint32Array(nodeCount + 1);
for (let n = 0; n < nodeCount; n++) {
  if (post[n] < 0) continue;
  for (let e = firstEdge[n]; e < firstEdge[n + 1]; e++) if (follows(e)) predCount[target(e) + 1]++;
}
for (let i = 0; i < nodeCount; i++) predCount[i + 1] += predCount[i];
const preds = new Uint32Array(predCount[nodeCount]);
{
  const fill = predCount.slice(0, nodeCount);
  for (let n = 0; n < nodeCount; n++) {
    if (post[n] < 0) continue;
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e++) if (follows(e)) preds[fill[target(e)]++] = n;
  }
}

// Cooper, Harvey & Kennedy, "A Simple, Fast Dominance Algorithm", over post-order numbers.
const idom = new Int32Array(count).fill(-1);
idom[count - 1] = count - 1;
for (let changed = true; changed; ) {
  changed = false;
  for (let i = count - 2; i >= 0; i--) {
    const n = order[i];
    let d = -1;
    for (let p = predCount[n]; p < predCount[n + 1]; p++) {
      let a = post[preds[p]];
      if (idom[a] < 0) continue;
      if (d < 0) {
        d = a;
        continue;
      }
      let b = d;
      while (a !== b) {
        while (a < b) a = idom[a];
        while (b < a) b = idom[b];
      }
      d = a;
    }
    if (d >= 0 && idom[i] !== d) {
      idom[i] = d;
      changed = true;
    }
  }
}

const retained = new Float64Array(count);
for (let i = 0; i < count; i++) retained[i] += nodes[order[i] * NF + N_SIZE];
for (let i = 0; i < count - 1; i++) retained[idom[i]] += retained[i];

const typeOf = (n: number) => nodeTypes[nodes[n * NF + N_TYPE]];
const nameOf = (n: number) => {
  const t = typeOf(n);
  const name = strings[nodes[n * NF + N_NAME]];
  if (t === "object" || t === "closure" || t === "native") return name.slice(0, 60);
  return `(${t})${t === "string" || t === "concatenated string" || t === "sliced string" ? "" : ` ${name.slice(0, 40)}`}`;
};
const edgeName = (e: number) => {
  const t = edges[e * EF + E_TYPE];
  const v = edges[e * EF + E_NAME];
  return t === ELEMENT || t === HIDDEN ? `[${v}]` : strings[v];
};
/** How the dominator reaches the node: the name of an edge from it, when there is a direct one. */
function via(dom: number, n: number): string {
  for (let e = firstEdge[dom]; e < firstEdge[dom + 1]; e++) if (target(e) === n) return edgeName(e);
  return "…";
}
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

const total = retained[count - 1];
console.log(`${positionals[0]}: ${nodeCount} nodes, ${mb(total)} reachable\n`);

const top = Number(opts.top);
const depth = Number(opts.depth);
// The largest objects that are not the sole owner of a larger one in the list: walk down the
// dominator tree from the root into children holding over 1 % of the heap.
const children = new Map<number, number[]>();
for (let i = 0; i < count - 1; i++) {
  if (retained[i] < (total * Number(opts.min)) / 100) continue;
  const list = children.get(idom[i]);
  if (list) list.push(i);
  else children.set(idom[i], [i]);
}
console.log(`Dominator tree (children over ${opts.min} % of the heap):`);
const walk = (i: number, indent: number, edge: string) => {
  if (indent > depth) return;
  const n = order[i];
  console.log(`${"  ".repeat(indent)}${mb(retained[i]).padStart(9)}  ${edge} → ${nameOf(n)}`);
  for (const c of (children.get(i) ?? []).sort((a, b) => retained[b] - retained[a])) walk(c, indent + 1, via(n, order[c]));
};
walk(count - 1, 0, "root");

const byCtor = new Map<string, { self: number; n: number }>();
for (let i = 0; i < count; i++) {
  const k = nameOf(order[i]);
  const s = byCtor.get(k) ?? { self: 0, n: 0 };
  s.self += nodes[order[i] * NF + N_SIZE];
  s.n++;
  byCtor.set(k, s);
}
console.log(`\nSelf size by constructor (top ${top}):`);
for (const [k, s] of [...byCtor].sort((a, b) => b[1].self - a[1].self).slice(0, top)) console.log(`${mb(s.self).padStart(9)}  ${String(s.n).padStart(8)}  ${k}`);

// Objects held by more than one owner (strings shared by the informers' objects, the pipeline and
// the views, …) sit right under the root in the dominator tree; group them by what refers to them.
const ROOT = count - 1;
const shared = new Map<string, { self: number; n: number }>();
for (let i = 0; i < count - 1; i++) {
  if (idom[i] !== ROOT) continue;
  const n = order[i];
  const holders = new Set<string>();
  for (let p = predCount[n]; p < predCount[n + 1] && holders.size < 3; p++) {
    const h = preds[p];
    let e = firstEdge[h];
    while (e < firstEdge[h + 1] && target(e) !== n) e++;
    holders.add(`${nameOf(h)}.${edges[e * EF + E_TYPE] === ELEMENT ? "[]" : edgeName(e)}`);
  }
  const k = `${nameOf(n)} ← ${[...holders].sort().join(" & ")}`;
  const s = shared.get(k) ?? { self: 0, n: 0 };
  s.self += retained[i];
  s.n++;
  shared.set(k, s);
}
console.log(`\nRetained by objects with several owners, by owners (top ${top}):`);
for (const [k, s] of [...shared].sort((a, b) => b[1].self - a[1].self).slice(0, top)) console.log(`${mb(s.self).padStart(9)}  ${String(s.n).padStart(8)}  ${k.slice(0, 160)}`);
const byName = new Map<string, { self: number; n: number }>();
let sharedTotal = 0;
for (const [k, s] of shared) {
  sharedTotal += s.self;
  const name = k.split(" ← ")[0];
  const t = byName.get(name) ?? { self: 0, n: 0 };
  t.self += s.self;
  t.n += s.n;
  byName.set(name, t);
}
console.log(`\n${mb(sharedTotal)} in objects right under the root; by kind:`);
for (const [k, s] of [...byName].sort((a, b) => b[1].self - a[1].self).slice(0, 15)) console.log(`${mb(s.self).padStart(9)}  ${String(s.n).padStart(8)}  ${k}`);

for (const name of opts.focus ?? []) {
  let best = name === "root" ? count - 1 : -1;
  // An instance, not its class (a constructor is named like its instances).
  if (name !== "root") for (let i = 0; i < count; i++) if (nameOf(order[i]) === name && typeOf(order[i]) === "object" && (best < 0 || retained[i] > retained[best])) best = i;
  if (best < 0) {
    console.log(`\nno ${name} in the snapshot`);
    continue;
  }
  // Post-order numbers of a dominator subtree are not contiguous; mark membership by walking up.
  const inside = new Int8Array(count); // 0 unknown, 1 inside, -1 outside
  inside[best] = 1;
  const member = (i: number): boolean => {
    const path: number[] = [];
    let j = i;
    while (inside[j] === 0 && j !== count - 1) {
      path.push(j);
      j = idom[j];
    }
    const v = inside[j] === 1 ? 1 : -1;
    for (const k of path) inside[k] = v;
    return v === 1;
  };
  const fields = new Map<string, { self: number; n: number }>();
  // Objects whose hidden class (Map) is theirs alone: V8 failed to share one shape among them.
  const ownShapes = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    if (i === best || !member(i)) continue;
    if (typeOf(order[i]) === "object shape" && via(order[idom[i]], order[i]) === "map") {
      const owner = order[idom[i]];
      const props: string[] = [];
      for (let e = firstEdge[owner]; e < firstEdge[owner + 1]; e++) if (edgeTypes[edges[e * EF + E_TYPE]] === "property") props.push(edgeName(e));
      const k = `${nameOf(owner)} {${props.join(",")}}`.slice(0, 200);
      ownShapes.set(k, (ownShapes.get(k) ?? 0) + 1);
    }
    let edge = via(order[idom[i]], order[i]).replace(/^\[\d+\]$/, "[]");
    // An array's backing store is named by the property holding the array.
    if ((edge === "elements" || edge === "properties") && idom[i] !== best) edge = `${via(order[idom[idom[i]]], order[idom[i]]).replace(/^\[\d+\]$/, "[]")}.${edge}`;
    const k = `${edge} → ${nameOf(order[i])}`;
    const s = fields.get(k) ?? { self: 0, n: 0 };
    s.self += nodes[order[i] * NF + N_SIZE];
    s.n++;
    fields.set(k, s);
  }
  console.log(`\n${name}: retains ${mb(retained[best])}; self size by property → kind (top ${top}):`);
  for (const [k, s] of [...fields].sort((a, b) => b[1].self - a[1].self).slice(0, top)) console.log(`${mb(s.self).padStart(9)}  ${String(s.n).padStart(8)}  ${k}`);
  console.log(`\nObjects inside it with a hidden class of their own (top 10 of ${ownShapes.size} property lists):`);
  for (const [k, n] of [...ownShapes].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`${String(n).padStart(8)}  ${k}`);
}
