// HTML from the API, cleaned before React inserts it: the CMS sanitises what it stores, and this makes the frontend
// safe on its own too, should the API ever send a script (an old row, a bug, another writer). Plain JavaScript so
// that `node --test` runs its tests without a compiler; types in sanitize.d.mts.
import sanitizeHtml from "sanitize-html";

const URL_SCHEMES = ["http", "https", "mailto"];

// MathML Core as core/math.py writes it from latex2mathml's tree.
const MATHML_TAGS = [
  "math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mspace", "mtext", "mfrac", "msqrt", "mroot",
  "msub", "msup", "msubsup", "munder", "mover", "munderover", "mmultiscripts", "mprescripts", "none", "mtable",
  "mtr", "mtd", "mstyle", "mpadded", "mphantom", "menclose", "merror",
];
const MATHML_ATTRIBUTES = [
  "xmlns", "display", "mathvariant", "mathsize", "stretchy", "fence", "separator", "lspace", "rspace", "minsize",
  "maxsize", "symmetric", "largeop", "movablelimits", "accent", "accentunder", "form", "width", "height", "depth",
  "linethickness", "displaystyle", "scriptlevel", "columnalign", "rowalign", "columnspacing", "rowspacing",
  "columnlines", "rowlines", "frame", "notation", "encoding", "align",
];
const MATHML = {
  allowedTags: MATHML_TAGS,
  allowedAttributes: Object.fromEntries(MATHML_TAGS.map((tag) => [tag, MATHML_ATTRIBUTES])),
};

// What Wagtail's rich text emits for the features the CMS enables (core/sanitize.py), plus what the expanded
// database format adds: resolved links, inline math (`<span class="math" data-latex>` around MathML, or
// `<code class="math">` for a formula that no longer parses; core/math_text.py), and Wagtail's image and media
// embed markup should a feature be enabled.
const RICH_TEXT = {
  allowedTags: [
    "p", "br", "b", "strong", "i", "em", "a", "ol", "ul", "li", "code", "sup", "sub", "h2", "h3", "h4", "h5", "h6",
    "hr", "blockquote", "img", "span", ...MATHML.allowedTags,
  ],
  allowedAttributes: {
    ...MATHML.allowedAttributes,
    a: ["href"],
    img: ["src", "alt", "width", "height", "class"],
    span: ["class", "data-latex"],
    code: ["class"],
  },
};

const PROFILES = {
  richText: RICH_TEXT,
  mathml: MATHML,
  // Search snippets: escaped text with the matching words in <mark>.
  snippet: { allowedTags: ["mark"], allowedAttributes: {} },
  // highlight.js output: spans with its classes.
  highlighted: { allowedTags: ["span"], allowedAttributes: { span: ["class"] } },
};

/** `html` with only the markup of `profile` kept: no script, no event handler, no javascript: or data: URL. */
export function sanitize(html, profile = "richText") {
  const { allowedTags, allowedAttributes } = PROFILES[profile];
  return sanitizeHtml(html, {
    allowedTags,
    allowedAttributes,
    allowedSchemes: URL_SCHEMES,
    allowedSchemesAppliedToAttributes: ["href", "src"],
    allowProtocolRelative: false,
    parser: { lowerCaseAttributeNames: false },
  });
}
