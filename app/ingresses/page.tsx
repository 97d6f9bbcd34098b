import type { Metadata } from "next";
import { Suspense } from "react";
import { IngressesPage } from "@/components/gateways/ingresses-page";
import { Loading } from "@/components/ui/feedback";

export const metadata: Metadata = { title: "Ingresses" };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <IngressesPage />
    </Suspense>
  );
}
