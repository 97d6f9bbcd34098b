import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { optionsFromArgs, parseCrdFlag } from "./main";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kube-emulator-"));
const seedDir = path.join(tmp, "seed");
fs.mkdirSync(path.join(seedDir, "nested"), { recursive: true });
fs.writeFileSync(path.join(seedDir, "a.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n");
fs.writeFileSync(
  path.join(seedDir, "nested", "b.json"),
  JSON.stringify({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "r", namespace: "apps" } }),
);
fs.writeFileSync(path.join(seedDir, "ignored.txt"), "not a manifest");

describe("optionsFromArgs", () => {
  it("maps every flag", () => {
    const { options, kubeconfigOut } = optionsFromArgs([
      "--port", "7000", "--objects", seedDir, "--token", "t", "--crd", "dnsendpoints=false", "--crd", "tlsroutes=v1alpha2",
      "--gateway-api-versions", "v1beta1", "--forbidden", "list,watch:httproutes", "--forbidden", "secrets",
      "--kubeconfig-out", "/tmp/kc", "--bookmark-interval", "100",
    ]);
    expect(options).toMatchObject({
      port: 7000,
      host: "127.0.0.1",
      token: "t",
      crds: { dnsendpoints: false, tlsroutes: ["v1alpha2"] },
      gatewayApiVersions: ["v1beta1"],
      forbidden: ["list,watch:httproutes", "secrets"],
      bookmarkIntervalMs: 100,
    });
    expect((options.objects as { metadata: { name: string } }[]).map((o) => o.metadata.name)).toEqual(["apps", "r"]);
    expect(kubeconfigOut).toBe("/tmp/kc");
  });

  it.each([
    ["dnsendpoints=false", ["dnsendpoints", false]],
    ["gateways=true", ["gateways", true]],
    ["tlsroutes=v1,v1alpha2", ["tlsroutes", ["v1", "v1alpha2"]]],
  ])("parseCrdFlag(%s)", (flag, want) => expect(parseCrdFlag(flag)).toEqual(want));

  it.each([["--port", "x"], ["--port", "70000"], ["--bogus"]])("rejects %j", (...args) => {
    expect(() => optionsFromArgs(args)).toThrow();
  });
});

describe("CLI", () => {
  it("serves the seed, writes a kubeconfig and exits cleanly on SIGTERM", async () => {
    const kubeconfig = path.join(tmp, "kc.yaml");
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "main.ts"), "--port", "0", "--objects", seedDir, "--kubeconfig-out", kubeconfig], {
      cwd: path.join(__dirname, "..", ".."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /listening on (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`exited early with ${code}`)));
        setTimeout(() => reject(new Error("no listening line")), 15000);
      });
      const body = (await (await fetch(`${url}/apis/gateway.networking.k8s.io/v1/namespaces/apps/httproutes`)).json()) as { items: { metadata: { name: string } }[] };
      expect(body.items.map((i) => i.metadata.name)).toEqual(["r"]);
      expect(fs.readFileSync(kubeconfig, "utf8")).toContain(`server: ${url}`);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    }
  });
});
