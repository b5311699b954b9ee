import "katex/dist/katex.min.css";

import katex from "katex";

import type { EquationBlockFieldsFragment } from "@/gql/graphql";

import { sanitize } from "../sanitize.mjs";

/**
 * A displayed equation (a formula inside a sentence is inline math in a paragraph's HTML). Normally the API's `mathml`, rendered on the server by the CMS and drawn natively by
 * the browser (MathML Core); KaTeX on `latex` only when `mathml` is null, which the API sends only
 * for LaTeX saved before the CMS checked equations on save.
 *
 * `mathml` is inserted as HTML. That is safe because the CMS builds it itself rather than passing
 * the converter's string on: core/math.py (`_serialise`, `_clean`) converts the LaTeX to an
 * ElementTree with latex2mathml, then writes it out with ElementTree's `tostring`, which escapes
 * every text node and attribute value; it turns character references into characters first (so
 * nothing is double-unescaped), and drops `href`, `xlink:href`, `src`, `style`, `class`, `id` and
 * every `on*` attribute. `\href` and `\url` are refused at save time. docs/scholarly.md ("Math")
 * says the same, and the CMS's tests cover script and attribute injection. It is cleaned here too
 * (sanitize.mjs, MathML elements only), so the page does not depend on the API for its safety.
 *
 * KaTeX's stylesheet and fonts come from the katex package and are bundled by Next; nothing is
 * fetched from a CDN. A formula KaTeX cannot parse is shown as its source, in the error colour,
 * rather than failing the page.
 */
export function EquationBlock({ block }: { block: EquationBlockFieldsFragment }) {
  const html = block.mathml ? sanitize(block.mathml, "mathml") : renderWithKatex(block.latex);
  return <div className="block-equation" dangerouslySetInnerHTML={{ __html: html }} />;
}

function renderWithKatex(latex: string): string {
  return katex.renderToString(latex, {
    displayMode: true,
    throwOnError: false,
    output: "htmlAndMathml",
    strict: "ignore",
    trust: false,
  });
}
