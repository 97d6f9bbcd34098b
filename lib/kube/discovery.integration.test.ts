// Zero-configuration discovery of external-dns against the Kubernetes API emulator: instances
// from Deployments (args, env, image tag), several side by side, config changes seen by watch,
// the kinds watched following the instances' sources, and the "nothing found" explanation.

import { afterEach, describe, expect, it } from "vitest";
import { startKubeEmulator, type KubeEmulator } from "../../emulators/kube/server";
import type { ClusterReader } from "../server/ports";
import type { DiscoveryOptions } from "./discovery";
import { deployment, healthOf, readerFor, SEED_ARGS, waitFor, waitForSnapshot } from "../../tests/support/kube-reader";

let emu: KubeEmulator | undefined;
let reader: ClusterReader | undefined;
afterEach(async () => {
  await reader?.stop();
  reader = undefined;
  await emu?.close();
  emu = undefined;
});

async function start(objects: object[], discovery: DiscoveryOptions = { mode: "discover" }) {
  emu = await startKubeEmulator({ objects });
  reader = readerFor(emu, discovery);
  await reader.start();
  return { emu, reader };
}

const deploymentRequests = () => Object.entries(emu!.stats().requests.byResource).filter(([k]) => k.endsWith(" deployments.apps"));

describe("external-dns discovery from Deployments", () => {
  it("reads the seed chart's Deployment into the config external-dns runs with", async () => {
    const { reader } = await start([deployment()]);
    const [inst] = reader.snapshot().instances;
    expect(inst).toMatchObject({ id: "networking/external-dns", origin: "deployment", image: "registry.k8s.io/external-dns/external-dns:v0.20.0" });
    const c = inst.config;
    expect(c.version.raw).toBe("v0.20.0");
    expect(c.annotationPrefix).toBe("external-dns.alpha.kubernetes.io/");
    expect(c.sources).toEqual(["crd", "ingress", "gateway-httproute"]);
    expect(c).toMatchObject({
      policy: "sync",
      txtPrefix: "k8s.",
      txtOwnerId: "default",
      domainFilters: ["example.com"],
      provider: "cloudflare",
      ingressClassNames: ["external"],
      cloudflareProxied: true,
      gatewayLabelFilter: "external-dns.alpha.kubernetes.io/enabled=true",
    });
    expect(c.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(healthOf(reader.snapshot(), "cluster/deployments").status).toBe("ok");
  });

  it("finds several instances side by side and ignores Deployments that are not external-dns", async () => {
    const { reader } = await start([
      deployment({ name: "external-dns-public", namespace: "dns", args: [...SEED_ARGS.filter((a) => !a.startsWith("--txt-owner-id")), "--txt-owner-id=public"] }),
      deployment({
        name: "external-dns-private",
        namespace: "dns-private",
        image: "registry.k8s.io/external-dns/external-dns:v0.22.0",
        args: ["--source=ingress", "--provider=cloudflare", "--policy=upsert-only", "--txt-owner-id=private", "--txt-suffix=-own", "--domain-filter=internal.example.com"],
      }),
      // Same label, but not external-dns (e.g. a webhook provider packaged on its own).
      deployment({ name: "other", namespace: "dns", containerName: "webhook", image: "ghcr.io/acme/dns-webhook:1.0", sidecars: [{ name: "proxy", image: "envoyproxy/envoy:v1.30" }] }),
      // external-dns, but without the chart's label: not selected.
      deployment({ name: "unlabelled", namespace: "dns", labels: { app: "external-dns" } }),
    ]);
    const instances = reader.snapshot().instances;
    expect(instances.map((i) => [i.id, i.config.txtOwnerId, i.config.version.raw])).toEqual([
      ["dns/external-dns-public", "public", "v0.20.0"],
      ["dns-private/external-dns-private", "private", "v0.22.0"],
    ]);
    expect(instances[1].config).toMatchObject({ policy: "upsert-only", txtSuffix: "-own", domainFilters: ["internal.example.com"], annotationPrefix: "external-dns.kubernetes.io/" });
  });

  it("applies EXTERNAL_DNS_* environment variables for flags not on the command line", async () => {
    const { reader } = await start([
      deployment({
        args: ["--source=ingress", "--provider=cloudflare", "--policy=sync", "--txt-owner-id=from-args"],
        env: [
          { name: "EXTERNAL_DNS_TXT_OWNER_ID", value: "from-env" }, // the command line wins
          { name: "EXTERNAL_DNS_TXT_PREFIX", value: "edns-" },
          { name: "EXTERNAL_DNS_DOMAIN_FILTER", value: "a.example.com\nb.example.com" },
          { name: "EXTERNAL_DNS_CLOUDFLARE_PROXIED", value: "true" },
          { name: "CF_API_TOKEN", valueFrom: { secretKeyRef: { name: "cf", key: "token" } } },
        ],
      }),
    ]);
    const c = reader.snapshot().instances[0].config;
    expect(c).toMatchObject({ txtOwnerId: "from-args", txtPrefix: "edns-", domainFilters: ["a.example.com", "b.example.com"], cloudflareProxied: true });
  });

  it("sees configuration changes by watch and watches the kinds the new sources read", async () => {
    const { emu, reader } = await start([deployment()]);
    expect(reader.snapshot().health.map((h) => h.id)).not.toContain("cluster/grpcroutes");
    let calls = 0;
    reader.onChange(() => calls++);

    emu.apply(deployment({ args: [...SEED_ARGS, "--source=gateway-grpcroute"] }));
    const s = await waitForSnapshot(reader, (x) => x.instances[0]?.config.sources.includes("gateway-grpcroute") ?? false, "new source");
    await waitFor(() => calls > 0, "onChange after the Deployment changed");
    await waitForSnapshot(reader, (x) => x.health.some((h) => h.id === "cluster/grpcroutes" && h.status === "ok"), "grpcroutes watched");
    expect(s.instances).toHaveLength(1);

    emu.apply({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "GRPCRoute",
      metadata: { name: "grpc", namespace: "default" },
      spec: { hostnames: ["grpc.example.com"] },
    });
    const withGrpc = await waitForSnapshot(reader, (x) => x.objects.routes.some((r) => r.kind === "GRPCRoute"), "GRPCRoute in snapshot");
    expect(withGrpc.objects.routes.find((r) => r.kind === "GRPCRoute")?.apiVersion).toBe("gateway.networking.k8s.io/v1");

    // Back to the seed sources: GRPCRoutes are no longer read.
    emu.apply(deployment());
    await waitForSnapshot(reader, (x) => !x.health.some((h) => h.id === "cluster/grpcroutes"), "grpcroutes unwatched");
    expect(reader.snapshot().objects.routes.some((r) => r.kind === "GRPCRoute")).toBe(false);
  });

  it("drops an instance whose Deployment is deleted", async () => {
    const { emu, reader } = await start([deployment(), deployment({ name: "second", args: [...SEED_ARGS, "--txt-owner-id=two"].filter((a) => a !== "--txt-owner-id=default") })]);
    expect(reader.snapshot().instances).toHaveLength(2);
    emu.remove("apps/v1", "Deployment", "networking", "second");
    await waitForSnapshot(reader, (x) => x.instances.length === 1, "instance removed");
  });

  it("explains how to configure discovery when no Deployment matches", async () => {
    const { emu, reader } = await start([deployment({ labels: { app: "external-dns" } })]);
    const s = reader.snapshot();
    expect(s.instances).toEqual([]);
    const h = healthOf(s, "cluster/deployments");
    expect(h).toMatchObject({ status: "missing", error: { code: "not-found" } });
    expect(h.error?.message).toMatch(/no Deployment matches app\.kubernetes\.io\/name=external-dns in any namespace/);
    expect(h.error?.message).toMatch(/DNSDRIFT_EXTERNALDNS_SELECTOR/);
    expect(h.error?.message).toMatch(/DNSDRIFT_EXTERNALDNS_CONFIG/);
    // Without external-dns's configuration nothing can be planned safely.
    expect(s.complete).toBe(false);
    // Deployed later: found without a restart.
    emu.apply(deployment({ name: "late" }));
    const found = await waitForSnapshot(reader, (x) => x.instances.length === 1, "late deployment");
    expect(healthOf(found, "cluster/deployments").status).toBe("ok");
  });

  it("uses a configured selector and namespace", async () => {
    const { reader } = await start(
      [deployment({ name: "a", namespace: "dns", labels: { app: "external-dns" } }), deployment({ name: "b", namespace: "other", labels: { app: "external-dns" } })],
      { mode: "discover", selector: "app=external-dns", namespace: "dns" },
    );
    const s = reader.snapshot();
    expect(s.instances.map((i) => i.id)).toEqual(["dns/a"]);
    expect(healthOf(s, "cluster/deployments").label).toBe("external-dns Deployments (apps/v1, app=external-dns in dns)");
    expect(emu!.stats().requests.recent.some((r) => r.path === "/apis/apps/v1/namespaces/dns/deployments")).toBe(true);
  });

  it("lets the version and annotation prefix overrides win over the image tag", async () => {
    const { reader } = await start([deployment()], { mode: "discover", overrides: { version: "v0.22.0", annotationPrefix: "custom.io/" } });
    const c = reader.snapshot().instances[0].config;
    expect(c.version.raw).toBe("v0.22.0");
    expect(c.annotationPrefix).toBe("custom.io/");
  });

  it("reports a forbidden Deployment list as an error (instances unknown → incomplete)", async () => {
    emu = await startKubeEmulator({ objects: [deployment()], forbidden: ["deployments"] });
    reader = readerFor(emu);
    await reader.start();
    const s = reader.snapshot();
    expect(healthOf(s, "cluster/deployments")).toMatchObject({ status: "error", error: { code: "forbidden" } });
    expect(s.complete).toBe(false);
  });

  it("in static mode, reads no Deployments and uses the configured instances", async () => {
    const { reader } = await start([deployment()], {
      mode: "static",
      static: [{ id: "configured", args: ["--source=gateway-tlsroute", "--provider=cloudflare", "--policy=sync"], version: "v0.21.0" }],
    });
    await waitFor(() => reader.snapshot().health.some((h) => h.id === "cluster/tlsroutes" && h.status === "ok"), "tlsroutes");
    const s = reader.snapshot();
    expect(s.instances.map((i) => [i.id, i.origin, i.config.version.raw])).toEqual([["configured", "config-file", "v0.21.0"]]);
    expect(s.health.map((h) => h.id)).not.toContain("cluster/deployments");
    expect(deploymentRequests()).toEqual([]);
    expect(s.complete).toBe(true);
  });
});
