import "katex/dist/katex.min.css";

import katex from "katex";

import type { EquationBlockFieldsFragment } from "@/gql/graphql";

/**
 * LaTeX rendered to HTML and MathML by KaTeX on the server. Its stylesheet and fonts come from the
 * katex package and are bundled by Next; nothing is fetched from a CDN. A formula KaTeX cannot
 * parse is shown as its source, in the error colour, rather than failing the page.
 */
export function EquationBlock({ block }: { block: EquationBlockFieldsFragment }) {
  const display = block.mode !== "inline";
  const html = katex.renderToString(block.latex, {
    displayMode: display,
    throwOnError: false,
    output: "htmlAndMathml",
    strict: "ignore",
    trust: false,
  });
  return display ? (
    <div className="block-equation" dangerouslySetInnerHTML={{ __html: html }} />
  ) : (
    <p className="block-equation-inline">
      <span dangerouslySetInnerHTML={{ __html: html }} />
    </p>
  );
}
