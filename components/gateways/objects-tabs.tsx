"use client";

import { LinkTabs } from "@/components/ui/nav";
import type { ObjectsData } from "./api";

export function ObjectsTabs({ data }: { data?: ObjectsData }) {
  return (
    <LinkTabs
      label="Object kinds"
      items={[
        { href: "/gateways", label: "Gateways & routes", count: data?.gateways.length },
        { href: "/ingresses", label: "Ingresses", count: data?.ingresses.length },
        { href: "/dnsendpoints", label: "DNSEndpoints", count: data?.dnsEndpoints.length },
        ...(data?.services ? [{ href: "/services", label: "Services", count: data.services.length }] : []),
      ]}
    />
  );
}
