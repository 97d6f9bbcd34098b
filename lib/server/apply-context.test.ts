import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, describe, expect, it } from "vitest";
import { AuditStore } from "./audit/store";
import { buildApplyContext, leaseNamespace, replicaIdentity } from "./apply-context";
import { LeaseUnavailableError } from "./lease";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dnsdrift-ctx-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function kubeConfig(namespace?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server: "http://127.0.0.1:1", skipTLSVerify: true }],
    users: [{ name: "u" }],
    contexts: [{ name: "ctx", cluster: "c", user: "u", ...(namespace ? { namespace } : {}) }],
    currentContext: "ctx",
  });
  return kc;
}

describe("leaseNamespace", () => {
  const saFile = path.join(dir, "namespace");
  fs.writeFileSync(saFile, "from-pod\n");
  const none = path.join(dir, "missing");
  it.each<[string, Record<string, string>, KubeConfig | undefined, string, string]>([
    ["DNSDRIFT_LEASE_NAMESPACE first", { DNSDRIFT_LEASE_NAMESPACE: "leases", POD_NAMESPACE: "pod" }, kubeConfig("ctx-ns"), saFile, "leases"],
    ["then POD_NAMESPACE (downward API)", { POD_NAMESPACE: "pod" }, kubeConfig("ctx-ns"), saFile, "pod"],
    ["then the ServiceAccount's namespace", {}, kubeConfig("ctx-ns"), saFile, "from-pod"],
    ["then the kubeconfig context's", {}, kubeConfig("ctx-ns"), none, "ctx-ns"],
    ["else default", {}, kubeConfig(), none, "default"],
  ])("%s", (_, env, kc, file, expected) => expect(leaseNamespace(env, kc, file)).toBe(expected));
});

it("names the replica after the pod, with a random suffix", () => {
  const [a, b] = [replicaIdentity({ POD_NAME: "dnsdrift-7d9-x2" }), replicaIdentity({ POD_NAME: "dnsdrift-7d9-x2" })];
  expect(a).toMatch(/^dnsdrift-7d9-x2-[0-9a-f]{6}$/);
  expect(a).not.toBe(b);
  expect(replicaIdentity({})).toContain(os.hostname());
});

describe("buildApplyContext", () => {
  it("has no Leases or Events in snapshot mode: the in-process lock is all there is", () => {
    const audit = AuditStore.open(path.join(dir, "a.db"));
    const ctx = buildApplyContext({ mode: "snapshot", audit, replica: "r" });
    expect(ctx.replica).toBe("r");
    expect(ctx.leases).toBeUndefined();
    expect(ctx.events).toBeUndefined();
    expect(ctx.busyZones.size).toBe(0);
    audit.close();
  });

  it("uses Leases in the configured namespace in live mode", () => {
    const audit = AuditStore.open(path.join(dir, "b.db"));
    const ctx = buildApplyContext({ mode: "live", audit, replica: "r", kubeConfig: kubeConfig(), env: { DNSDRIFT_LEASE_NAMESPACE: "ops" } });
    expect(ctx.leases?.namespace).toBe("ops");
    expect(ctx.leases?.holder).toBe("r");
    expect(ctx.events).toBeTypeOf("function");
    audit.close();
  });
});

it("says the Leases cannot be used when there are no Kubernetes credentials in live mode", () => {
  const audit = AuditStore.open(path.join(dir, "c.db"));
  expect(() => buildApplyContext({ mode: "live", audit, replica: "r", env: { KUBECONFIG: path.join(dir, "nope") } })).toThrow(LeaseUnavailableError);
  audit.close();
});
