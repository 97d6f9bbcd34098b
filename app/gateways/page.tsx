import type { Metadata } from "next";
import { Suspense } from "react";
import { GatewaysPage } from "@/components/gateways/gateways-page";
import { Loading } from "@/components/ui/feedback";

export const metadata: Metadata = { title: "Gateways" };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <GatewaysPage />
    </Suspense>
  );
}
