// A reader for the project's Dockerfile and .dockerignore, enough to check them without a Docker
// engine: instructions by stage (continuations joined, comments dropped, ARG defaults applied to
// FROM), and Docker's ignore rules (top-level unless **/, later rules win, `!` re-includes, a
// folder's rule covers everything in it).

export interface Instruction {
  op: string;
  args: string;
}

export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const lines: string[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    if (/^\s*#/.test(raw)) continue;
    const line = raw.replace(/\s+$/, "");
    if (line.endsWith("\\")) {
      pending += line.slice(0, -1) + " ";
      continue;
    }
    const full = (pending + line).trim();
    pending = "";
    if (full) lines.push(full);
  }
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of lines) {
    const m = /^(\w+)\s+(.*)$/s.exec(line);
    if (!m) throw new Error(`unreadable Dockerfile line: ${line}`);
    const op = m[1].toUpperCase();
    const rest = m[2].replace(/\s+/g, " ").trim();
    if (op === "ARG" && stages.length === 0) {
      const [k, v = ""] = rest.split("=");
      args.set(k, v);
      continue;
    }
    if (op === "FROM") {
      const [image, as, name] = rest.split(" ");
      const from = image.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args.get(a ?? b) ?? "");
      stages.push({ name: as?.toUpperCase() === "AS" ? name : String(stages.length), from, instructions: [] });
      continue;
    }
    if (stages.length === 0) throw new Error(`${op} before the first FROM`);
    stages[stages.length - 1].instructions.push({ op, args: rest });
  }
  return stages;
}

/** ENV instructions of a stage as a map (the `KEY=value KEY2=value2` form). */
export function stageEnv(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of stage.instructions.filter((x) => x.op === "ENV")) {
    for (const m of i.args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[m[1]] = m[2].replace(/^"|"$/g, "");
  }
  return env;
}

/** The exec form's argument list (`["node", "x.js"]`). */
export function execForm(args: string): string[] {
  const json = args.replace(/^(--\S+\s+)*CMD\s+/, "");
  return JSON.parse(json) as string[];
}

function patternRegex(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      re += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

export function dockerignore(text: string): (file: string) => boolean {
  const rules = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const negate = l.startsWith("!");
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+/, "").replace(/\/+$/, "");
      return { negate, re: patternRegex(pattern) };
    });
  return (file: string) => {
    const parts = file.split("/");
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    let ignored = false;
    for (const rule of rules) {
      if (prefixes.some((p) => rule.re.test(p))) ignored = !rule.negate;
    }
    return ignored;
  };
}
