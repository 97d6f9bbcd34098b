// `npm run demo`: the product on its built-in demo. Starts the Kubernetes API emulator (the
// seed's Gateways, routes, Ingresses, DNSEndpoint, the demo's Services and GRPCRoute, and the external-dns Deployment), the Cloudflare
// API emulator (the seed's zone with realistic drift), a local DoH endpoint answering from that
// zone, and the dashboard pointed at them. No cluster, no account, no network.

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startCloudflareEmulator } from "../emulators/cloudflare/server";
import { startKubeEmulator } from "../emulators/kube/server";
import { startDemoDoh } from "./demo-doh";
import { startRouteController } from "../emulators/demo/route-controller";
import { demoSeedAuditLogs, demoSeedObjects, demoSeedRecords } from "../emulators/demo/seed";
import { packageRoot } from "./package-root";
import { demoSettingsFromEnv } from "../lib/server/settings";

const root = packageRoot();
// Built (dist/bin/demo.cjs) the server entry sits beside this file, compiled too; from the
// sources it is loaded through tsx.
const serveEntry = __filename.endsWith(".cjs") ? [path.join(__dirname, "serve.cjs")] : ["--import", "tsx", path.join(root, "bin/serve.ts")];
const READ_TOKEN = "demo-read-token-0000000000000000000000";
const WRITE_TOKEN = "demo-edit-token-0000000000000000000000";


async function waitForReady(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the dashboard exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the dashboard did not become ready at ${url} within ${timeoutMs / 1000} s`);
}

export async function main(): Promise<void> {
  const demo = demoSettingsFromEnv();
  const { host, port } = demo;
  const seed = demoSeedRecords();

  const cloudflare = await startCloudflareEmulator({
    port: demo.ports.cloudflare,
    seed,
    // The read token may also read the account audit log (who changed a record by hand); the
    // write token's edits are logged under dnsdrift's own identity.
    tokens: {
      [READ_TOKEN]: { permissions: ["read", "audit"] },
      [WRITE_TOKEN]: { permissions: ["read", "edit"], actor: { email: "dnsdrift-demo@example.com" } },
    },
    auditLogs: demoSeedAuditLogs(),
  });
  const kube = await startKubeEmulator({ port: demo.ports.kube, objects: demoSeedObjects() });
  // Stands in for Envoy Gateway: a route applied with kubectl gets its Accepted status.
  const routeController = await startRouteController(kube);
  const doh = await startDemoDoh(cloudflare, demo.ports.doh);

  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-demo-"));
  const kubeconfig = path.join(stateDir, "kubeconfig");
  fs.writeFileSync(kubeconfig, kube.kubeconfig());

  const env = {
    ...demo.inherited,
    NEXT_TELEMETRY_DISABLED: "1",
    DNSDRIFT_MODE: "demo",
    KUBECONFIG: kubeconfig,
    CF_API_TOKEN: READ_TOKEN,
    CF_API_WRITE_TOKEN: WRITE_TOKEN,
    CF_API_BASE_URL: cloudflare.url,
    DNSDRIFT_WRITES: demo.inherited.DNSDRIFT_WRITES ?? "enabled",
    DNSDRIFT_DOH_RESOLVERS: `demo=${doh.url}`,
    DNSDRIFT_AUDIT_DB: demo.inherited.DNSDRIFT_AUDIT_DB ?? path.join(stateDir, "audit.db"),
    PORT: String(port),
  };
  // dnsdrift's own server entry: it refuses DNSDRIFT_AUTH_MODE=none (the demo's default) on a
  // non-loopback HOST, and records peer addresses for proxy mode.
  const built = fs.existsSync(path.join(root, ".next/BUILD_ID"));
  const args = [...serveEntry, "--hostname", host, "--port", String(port), ...(built ? [] : ["--dev"])];
  if (!built) console.log("dnsdrift demo: no production build found (.next), starting in development mode");
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });

  const shutdown = async () => {
    child.kill("SIGTERM");
    routeController.stop();
    await Promise.allSettled([cloudflare.close(), kube.close(), doh.close()]);
    fs.rmSync(stateDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  child.on("exit", (code) => {
    if (code !== null && code !== 0) {
      console.error(`dnsdrift demo: the dashboard exited with code ${code}`);
      void shutdown();
    }
  });

  const url = `http://${host}:${port}`;
  await waitForReady(`${url}/api/readyz`, child);
  const info = { url, cloudflareAdmin: cloudflare.adminUrl, kube: kube.url, kubeconfig, doh: doh.url };
  fs.writeFileSync(path.join(stateDir, "demo.json"), JSON.stringify(info, null, 2));
  if (demo.infoFile) fs.writeFileSync(demo.infoFile, JSON.stringify(info, null, 2));
  console.log(`\ndnsdrift demo is ready: ${url}\n`);
  console.log(`  Cloudflare emulator admin: ${cloudflare.adminUrl} (fault switches: POST ${cloudflare.adminUrl}/faults)`);
  console.log(`  Kubernetes emulator:       ${kube.url} (kubeconfig: ${kubeconfig})`);
  console.log(`    kubectl works against it: export KUBECONFIG=${kubeconfig}`);
  console.log(`  DoH endpoint:              ${doh.url}\n`);
}

main().catch((e) => {
  console.error(`dnsdrift demo: ${(e as Error).message}`);
  process.exit(1);
});
