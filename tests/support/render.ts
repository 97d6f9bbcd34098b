// Renders deploy/ the two ways users install it: `kubectl kustomize` (base, overlays, components)
// and `helm template` (the chart). Both binaries come from PATH; scripts/test-all.sh puts the
// pinned ones from scripts/tools.sh first.

import { execFileSync } from "node:child_process";
import YAML from "yaml";
import type { KubeObject } from "./kube-schema";

function run(tool: string, args: string[], what: string): string {
  try {
    return execFileSync(tool, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === "ENOENT") throw new Error(`${tool} is needed to render ${what}: run \`bash scripts/tools.sh\` and put the folder it prints on PATH`);
    throw Object.assign(new Error(`${tool} ${args.join(" ")} failed: ${err.stderr ?? err.message}`), { stderr: err.stderr ?? "" });
  }
}

const parse = (out: string) => YAML.parseAllDocuments(out).map((d) => d.toJS() as KubeObject).filter(Boolean);

export function kustomize(dir: string): KubeObject[] {
  return parse(run("kubectl", ["kustomize", dir], dir));
}

export const CHART = "deploy/helm/dnsdrift";

/** `helm template` of the chart; `values` become a values file, as a user would write one. */
export function helmTemplate(values: Record<string, unknown>, opts: { release?: string; namespace?: string } = {}): KubeObject[] {
  return parse(helmRaw(["template", opts.release ?? "dnsdrift", CHART, "--namespace", opts.namespace ?? "external-dns", "--values", "-"], values));
}

/** helm with a values document on stdin (`--values -`). */
export function helmRaw(args: string[], values: Record<string, unknown> = {}): string {
  try {
    return execFileSync("helm", args, { encoding: "utf8", input: YAML.stringify(values), stdio: ["pipe", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string; stdout?: string };
    if (err.code === "ENOENT") throw new Error("helm is needed to render the chart: run `bash scripts/tools.sh` and put the folder it prints on PATH");
    throw Object.assign(new Error(`helm ${args.join(" ")} failed: ${err.stderr || err.stdout || err.message}`), { stderr: `${err.stdout ?? ""}${err.stderr ?? ""}` });
  }
}
