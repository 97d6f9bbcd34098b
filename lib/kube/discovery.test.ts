import { describe, expect, it } from "vitest";
import { InputError } from "../externaldns/errors";
import { instanceFromDeployment, loadDiscoveryOptionsFromEnv, noDeploymentMessage, staticInstance } from "./discovery";
import { deployment, SEED_ARGS } from "../../tests/support/kube-reader";

describe("instanceFromDeployment", () => {
  it("reads the seed chart's Deployment: args → config, image tag → version", () => {
    const inst = instanceFromDeployment(deployment())!;
    expect(inst.id).toBe("networking/external-dns");
    expect(inst.origin).toBe("deployment");
    expect(inst.config.version).toMatchObject({ minor: 20, patch: 0 });
    expect(inst.config).toMatchObject({
      sources: ["crd", "ingress", "gateway-httproute"],
      policy: "sync",
      txtPrefix: "k8s.",
      txtOwnerId: "default",
      domainFilters: ["example.com"],
      provider: "cloudflare",
      ingressClassNames: ["external"],
      cloudflareProxied: true,
      gatewayLabelFilter: "external-dns.alpha.kubernetes.io/enabled=true",
      annotationPrefix: "external-dns.alpha.kubernetes.io/",
    });
    expect(inst.config.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(inst.config.issues.map((i) => i.flag)).not.toContain("version");
  });

  it.each([
    ["image tag", {}, "v0.20.0"],
    ["override", { version: "v0.21.0" }, "v0.21.0"],
  ])("version from %s", (_, overrides, want) => {
    expect(instanceFromDeployment(deployment(), overrides)!.config.version.raw).toBe(want);
  });

  it("uses the annotation prefix override", () => {
    const c = instanceFromDeployment(deployment(), { annotationPrefix: "dns.acme.io/" })!.config;
    expect(c.annotationPrefix).toBe("dns.acme.io/");
    expect(c.annotationPrefixExplicit).toBe(true);
  });

  it("warns when the image tag is not a version and assumes the default", () => {
    const c = instanceFromDeployment(deployment({ image: "registry.k8s.io/external-dns/external-dns:latest" }))!.config;
    expect(c.version.raw).toBe("v0.22.0");
    expect(c.issues.find((i) => i.flag === "image")?.message).toMatch(/not a version.*DNSDRIFT_EXTERNALDNS_VERSION/);
  });

  it("warns when the Deployment is scaled to zero", () => {
    const c = instanceFromDeployment(deployment({ replicas: 0 }))!.config;
    expect(c.issues.find((i) => i.flag === "replicas")?.message).toMatch(/scaled to 0/);
  });

  it("reads flags from the command and EXTERNAL_DNS_* variables", () => {
    const c = instanceFromDeployment(
      deployment({ command: ["/bin/external-dns", "--source=crd", "--provider=cloudflare"], args: [], env: [{ name: "EXTERNAL_DNS_POLICY", value: "upsert-only" }] }),
    )!.config;
    expect(c).toMatchObject({ sources: ["crd"], provider: "cloudflare", policy: "upsert-only" });
  });

  it("is undefined for a Deployment without an external-dns container", () => {
    expect(instanceFromDeployment(deployment({ containerName: "web", image: "nginx:1.27", sidecars: [{ name: "proxy", image: "envoy:v1" }] }))).toBeUndefined();
    expect(instanceFromDeployment({ metadata: { name: "empty" } })).toBeUndefined();
  });
});

describe("staticInstance", () => {
  it.each([
    ["args", { id: "a", args: ["--source=crd", "--provider=cloudflare", "--policy=sync"], version: "v0.21.0" }, ["crd"]],
    ["Helm values", { id: "h", helmValues: { sources: ["ingress"], provider: "cloudflare", image: { tag: "v0.20.0" } } }, ["ingress"]],
    ["config text", { id: "t", configText: "--source=gateway-httproute\n--provider=cloudflare\n--policy=sync\n", version: "v0.22.0" }, ["gateway-httproute"]],
  ])("from %s", (_, entry, sources) => {
    const inst = staticInstance(entry);
    expect(inst).toMatchObject({ id: entry.id, origin: "config-file" });
    expect(inst.config.sources).toEqual(sources);
  });

  it("per-entry settings win over the global overrides", () => {
    const inst = staticInstance({ id: "x", args: ["--source=crd", "--provider=cloudflare"], version: "v0.20.0" }, { version: "v0.22.0", annotationPrefix: "a.io/" });
    expect(inst.config.version.raw).toBe("v0.20.0");
    expect(inst.config.annotationPrefix).toBe("a.io/");
  });

  it("rejects an entry with nothing to read", () => {
    expect(() => staticInstance({ id: "empty" })).toThrow(InputError);
  });
});

describe("loadDiscoveryOptionsFromEnv", () => {
  const files: Record<string, string> = {
    "/cfg/values.yaml": "provider: cloudflare\nsources: [ingress]\nimage:\n  tag: v0.20.0\n",
    "/cfg/args.txt": "--source=crd\n--provider=cloudflare\n--policy=sync\n",
    "/cfg/broken.yaml": "sources: 5\n",
  };
  const read = (f: string) => {
    if (!(f in files)) throw new Error("ENOENT: no such file");
    return files[f];
  };

  it.each([
    ["nothing set", {}, { mode: "discover" }],
    [
      "selector and namespace",
      { DNSDRIFT_EXTERNALDNS_SELECTOR: "app=external-dns", DNSDRIFT_EXTERNALDNS_NAMESPACE: "dns" },
      { mode: "discover", selector: "app=external-dns", namespace: "dns" },
    ],
    [
      "overrides",
      { DNSDRIFT_EXTERNALDNS_VERSION: "0.21.0", DNSDRIFT_ANNOTATION_PREFIX: "acme.io/" },
      { mode: "discover", overrides: { version: "0.21.0", annotationPrefix: "acme.io/" } },
    ],
    ["blank values are unset", { DNSDRIFT_EXTERNALDNS_SELECTOR: " ", DNSDRIFT_EXTERNALDNS_VERSION: "" }, { mode: "discover" }],
  ])("%s", (_, env, want) => {
    expect(loadDiscoveryOptionsFromEnv(env, read)).toEqual(want);
  });

  it("a config file switches to static mode with one instance", () => {
    const opts = loadDiscoveryOptionsFromEnv({ DNSDRIFT_EXTERNALDNS_CONFIG: "/cfg/values.yaml" }, read);
    expect(opts.mode).toBe("static");
    expect(opts.static).toEqual([{ id: "external-dns", configText: files["/cfg/values.yaml"], file: "/cfg/values.yaml", origin: "config-file" }]);
    expect(staticInstance(opts.static![0]).config.sources).toEqual(["ingress"]);
  });

  it("several config files give one instance each, named after the file", () => {
    const opts = loadDiscoveryOptionsFromEnv({ DNSDRIFT_EXTERNALDNS_CONFIG: "/cfg/values.yaml,/cfg/args.txt", DNSDRIFT_EXTERNALDNS_VERSION: "v0.22.0" }, read);
    expect(opts.static?.map((s) => s.id)).toEqual(["values", "args"]);
  });

  it.each([
    ["an unreadable config file", { DNSDRIFT_EXTERNALDNS_CONFIG: "/cfg/missing.yaml" }, /missing\.yaml: cannot read/],
    ["a malformed config file", { DNSDRIFT_EXTERNALDNS_CONFIG: "/cfg/broken.yaml" }, /broken\.yaml: sources: got a number, the chart wants a list/],
    ["a bad version", { DNSDRIFT_EXTERNALDNS_VERSION: "latest" }, /DNSDRIFT_EXTERNALDNS_VERSION: "latest" is not an external-dns version/],
    ["a bad selector", { DNSDRIFT_EXTERNALDNS_SELECTOR: "app in (" }, /DNSDRIFT_EXTERNALDNS_SELECTOR: invalid label selector/],
  ])("rejects %s with an InputError", (_, env, message) => {
    expect(() => loadDiscoveryOptionsFromEnv(env, read)).toThrow(InputError);
    expect(() => loadDiscoveryOptionsFromEnv(env, read)).toThrow(message);
  });
});

describe("noDeploymentMessage", () => {
  it.each([
    [{ mode: "discover" as const }, 0, /no Deployment matches app\.kubernetes\.io\/name=external-dns in any namespace/],
    [{ mode: "discover" as const, selector: "app=edns", namespace: "dns" }, 0, /no Deployment matches app=edns in namespace dns/],
    [{ mode: "discover" as const }, 2, /2 Deployment\(s\) match .* but none runs an external-dns container/],
  ])("%j with %i seen", (opts, seen, message) => {
    const text = noDeploymentMessage(opts, seen);
    expect(text).toMatch(message);
    expect(text).toMatch(/DNSDRIFT_EXTERNALDNS_SELECTOR/);
  });
});

// Keeps SEED_ARGS honest: it is what the chart renders from examples/seed/values.yaml.
describe("SEED_ARGS", () => {
  it("matches the seed Helm values' config", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { configFromHelmValues } = await import("../externaldns/config");
    const YAML = (await import("yaml")).default;
    const values = YAML.parse(fs.readFileSync(path.resolve(__dirname, "../../examples/seed/values.yaml"), "utf8"));
    const fromValues = configFromHelmValues(values);
    const fromArgs = instanceFromDeployment(deployment({ args: SEED_ARGS }))!.config;
    expect({ ...fromArgs, issues: [] }).toEqual({ ...fromValues, issues: [] });
  });
});
