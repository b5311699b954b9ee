import type { HeadingBlockFieldsFragment } from "@/gql/graphql";

/** Level 2, 3 or 4: the page's title is the only h1. */
export function HeadingBlock({ block }: { block: HeadingBlockFieldsFragment }) {
  const level = Math.min(Math.max(block.level, 2), 4) as 2 | 3 | 4;
  const Heading = `h${level}` as const;
  return <Heading className="block-heading">{block.text}</Heading>;
}
