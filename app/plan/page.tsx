import type { Metadata } from "next";
import { Suspense } from "react";
import { PlanPage } from "@/components/plan/plan-page";
import { Loading } from "@/components/ui/feedback";

export const metadata: Metadata = { title: "Plan" };

export default function Page() {
  return (
    <Suspense fallback={<Loading />}>
      <PlanPage />
    </Suspense>
  );
}
