// CLI: node --import tsx emulators/kube/main.ts --port 6443 --objects dir-or-file [...]
//   --objects PATH            seed manifests (file or directory; repeatable)
//   --port N / --host H       listen address (default 127.0.0.1:6443; 0 = any free port)
//   --token T                 require this bearer token
//   --crd plural=false|v1,v2  install switch per kind (repeatable), e.g. --crd dnsendpoints=false
//   --gateway-api-versions    comma list of v1,v1beta1 served by the Gateway API group
//   --forbidden RULES         comma-free rules, repeatable: --forbidden list,watch:httproutes
//   --kubeconfig-out PATH     write a kubeconfig pointing at the emulator
//   --bookmark-interval MS    BOOKMARK period for watches
// Prints one line `kube-emulator listening on <url>` once ready; exits on SIGINT/SIGTERM.

import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { loadManifests } from "./manifests";
import type { GatewayApiVersion } from "./resources";
import { startKubeEmulator, type KubeEmulatorOptions } from "./server";

export function parseCrdFlag(flag: string): [string, boolean | string[]] {
  const eq = flag.indexOf("=");
  if (eq < 0) throw new Error(`--crd expects plural=false|true|v1,v2, got ${flag}`);
  const key = flag.slice(0, eq);
  const value = flag.slice(eq + 1);
  if (value === "false" || value === "true") return [key, value === "true"];
  return [key, value.split(",").filter((v) => v !== "")];
}

export function optionsFromArgs(argv: string[]): { options: KubeEmulatorOptions; kubeconfigOut?: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "6443" },
      host: { type: "string", default: "127.0.0.1" },
      objects: { type: "string", multiple: true, default: [] },
      token: { type: "string" },
      crd: { type: "string", multiple: true, default: [] },
      "gateway-api-versions": { type: "string" },
      forbidden: { type: "string", multiple: true, default: [] },
      "kubeconfig-out": { type: "string" },
      "bookmark-interval": { type: "string" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: invalid port ${values.port}`);
  const options: KubeEmulatorOptions = {
    port,
    host: values.host,
    objects: loadManifests(values.objects ?? []),
    token: values.token,
    crds: Object.fromEntries((values.crd ?? []).map(parseCrdFlag)),
    forbidden: values.forbidden,
  };
  const gv = values["gateway-api-versions"];
  if (gv) options.gatewayApiVersions = gv.split(",").filter((v) => v !== "") as GatewayApiVersion[];
  const bi = values["bookmark-interval"];
  if (bi) options.bookmarkIntervalMs = Number(bi);
  return { options, kubeconfigOut: values["kubeconfig-out"] };
}

async function main(): Promise<void> {
  const { options, kubeconfigOut } = optionsFromArgs(process.argv.slice(2));
  const emu = await startKubeEmulator(options);
  if (kubeconfigOut) fs.writeFileSync(kubeconfigOut, emu.kubeconfig());
  process.stdout.write(`kube-emulator listening on ${emu.url}\n`);
  const stop = () => {
    void emu.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

// Only run when executed directly, so tests can import the argument parsing.
if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`kube-emulator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
