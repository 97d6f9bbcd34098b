// The `yaml` reader for manifest text js-yaml refuses (see manifest-js-yaml.ts): its error names the
// document and says what is wrong; where the two readers disagree on an edge of the spec, its
// result is the one used.

import { parseAllDocuments } from "yaml";
import { InputError } from "../externaldns/errors";
import type { SlowYamlReader } from "./manifest-text";

export const parseWithYaml: SlowYamlReader = (text, file) =>
  parseAllDocuments(text, { prettyErrors: true }).map((doc, i) => {
    if (doc.errors.length > 0) {
      throw new InputError(file, `invalid YAML in document ${i + 1}: ${doc.errors[0].message.split("\n")[0]}`);
    }
    return doc.toJS({ maxAliasCount: 100 }) ?? null;
  });
