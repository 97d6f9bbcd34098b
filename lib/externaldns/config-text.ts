// Plain-text argument files (what people paste from a Deployment or a shell): the text → the
// argument list external-dns would receive.

/**
 * One argument per line, or several per line separated like a shell command line (quotes group,
 * a trailing backslash continues the line); "--flag value" on a line of its own is two arguments.
 */
export function argsFromText(text: string): string[] {
  const args: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim().replace(/\s*\\$/, "");
    if (line === "" || line.startsWith("#")) continue;
    if (/["']/.test(line) || /\s-{1,2}[A-Za-z]/.test(line) || /^external-dns\s/.test(line)) args.push(...shellSplit(line));
    else {
      const m = /^(--[^=\s]+)\s+(.+)$/.exec(line);
      args.push(...(m ? [m[1], m[2]] : [line]));
    }
  }
  return args[0] === "external-dns" ? args.slice(1) : args;
}

function shellSplit(line: string): string[] {
  const out: string[] = [];
  let cur: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && (line[i + 1] === '"' || line[i + 1] === "\\")) cur += line[++i];
      else cur += c;
    } else if (/\s/.test(c)) {
      if (cur !== undefined) out.push(cur);
      cur = undefined;
    } else {
      cur ??= "";
      if (c === '"' || c === "'") quote = c;
      else if (c === "\\" && i + 1 < line.length) cur += line[++i];
      else cur += c;
    }
  }
  if (cur !== undefined) out.push(cur);
  return out;
}

// A YAML list item that is a string whatever YAML version or schema reads it: a plain scalar
// starting with "--" (a flag; go-yaml resolves no such scalar to a number or boolean) made of
// characters that cannot start a comment, a mapping or an alias, or a quoted string without
// escapes. Anything else — comments after an item, nesting, anchors, documents — is left to
// the YAML reader.
const YAML_LIST_ITEM = /^- +(?:(--[\w.\-=/,:+@~%]*[\w.\-=/,+@~%])|'([^']*)'|"([^"\\]*)") *$/;

/**
 * The arguments of a --config file that is a YAML list of simple strings, as in a Deployment's
 * `args` (the usual form), without loading a YAML reader; undefined for any other text. A table
 * and a property test hold it to what the `yaml` reader gives (config-text.test.ts).
 */
export function argsFromYamlList(text: string): string[] | undefined {
  if (/[\r\t\uFEFF]/.test(text)) return undefined;
  const args: string[] = [];
  for (const line of text.split("\n")) {
    if (/^ *(#.*)?$/.test(line)) continue;
    const m = YAML_LIST_ITEM.exec(line);
    if (!m) return undefined;
    args.push(m[1] ?? m[2] ?? m[3]);
  }
  return args.length > 0 ? args : undefined;
}
