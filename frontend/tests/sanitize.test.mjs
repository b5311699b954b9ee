// node --test tests/ (npm test): the sanitiser every dangerouslySetInnerHTML of the frontend goes through.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { sanitize } from "../src/components/sanitize.mjs";

describe("sanitize rich text", () => {
  it("drops <script> with its content, and <svg onload>", () => {
    const html = sanitize('<p>a<script>alert(1)</script>b</p><svg onload="alert(2)"><circle/></svg>');
    assert.equal(html, "<p>ab</p>");
  });

  it("drops event-handler attributes such as onerror", () => {
    const html = sanitize('<p onclick="alert(1)"><img src="/media/a.png" onerror="alert(2)"></p>');
    assert.doesNotMatch(html, /onclick|onerror|alert/);
    assert.match(html, /<img src="\/media\/a.png" \/>/);
  });

  it("drops javascript: and data: URLs, however they are spelled, and keeps web, mailto and relative links", () => {
    for (const href of ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x"]) {
      assert.equal(sanitize(`<a href="${href}">x</a>`), "<a>x</a>", href);
    }
    const kept = '<a href="https://arxiv.org/abs/1">p</a><a href="mailto:lab@mit.edu">m</a><a href="/blog/x/">b</a>';
    assert.equal(sanitize(kept), kept);
  });

  it("keeps the markup the CMS's rich text features emit", () => {
    const html = "<p><b>A</b> <i>B</i> <code>c</code> x<sup>2</sup> y<sub>i</sub></p><ul><li>one</li></ul><ol><li>two</li></ol>";
    assert.equal(sanitize(html), html);
  });
});

describe("sanitize inline math in rich text", () => {
  it("keeps a formula's MathML inside the sentence, beside its source", () => {
    const html =
      '<p>Energy <span class="math" data-latex="E = mc^2"><math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mi>E</mi><mo>=</mo><msup><mi>c</mi><mn>2</mn></msup></math></span> at rest.</p>';
    assert.equal(sanitize(html), html);
  });

  it("drops links and handlers inside a formula", () => {
    assert.equal(
      sanitize('<span class="math" onclick="x()"><math><mi href="javascript:alert(1)" style="x">x</mi></math></span>'),
      '<span class="math"><math><mi>x</mi></math></span>',
    );
  });
});

describe("sanitize other profiles", () => {
  it("keeps MathML as the CMS renders it, without links or handlers", () => {
    const math = '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><mfrac><mi mathvariant="normal">a</mi><mn>2</mn></mfrac></math>';
    assert.equal(sanitize(math, "mathml"), math);
    assert.equal(
      sanitize('<math><mi href="javascript:alert(1)" onclick="alert(2)">x</mi><script>alert(3)</script></math>', "mathml"),
      "<math><mi>x</mi></math>",
    );
  });

  it("keeps only <mark> in a search snippet and classed spans in highlighted code", () => {
    assert.equal(sanitize('<mark>AWQ</mark> <img src=x onerror="alert(1)">', "snippet"), "<mark>AWQ</mark> ");
    assert.equal(sanitize('<span class="hljs-keyword" onmouseover="x">def</span>', "highlighted"), '<span class="hljs-keyword">def</span>');
  });
});
