import type { ReactNode } from "react";

import type {
  BaseStreamBlockFieldsFragment,
  HomeStreamBlockFieldsFragment,
  ShortStreamBlockFieldsFragment,
} from "@/gql/graphql";

import { CalloutBlock } from "./CalloutBlock";
import { CodeBlock } from "./CodeBlock";
import { DataTableBlock } from "./DataTableBlock";
import { EquationBlock } from "./EquationBlock";
import { FeaturedPageBlock } from "./FeaturedPageBlock";
import { FigureBlock } from "./FigureBlock";
import { GalleryBlock } from "./GalleryBlock";
import { HeadingBlock } from "./HeadingBlock";
import { LinkButtonsBlock } from "./LinkButtonsBlock";
import { MediaEmbedBlock } from "./MediaEmbedBlock";
import { QuoteBlock } from "./QuoteBlock";
import { RichTextBlock } from "./RichTextBlock";

/** A block of any StreamField union the frontend queries. */
export type StreamBlock = HomeStreamBlockFieldsFragment | BaseStreamBlockFieldsFragment | ShortStreamBlockFieldsFragment;

export function StreamField({ blocks }: { blocks: readonly StreamBlock[] }) {
  if (!blocks.length) return null;
  return (
    <div className="stream-field">
      {blocks.map((block, index) => (
        <Block key={blockKey(block, index)} block={block} />
      ))}
    </div>
  );
}

/** The block's id (a UUID, stable across edits) when it has one. */
function blockKey(block: StreamBlock, index: number): string | number {
  return ("id" in block && typeof block.id === "string" && block.id) || index;
}

function Block({ block }: { block: StreamBlock }): ReactNode {
  switch (block.__typename) {
    case "HeadingBlock":
      return <HeadingBlock block={block} />;
    case "RichTextBlock":
      return <RichTextBlock block={block} />;
    case "FigureBlock":
      return <FigureBlock block={block} />;
    case "CodeBlock":
      return <CodeBlock block={block} />;
    case "EquationBlock":
      return <EquationBlock block={block} />;
    case "MediaEmbedBlock":
      return <MediaEmbedBlock block={block} />;
    case "QuoteBlock":
      return <QuoteBlock block={block} />;
    case "CalloutBlock":
      return <CalloutBlock block={block} />;
    case "DataTableBlock":
      return <DataTableBlock block={block} />;
    case "LinkButtonsBlock":
      return <LinkButtonsBlock block={block} />;
    case "GalleryBlock":
      return <GalleryBlock block={block} />;
    case "FeaturedPageBlock":
      return <FeaturedPageBlock block={block} />;
    default:
      return unknownBlock(block);
  }
}

/**
 * Compile time: `block` is `never` only while every block type in the queried unions has a case
 * above, so a block type added to the schema fails `npm run typecheck` until it has a component.
 * Run time (a CMS deployed ahead of the frontend): the block is skipped, with a warning.
 */
function unknownBlock(block: never): null {
  console.warn(`No component for StreamField block ${(block as { __typename?: string }).__typename}; skipped.`);
  return null;
}
