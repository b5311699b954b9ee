import "highlight.js/styles/github.css";

import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import latex from "highlight.js/lib/languages/latex";
import plaintext from "highlight.js/lib/languages/plaintext";
import python from "highlight.js/lib/languages/python";
import typescript from "highlight.js/lib/languages/typescript";
import yaml from "highlight.js/lib/languages/yaml";

import type { CodeBlockFieldsFragment } from "@/gql/graphql";

import { sanitize } from "../sanitize.mjs";

// The CMS's CODE_LANGUAGES (core/blocks.py), each mapped to a highlight.js grammar. Highlighting
// runs on the server only: the browser receives classed <span>s and a small stylesheet.
const GRAMMARS = { bash, c, cpp, javascript, json, latex, plaintext, python, typescript, yaml };
for (const [name, grammar] of Object.entries(GRAMMARS)) hljs.registerLanguage(name, grammar);

const ALIASES: Record<string, keyof typeof GRAMMARS> = {
  cuda: "cpp", // CUDA C++ has no grammar of its own; C++ covers its syntax
  text: "plaintext",
  shell: "bash",
  sh: "bash",
  js: "javascript",
  ts: "typescript",
  tex: "latex",
};

const LANGUAGE_LABELS: Record<string, string> = {
  bash: "Shell",
  c: "C",
  cpp: "C++",
  cuda: "CUDA",
  javascript: "JavaScript",
  json: "JSON",
  latex: "LaTeX",
  python: "Python",
  typescript: "TypeScript",
  yaml: "YAML",
};

function highlight(code: string, language: string): string {
  const grammar = ALIASES[language] ?? language;
  const name = hljs.getLanguage(grammar) ? grammar : "plaintext";
  return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
}

export function CodeBlock({ block }: { block: CodeBlockFieldsFragment }) {
  const label = LANGUAGE_LABELS[block.language];
  const caption = block.filename || label;
  return (
    <figure className="block-code">
      {caption ? (
        <figcaption>
          {block.filename ? <code>{block.filename}</code> : null}
          {label ? <span className="code-language">{label}</span> : null}
        </figcaption>
      ) : null}
      <pre tabIndex={0}>
        <code
          className={`hljs language-${block.language}`}
          dangerouslySetInnerHTML={{ __html: sanitize(highlight(block.code, block.language), "highlighted") }}
        />
      </pre>
    </figure>
  );
}
