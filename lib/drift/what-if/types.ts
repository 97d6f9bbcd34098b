// The what-if document: what would change if external-dns ran with another version or other
// flags. The CLI prints it, the API serves it, the What-if page and the overview read it.

import type { Fix } from "../../api/types";
import type { ConfigIssue, RecordChange } from "../../externaldns/types";

export type CauseCode = "annotation-prefix-changed" | "flag-changed" | "version-behaviour";

export interface WhatIfCause {
  code: CauseCode;
  message: string;
  /** The object ("httproute/default/api") or "config" the cause is about. */
  resource: string;
  /** flag-changed: the flag, e.g. "--policy". */
  flag?: string;
  /** annotation-prefix-changed: the annotations on `resource` that stop (or start) being read. */
  annotations?: string[];
}

export type ConsequenceCode = "private-address" | "proxied-private-address" | "wildcard-appears" | "type-change" | "resolves-today";

export interface WhatIfConsequence {
  code: ConsequenceCode;
  message: string;
}

/** A change of the plan (same shape as `dnsdrift plan`'s), with why it differs and what it risks. */
export interface WhatIfChange extends RecordChange {
  causes: WhatIfCause[];
  consequences: WhatIfConsequence[];
}

export interface WhatIfSide {
  version: string;
  annotationPrefix: string;
  /** True when --annotation-prefix sets it; false when it follows the version. */
  annotationPrefixExplicit: boolean;
  policy: string;
  txtOwnerId: string;
  txtPrefix: string;
  txtSuffix: string;
  summary: { create: number; update: number; delete: number };
}

/** One thing that differs between the two configurations. */
export interface Dimension {
  kind: "version" | "annotation-prefix" | "flag";
  /** "--policy" for flags; "--annotation-prefix" for the prefix; "version" for the release. */
  flag: string;
  from: string;
  to: string;
}

export interface SafeOrder {
  title: string;
  /** Each step is safe for the versions running while it is in place. */
  steps: string[];
}

export interface WhatIfDocument {
  current: WhatIfSide;
  next: WhatIfSide;
  changed: Dimension[];
  /** The next plan's changes that today's plan lacks. */
  differences: WhatIfChange[];
  /** Today's changes that would no longer happen. */
  vanishing: WhatIfChange[];
  summary: {
    differences: number;
    vanishing: number;
    create: number;
    update: number;
    delete: number;
    /** Differences per cause code, and per consequence code. */
    causes: Partial<Record<CauseCode, number>>;
    consequences: Partial<Record<ConsequenceCode, number>>;
  };
  /** Reasons the next plan stops at (unowned, another owner, the policy) that today's plan does not. */
  newlyBlocked: { code: string; resource: string; message: string; hostnames: string[] }[];
  fixes: Fix[];
  /** Orders of steps that never publish the differences, and those that do. */
  order: { safe: SafeOrder[]; unsafe: string[] };
  /** What the next configuration's parser reported (unmodelled flags, startup problems). */
  nextIssues: ConfigIssue[];
}
