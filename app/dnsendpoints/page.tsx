import type { Metadata } from "next";
import { Suspense } from "react";
import { DnsEndpointsPage } from "@/components/gateways/dnsendpoints-page";
import { Loading } from "@/components/ui/feedback";

export const metadata: Metadata = { title: "DNSEndpoints" };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <DnsEndpointsPage />
    </Suspense>
  );
}
