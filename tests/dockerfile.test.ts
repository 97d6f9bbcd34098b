// The container image's recipe, checked without a Docker engine: its stages and base images, the
// non-root user, no baked-in secrets, the runtime layout it copies out of `next build`, and a
// build context (.dockerignore) that keeps secrets out yet holds everything the build imports.
// tests/standalone.e2e.test.ts runs the layout itself.

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dockerignore, execForm, parseDockerfile, stageEnv, type Stage } from "./support/dockerfile";

const root = path.resolve(__dirname, "..");
const stages = parseDockerfile(fs.readFileSync(path.join(root, "Dockerfile"), "utf8"));
const stage = (name: string): Stage => {
  const s = stages.find((x) => x.name === name);
  if (!s) throw new Error(`no stage "${name}" in the Dockerfile (has ${stages.map((x) => x.name).join(", ")})`);
  return s;
};
const runtime = stages[stages.length - 1];
const runs = (s: Stage) => s.instructions.filter((i) => i.op === "RUN").map((i) => i.args);
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const routeExists = (urlPath: string) => fs.existsSync(path.join(root, "app", urlPath, "route.ts"));

describe("Dockerfile stages", () => {
  it("builds in deps → build → runtime, all on node:20-bookworm-slim", () => {
    expect(stages.map((s) => s.name)).toEqual(["deps", "build", "runtime"]);
    expect(stage("deps").from).toBe("node:20-bookworm-slim");
    expect(stage("build").from).toBe("deps");
    expect(runtime.from).toBe("node:20-bookworm-slim");
    expect(Number(/>=\s*(\d+)/.exec(pkg.engines.node)![1])).toBeLessThanOrEqual(20);
  });

  it("installs from the lock file and builds with next build, then bundles the server entry", () => {
    expect(stage("deps").instructions).toContainEqual({ op: "COPY", args: "package.json package-lock.json ./" });
    expect(runs(stage("deps")).some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    const build = runs(stage("build")).join(" && ");
    expect(build).toMatch(/next build/);
    const bundle = /node (\S+bundle-server\.mjs) (\S+)/.exec(build);
    expect(bundle?.[2]).toBe(".next/standalone");
    expect(fs.existsSync(path.join(root, bundle![1]))).toBe(true);
    expect(build.indexOf("next build")).toBeLessThan(build.indexOf("bundle-server"));
  });

  it("fails the build when better-sqlite3's native module is missing from the standalone output", () => {
    const build = runs(stage("build")).join(" && ");
    const check = "test -f .next/standalone/node_modules/better-sqlite3/build/Release/better_sqlite3.node";
    expect(build.includes(check)).toBe(Boolean(pkg.dependencies["better-sqlite3"]));
  });
});

describe("Dockerfile runtime stage", () => {
  it("copies exactly the standalone output, its static assets and public/", () => {
    const copies = runtime.instructions.filter((i) => i.op === "COPY").map((i) => i.args);
    expect(copies).toEqual([
      "--from=build /src/.next/standalone ./",
      "--from=build /src/.next/static ./.next/static",
      "--from=build /src/public ./public",
    ]);
    expect(runtime.instructions.find((i) => i.op === "WORKDIR")?.args).toBe("/app");
    expect(runs(stage("build")).some((r) => /mkdir -p public/.test(r))).toBe(true);
  });

  it("runs as the numeric non-root user 65532, with only /data and Next's cache writable", () => {
    const user = runtime.instructions.filter((i) => i.op === "USER").map((i) => i.args);
    expect(user).toEqual(["65532:65532"]);
    const userAt = runtime.instructions.findIndex((i) => i.op === "USER");
    const runsAfterUser = runtime.instructions.slice(userAt).filter((i) => i.op === "RUN");
    expect(runsAfterUser).toEqual([]);
    expect(runs(runtime)).toEqual(["mkdir -p /data /app/.next/cache && chown 65532:65532 /data /app/.next/cache"]);
  });

  it("listens on all addresses, port 3000, and checks /healthz", () => {
    const env = stageEnv(runtime);
    expect(env).toMatchObject({ HOST: "0.0.0.0", HOSTNAME: "0.0.0.0", PORT: "3000", NODE_ENV: "production", DNSDRIFT_AUDIT_DB: "/data/audit.db" });
    expect(runtime.instructions.filter((i) => i.op === "EXPOSE").map((i) => i.args)).toEqual(["3000"]);
    const hc = runtime.instructions.find((i) => i.op === "HEALTHCHECK")!;
    const probe = execForm(hc.args).join(" ");
    const probed = /127\.0\.0\.1:'\+\(process\.env\.PORT\|\|3000\)\+'(\/\w+)'/.exec(probe)?.[1];
    expect(probed).toBe("/healthz");
    expect(routeExists(probed!)).toBe(true);
  });

  it("starts dnsdrift's own server entry, whose peer stamping proxy auth needs", () => {
    const cmd = runtime.instructions.find((i) => i.op === "CMD")!;
    expect(execForm(cmd.args)).toEqual(["node", "bin/serve.js"]);
    expect(fs.readFileSync(path.join(root, "bin/serve.ts"), "utf8")).toMatch(/stampPeer\(/);
  });

  it("bakes in no secret: no token, password or key in ENV or ARG, no .env copied", () => {
    const secretName = /TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|PRIVATE|CREDENTIAL/i;
    for (const s of stages) {
      for (const name of Object.keys(stageEnv(s))) expect(name, `ENV ${name} in ${s.name}`).not.toMatch(secretName);
      for (const i of s.instructions.filter((x) => x.op === "ARG")) expect(i.args).not.toMatch(secretName);
      for (const i of s.instructions.filter((x) => x.op === "COPY" || x.op === "ADD")) expect(i.args).not.toMatch(/\.env|\.pem|kubeconfig/);
    }
    expect(stages.flatMap((s) => s.instructions).some((i) => i.op === "ADD")).toBe(false);
  });
});

describe(".dockerignore", () => {
  const ignored = dockerignore(fs.readFileSync(path.join(root, ".dockerignore"), "utf8"));

  it.each([
    ["node_modules/next/package.json", true],
    [".next/standalone/server.js", true],
    [".git/config", true],
    [".env", true],
    [".env.local", true],
    ["lib/server/.env", true],
    ["deploy/certs/tls.key", true],
    ["admin.kubeconfig", true],
    ["kubeconfig", true],
    ["tests/metrics.test.ts", true],
    ["lib/kube/reader.integration.test.ts", true],
    ["components/ui/format.test.ts", true],
    ["lib/externaldns/config.testkit.ts", false],
    ["npm-debug.log", true],
    ["package.json", false],
    ["package-lock.json", false],
    ["next.config.js", false],
    ["tsconfig.json", false],
    ["postcss.config.mjs", false],
    ["bin/serve.ts", false],
    ["deploy/docker/bundle-server.mjs", false],
    ["lib/kube/kubeconfig.ts", false],
    ["app/healthz/route.ts", false],
    ["public/favicon.ico", false],
  ])("%s ignored: %s", (file, expected) => {
    expect(ignored(file)).toBe(expected);
  });

  it("keeps every file the build compiles or imports in the context", () => {
    const skip = new Set(["node_modules", ".next", ".git", ".tmp"]);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = dir ? `${dir}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!skip.has(e.name)) walk(rel);
        } else files.push(rel);
      }
    };
    walk("");
    const inContext = files.filter((f) => !ignored(f));
    const sources = inContext.filter((f) => /\.(ts|tsx|mjs|cjs|js)$/.test(f));
    expect(sources.length).toBeGreaterThan(100);
    const resolve = (from: string, spec: string): string | undefined => {
      const base = spec.startsWith("@/") ? spec.slice(2) : path.posix.join(path.posix.dirname(from), spec);
      const candidates = [base, ...[".ts", ".tsx", ".js", ".mjs", ".json", "/index.ts", "/index.tsx"].map((x) => base + x)];
      return candidates.find((c) => files.includes(c));
    };
    const missing: string[] = [];
    for (const file of sources) {
      const text = fs.readFileSync(path.join(root, file), "utf8");
      for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)["']((?:\.{1,2}\/|@\/)[^"']+)["']/g)) {
        const target = resolve(file, m[1]);
        if (target && ignored(target)) missing.push(`${file} imports ${target}, which .dockerignore leaves out`);
      }
    }
    expect(missing).toEqual([]);
  });
});
