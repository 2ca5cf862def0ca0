// Types of the Dockwise JavaScript API. The object shapes mirror the Review JSON contract
// (shared/spec/interfaces.md) field for field; tests/e2e/npm-node.test.mjs checks every interface below against
// what the engine returns.

export type Severity = 'style' | 'info' | 'warning' | 'error';
export type Category =
  | 'security'
  | 'image-size'
  | 'build-cache'
  | 'reproducibility'
  | 'correctness'
  | 'runtime'
  | 'style';
export type Applicability = 'safe' | 'unsafe';
/** Whether a rule can fix what it finds; `sometimes`: safe in some cases, unsafe in others. */
export type FixKind = 'none' | 'safe' | 'unsafe' | 'sometimes';
export type Peer = 'hadolint' | 'shellcheck' | 'buildkit' | 'trivy' | 'checkov';

/** Replace `start..end` of the input with `text`. `start`/`end` are UTF-8 byte offsets; `*_utf16` index JS strings. */
export interface Edit {
  start: number;
  end: number;
  start_utf16: number;
  end_utf16: number;
  text: string;
}

/** A fix: its edits are applied together or not at all. */
export interface Fix {
  applicability: Applicability;
  title: string;
  /** What the change does to the image; absent when the rule gives none. */
  explanation?: string;
  edits: Edit[];
}

export interface Finding {
  /** Dockwise's code, e.g. "DW2007". */
  rule: string;
  /** Kebab-case name, e.g. "image-latest-tag". */
  name: string;
  /** Peer tools' codes for the same check, e.g. { hadolint: "DL3007" }; {} when none. */
  aliases: Partial<Record<Peer, string>>;
  severity: Severity;
  category: Category;
  /** What is wrong, why it matters, what to do. */
  message: string;
  /** 1-based; columns count Unicode scalar values. */
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  /** UTF-8 byte offsets into the input. */
  start: number;
  end: number;
  /** UTF-16 code unit offsets into the input: use these with JS strings and editors. */
  start_utf16: number;
  end_utf16: number;
  fix: Fix | null;
}

/** A place the parser could not read; the review still covers the rest. */
export interface SyntaxError {
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  start: number;
  end: number;
  start_utf16: number;
  end_utf16: number;
  message: string;
}
export type DockerfileSyntaxError = SyntaxError;

/** One applied fix, explained. */
export interface Change {
  /** The rules whose findings this change resolves. */
  rules: string[];
  applicability: Applicability;
  title: string;
  summary: string;
  /** 1-based line in the original text the change is about, when known. */
  line?: number;
  /** False for an unsafe change a review lists beside a safe-only rewrite (what the unsafe rewrite also does). */
  applied: boolean;
  /** What the change keeps out of the image, where Dockwise has measured it. */
  saves?: Saving;
}

/** An approximation, not a measurement. */
export interface Saving {
  /** About how many megabytes (installed size) the change keeps out of the image, when measured. */
  mb?: number;
  /** What is saved, in words. */
  note: string;
}

/** What the rewrite saves: approximations, not measurements. */
export interface Estimate {
  approximate: boolean;
  layers_before: number;
  layers_after: number;
  base_before: string | null;
  base_after: string | null;
  base_size_mb_before: number | null;
  base_size_mb_after: number | null;
  summary: string;
}

export interface Review {
  path: string | null;
  findings: Finding[];
  syntax_errors: SyntaxError[];
  /** The whole Dockerfile after every applicable fix. */
  rewritten: string;
  /** Applied changes, then the unsafe ones a safe-only rewrite left out (`applied: false`). */
  changes: Change[];
  /** Why the file was not rewritten (it has syntax errors), or null. */
  rewrite_refused: string | null;
  /** False when applying fixes did not settle (a bug worth reporting). */
  converged: boolean;
  /** A suggested .dockerignore when the Dockerfile copies its whole context. */
  dockerignore: string | null;
  /** The date of the embedded base-image data (releases, end-of-life dates, sizes), YYYY-MM-DD. */
  data_date: string;
  estimate: Estimate | null;
}

export interface FixResult {
  text: string;
  changes: Change[];
  converged: boolean;
}

export interface Rule {
  code: string;
  name: string;
  category: Category;
  severity: Severity;
  aliases: Partial<Record<Peer, string>>;
  enabled_by_default: boolean;
  fix: FixKind;
  what: string;
  why: string;
  example: string;
  fixed: string;
  fix_safety: string;
  differences: string;
}

/** Which rules run and how (the CLI's .dockwise.toml, as an object). Selectors: codes, names, peer codes or categories. */
export interface Options {
  enable?: string[];
  disable?: string[];
  /** When not empty, only these rules run. */
  only?: string[];
  severity?: Record<string, Severity>;
  trusted_registries?: string[];
  failure_threshold?: Severity;
  /** Apply unsafe fixes in the rewrite too. */
  unsafe_fixes?: boolean;
  /** Whether a .dockerignore sits next to the Dockerfile; null: unknown. */
  context_has_dockerignore?: boolean | null;
  /** The build context's .dockerignore contents. */
  dockerignore?: string | null;
  /** hadolint's label schema: label key → value format; turns the label rules on for these keys. */
  label_schema?: Record<string, "text" | "url" | "spdx" | "rfc3339" | "hash" | "semver" | "email">;
  /** Labels outside the schema are findings (DL3050). */
  strict_labels?: boolean;
  /** Inline ignore comments silence nothing. */
  disable_ignore_pragma?: boolean;
}

export interface ReviewOptions extends Options {
  /** Shorthand for `unsafe_fixes`. */
  unsafe?: boolean;
}

export interface FixOptions extends Options {
  /** Apply unsafe fixes too (default false). */
  unsafe?: boolean;
}

/** What `init` accepts: where or what the .wasm is. Default: the file next to the module (Node: read from disk). */
export type InitInput = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/** Load the engine once; later calls return the same promise. Call before `review`, `fix` or `rules`. */
export function init(input?: InitInput | Promise<InitInput>): Promise<void>;
/** Load the engine synchronously from bytes or a compiled module. */
export function initSync(module: BufferSource | WebAssembly.Module): void;
/** Review a Dockerfile. Throws an Error for invalid options, a TypeError for a non-string source. */
export function review(source: string, options?: ReviewOptions): Review;
/** Apply fixes (safe only unless `unsafe: true`). */
export function fix(source: string, options?: FixOptions): FixResult;
/** Every rule with its docs. */
export function rules(): Rule[];
