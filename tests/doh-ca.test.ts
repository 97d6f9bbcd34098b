// Trusting a DoH server's certificate through NODE_EXTRA_CA_CERTS (read by node only at process
// start, hence a child process), alone and combined with the client's own `ca` option.

import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDnsdist, type Dnsdist } from "./support/dnsdist";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "..");

let a: Dnsdist;
let b: Dnsdist;
let script: string;

beforeAll(async () => {
  const rules = [{ kind: "A" as const, name: "app.example.test", addresses: ["192.0.2.10"] }];
  [a, b] = await Promise.all([startDnsdist(rules), startDnsdist(rules)]);
  script = path.join(a.dir, "probe.mts");
  fs.writeFileSync(
    script,
    `import { createDohClient } from ${JSON.stringify(path.join(ROOT, "lib/doh/client.ts"))};
import { cliSettingsFromEnv } from ${JSON.stringify(path.join(ROOT, "lib/server/settings.ts"))};
const [urlA, urlB, caFile] = process.argv.slice(2);
// As \`dnsdrift lookup --ca\` builds it: NODE_EXTRA_CA_CERTS comes through the settings.
const c = createDohClient({ resolvers: [{ id: "a", url: urlA }, { id: "b", url: urlB }], ca: caFile ? (await import("node:fs")).readFileSync(caFile) : undefined, extraCaCertsFile: cliSettingsFromEnv().extraCaCertsFile });
const out = {};
for (const id of ["a", "b"]) { const r = await c.query(id, "app.example.test", "A"); out[id] = r.error ? r.error.code : r.answers.map((x) => x.data).join(","); }
c.close();
console.log(JSON.stringify(out));
`,
  );
}, 20000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

async function probe(extraCaEnv: string | undefined, caFile?: string): Promise<Record<string, string>> {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  if (extraCaEnv) env.NODE_EXTRA_CA_CERTS = extraCaEnv;
  const { stdout } = await run(process.execPath, ["--import", "tsx", script, a.url, b.url, ...(caFile ? [caFile] : [])], { cwd: ROOT, env });
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
}

describe("trust", () => {
  it("NODE_EXTRA_CA_CERTS alone trusts that server only", async () => {
    expect(await probe(a.certPath)).toEqual({ a: "192.0.2.10", b: "network" });
  });

  it("the `ca` option adds to NODE_EXTRA_CA_CERTS instead of replacing it", async () => {
    expect(await probe(a.certPath, b.certPath)).toEqual({ a: "192.0.2.10", b: "192.0.2.10" });
  });

  it("neither: both are untrusted (reported, not thrown)", async () => {
    expect(await probe(undefined)).toEqual({ a: "network", b: "network" });
  });
});
