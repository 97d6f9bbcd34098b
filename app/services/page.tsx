import type { Metadata } from "next";
import { Suspense } from "react";
import { ServicesPage } from "@/components/gateways/services-page";
import { Loading } from "@/components/ui/feedback";

export const metadata: Metadata = { title: "Services" };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <ServicesPage />
    </Suspense>
  );
}
