import type { QuoteBlockFieldsFragment } from "@/gql/graphql";

export function QuoteBlock({ block }: { block: QuoteBlockFieldsFragment }) {
  const paragraphs = block.text.split(/\n\s*\n/).filter((paragraph) => paragraph.trim());
  return (
    <figure className="block-quote">
      <blockquote>
        {paragraphs.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </blockquote>
      {block.attribution ? <figcaption>— {block.attribution}</figcaption> : null}
    </figure>
  );
}
